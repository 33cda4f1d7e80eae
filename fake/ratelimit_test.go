package fake

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// The limiter is a pure function of the time it is given, so these tests
// walk a clock of their own through thousands of requests in no time.

func TestLimiterAllowsBurstPlusRate(t *testing.T) {
	t.Parallel()
	for _, f := range []Faults{
		{RateLimit: 2, RateWindow: time.Second, RateBurst: 1},
		{RateLimit: 4, RateWindow: time.Second, RateBurst: 1},
		{RateLimit: 7},
		{RateLimit: 10, RateWindow: time.Second, RateBurst: 5},
	} {
		l := limiter{}
		allowed := 0
		const span = 10 * time.Second
		for at := time.Duration(0); at < span; at += time.Millisecond { // a client hammering every millisecond
			if l.take("GET /x", epoch.Add(at), f).wait == 0 {
				allowed++
			}
		}
		interval, burst := f.rate()
		assert.Equal(t, burst+int((span-time.Millisecond)/interval), allowed, "%+v", f)
	}
}

func TestLimiterWaitIsExact(t *testing.T) {
	t.Parallel()
	f := Faults{RateLimit: 3, RateWindow: time.Second, RateBurst: 2}
	l := limiter{}
	now := epoch
	for i := range 50 {
		q := l.take("POST /x", now, f)
		if q.wait == 0 {
			now = now.Add(time.Duration(i%3) * 37 * time.Millisecond)
			continue
		}
		early := l.take("POST /x", now.Add(q.wait-time.Nanosecond), f)
		assert.Positive(t, early.wait, "a nanosecond early is still too early")
		now = now.Add(q.wait)
		assert.Zero(t, l.take("POST /x", now, f).wait, "on time is allowed")
	}
}

// A client that reads the headers, and waits out reset whenever remaining
// is 0, is never refused: the headers say all it needs to pace itself.
func TestLimiterHeadersAreEnoughToPace(t *testing.T) {
	t.Parallel()
	for _, f := range []Faults{
		{RateLimit: 2, RateWindow: time.Second, RateBurst: 1},
		{RateLimit: 4, RateWindow: time.Second, RateBurst: 3},
		{RateLimit: 7},
	} {
		l := limiter{}
		now := epoch
		for range 200 {
			q := l.take("POST /x", now, f)
			if !assert.Zero(t, q.wait, "%+v", f) {
				break
			}
			if q.remaining == 0 {
				now = now.Add(roundUp(q.reset))
			}
		}
	}
}

func TestLimiterEndpointsAreApart(t *testing.T) {
	t.Parallel()
	f := Faults{RateLimit: 1, RateWindow: time.Second}
	l := limiter{}
	assert.Zero(t, l.take("GET /x", epoch, f).wait)
	assert.Zero(t, l.take("POST /x", epoch, f).wait)
	assert.Equal(t, time.Second, l.take("GET /x", epoch, f).wait)
	assert.Equal(t, quota{}, l.take("GET /x", epoch, Faults{}), "no limit, nothing to say")
}

func TestRoundUp(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "6.937s", roundUp(6936*time.Millisecond+time.Nanosecond).String())
	assert.Equal(t, "1m0s", roundUp(time.Minute).String())
	assert.Equal(t, "0s", roundUp(0).String())
}
