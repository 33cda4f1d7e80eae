// The rate limiter imitates the Admin API's per-endpoint limit of a few
// requests a minute, so clients learn to wait instead of hammering.

package fake

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"time"
)

type window struct {
	start time.Time
	used  int
}

type limiter map[string]*window

// take counts a request to endpoint at now, or returns the 429 to answer.
func (l limiter) take(endpoint string, now time.Time, f Faults) *apiError {
	if f.RateLimit <= 0 {
		return nil
	}
	w := l[endpoint]
	if w == nil || !now.Before(w.start.Add(f.window())) {
		w = &window{start: now}
		l[endpoint] = w
	}
	if w.used < f.RateLimit {
		w.used++
		return nil
	}
	return rateLimited(endpoint, w.start.Add(f.window()).Sub(now), f.RateLimit, f.RateLimitHeaders)
}

// rateLimited is the 429 answer announcing wait, in the text always and in
// headers when asked.
func rateLimited(endpoint string, wait time.Duration, limit int, headers bool) *apiError {
	secs := wait.Seconds()
	e := &apiError{
		status: http.StatusTooManyRequests, typ: typeRequests, code: codeRateLimit,
		message: fmt.Sprintf("Rate limit reached for requests to %s. Please try again after %.3f seconds.", endpoint, secs),
	}
	if headers {
		e.header = http.Header{}
		e.header.Set("retry-after-ms", strconv.FormatInt(wait.Milliseconds(), 10))
		e.header.Set("Retry-After", strconv.FormatInt(int64(math.Ceil(secs)), 10))
		if limit > 0 {
			e.header.Set("x-ratelimit-limit-requests", strconv.Itoa(limit))
		}
		e.header.Set("x-ratelimit-remaining-requests", "0")
		e.header.Set("x-ratelimit-reset-requests", fmt.Sprintf("%.3fs", secs))
	}
	return e
}
