// The rate limiter imitates OpenAI's: each endpoint has a bucket of
// requests that refills evenly, so a client that spends its burst must then
// pace itself, and one that watches the x-ratelimit-* headers never has to
// be told with a 429. It is GCRA: per endpoint, one instant (when the bucket
// is full again) says everything.

package fake

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

// limiter holds, per endpoint, the instant its bucket is full again.
type limiter map[string]time.Time

// quota is an endpoint's bucket as a request finds it.
type quota struct {
	limit     int           // the bucket's size (0: no rate limit)
	remaining int           // requests left after this one
	reset     time.Duration // until the bucket is full again
	wait      time.Duration // until a request is allowed; 0 if this one is
}

// take spends one request to endpoint at now if the bucket holds one; the
// quota's wait says how long to come back after if it does not.
func (l limiter) take(endpoint string, now time.Time, f Faults) quota {
	q := l.peek(endpoint, now, f)
	if q.limit == 0 || q.wait > 0 {
		return q
	}
	interval, _ := f.rate()
	l[endpoint] = now.Add(q.reset + interval)
	q.reset += interval
	q.remaining--
	return q
}

// peek is the bucket at now, for a request that does not count (a
// scripted fault): remaining counts this request as if it had.
func (l limiter) peek(endpoint string, now time.Time, f Faults) quota {
	interval, burst := f.rate()
	if burst == 0 {
		return quota{}
	}
	debt := max(l[endpoint].Sub(now), 0) // the refill still owed
	capacity := time.Duration(burst) * interval
	q := quota{limit: burst, reset: debt, remaining: int((capacity - debt) / interval)}
	if over := debt + interval - capacity; over > 0 {
		q.wait, q.remaining = over, 0
	}
	return q
}

// rate is the interval at which the bucket refills by one request, and its
// size; a zero size means no limit.
func (f Faults) rate() (interval time.Duration, burst int) {
	if f.RateLimit <= 0 {
		return 0, 0
	}
	burst = f.RateLimit
	if f.RateBurst > 0 {
		burst = f.RateBurst
	}
	return max(f.window()/time.Duration(f.RateLimit), 1), burst
}

// header is the quota as OpenAI announces it: x-ratelimit-* on every
// answer, and on a 429 the wait as retry-after-ms and Retry-After.
func (q quota) header() http.Header {
	h := http.Header{}
	if q.limit > 0 {
		h.Set("x-ratelimit-limit-requests", strconv.Itoa(q.limit))
	}
	h.Set("x-ratelimit-remaining-requests", strconv.Itoa(q.remaining))
	h.Set("x-ratelimit-reset-requests", roundUp(q.reset).String())
	if q.wait > 0 {
		wait := roundUp(q.wait)
		h.Set("retry-after-ms", strconv.FormatInt(wait.Milliseconds(), 10))
		h.Set("Retry-After", strconv.FormatInt(int64(math.Ceil(wait.Seconds())), 10))
	}
	return h
}

// roundUp is d to the millisecond above, so a client that waits exactly
// what it is told is never early.
func roundUp(d time.Duration) time.Duration {
	return (d + time.Millisecond - 1).Truncate(time.Millisecond)
}

// rateLimited is the 429 answer announcing wait in its message, the only
// place the real Admin API often gives it.
func rateLimited(endpoint string, wait time.Duration) *apiError {
	return &apiError{
		status: http.StatusTooManyRequests, typ: typeRequests, code: codeRateLimit,
		message: fmt.Sprintf("Rate limit reached for requests to %s. Please try again after %.3f seconds.", endpoint, roundUp(wait).Seconds()),
	}
}
