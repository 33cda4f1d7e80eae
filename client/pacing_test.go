package client

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests run workers against the fake's rate limit inside a synctest
// bubble: the fake is called in-process (handlerDoer), so client and fake
// share one virtual clock, and the wall times below are exact.

// handlerDoer serves each request with h in the calling goroutine. An
// answer the handler aborts (the fake's truncation) arrives as what was
// written, in a whole HTTP answer: JSON cut short that only a decoder sees.
type handlerDoer struct{ h http.Handler }

func (d handlerDoer) Do(r *http.Request) (resp *http.Response, err error) {
	if r.Body == nil { // as a server sees a request without a body
		r.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	defer func() {
		if p := recover(); p != nil {
			if perr, _ := p.(error); !errors.Is(perr, http.ErrAbortHandler) || rec.Body.Len() == 0 {
				panic(p)
			}
			resp = rec.Result()
			resp.ContentLength = int64(rec.Body.Len())
			resp.Header.Del("Content-Length")
		}
	}()
	d.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

// pacedRun is the outcome of creating n invites with some workers.
type pacedRun struct {
	failed, limited, posts int
	wall, waited           time.Duration // waited: the sum of Response.Waited
}

func createPaced(t *testing.T, faults fake.Faults, n, workers int, opts ...Option) pacedRun {
	t.Helper()
	var run pacedRun
	synctest.Test(t, func(t *testing.T) {
		h := fake.NewHandler(fake.WithKey(testKey), fake.WithFaults(faults))
		// The client's own waits, not the tests': pacing is what is measured.
		base := []Option{WithHTTPClient(handlerDoer{h}), WithMaxRetryWait(DefaultMaxRetryWait), withBackoff(defaultBackoffBase)}
		c := newTestClient(t, "http://127.0.0.1/v1", append(base, opts...)...)
		start := time.Now()
		jobs := make(chan int)
		var failed atomic.Int32
		var waited atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for i := range jobs {
					_, resp, err := c.Invites.Create(t.Context(), CreateParams{Email: fmt.Sprintf("user%d@example.com", i), Role: RoleReader})
					if err != nil {
						t.Logf("row %d: %v", i, err)
						failed.Add(1)
					}
					waited.Add(int64(resp.Waited))
				}
			})
		}
		for i := range n {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		stats := h.Stats()
		for email, created := range stats.Created {
			assert.Equal(t, 1, created, "duplicate for %s", email)
		}
		run = pacedRun{int(failed.Load()), stats.Count(http.MethodPost, http.StatusTooManyRequests), stats.Total, time.Since(start), time.Duration(waited.Load())}
	})
	return run
}

// allowed is how long the limit needs for n requests: the first goes at
// once, the others one interval apart.
func allowed(n int, interval time.Duration) time.Duration { return time.Duration(n-1) * interval }

func TestWorkersShareOnePacer(t *testing.T) {
	t.Parallel()
	// 2 a second, burst 1, the wait only in the 429's message; 8 workers.
	run := createPaced(t, fake.Faults{RateLimit: 2, RateWindow: time.Second, RateBurst: 1}, 20, 8)
	t.Logf("20 rows, 2/s, 8 workers: %d failed, %d of %d requests answered 429, wall %s (the limit allows %s)",
		run.failed, run.limited, run.posts, run.wall, allowed(20, 500*time.Millisecond))
	assert.Zero(t, run.failed)
	// Before the pacer held them for the first answer, the workers' opening
	// burst brought 8 429s (in 28 requests); one request learning the pace
	// is all a 429 is now for.
	assert.LessOrEqual(t, run.limited, 1)
	assert.LessOrEqual(t, run.wall, allowed(20, 500*time.Millisecond)*110/100)
}

func TestOneWorkerLearnsThePace(t *testing.T) {
	t.Parallel()
	limit := fake.Faults{RateLimit: 4, RateWindow: time.Second, RateBurst: 1}
	withHeaders := limit
	withHeaders.RateLimitHeaders = true
	for _, tc := range []struct {
		name       string
		faults     fake.Faults
		opts       []Option
		maxLimited int
	}{
		{"wait only in the message", limit, nil, 6},
		{"rate-limit headers", withHeaders, nil, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			run := createPaced(t, tc.faults, 30, 1, tc.opts...)
			t.Logf("30 rows, 4/s, %s: %d failed, %d of %d requests answered 429, wall %s (the limit allows %s)",
				tc.name, run.failed, run.limited, run.posts, run.wall, allowed(30, 250*time.Millisecond))
			assert.Zero(t, run.failed)
			assert.LessOrEqual(t, run.limited, tc.maxLimited)
			assert.LessOrEqual(t, run.wall, allowed(30, 250*time.Millisecond)*115/100)
			assert.Equal(t, run.wall, run.waited, "one worker on a virtual clock does nothing but wait")
		})
	}
}

// TestWithoutPacingEveryOtherRequestIsA429 is the baseline the pacer beats:
// a client that learns the limit only by hitting it.
func TestWithoutPacingEveryOtherRequestIsA429(t *testing.T) {
	t.Parallel()
	run := createPaced(t, fake.Faults{RateLimit: 4, RateWindow: time.Second, RateBurst: 1}, 30, 1, WithoutPacing(), WithMaxRetries(5))
	t.Logf("30 rows, 4/s, no pacing: %d failed, %d of %d requests answered 429, wall %s", run.failed, run.limited, run.posts, run.wall)
	assert.Zero(t, run.failed)
	assert.GreaterOrEqual(t, run.limited, 20)
}

// TestA429sWaitSpendsNoRetryButHasABound: with no retries allowed, a paced
// call sits out 429s that say how long to wait, up to maxRateLimited.
func TestA429sWaitSpendsNoRetryButHasABound(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		always := reply(http.StatusTooManyRequests, apiErr("Please try again after 0.01 seconds.", "requests"))
		c := newTestClient(t, "http://127.0.0.1/v1", WithHTTPClient(handlerDoer{always}), WithMaxRetries(0),
			WithMaxRetryWait(DefaultMaxRetryWait))
		_, resp, err := c.Invites.Get(t.Context(), "invite-1")
		require.ErrorIs(t, err, ErrRateLimited)
		assert.Equal(t, maxRateLimited+1, resp.Attempts)
		assert.Positive(t, resp.Waited)
	})
}

// firstDrops is a server whose first connection drops when the test says
// so; it counts the requests out at once.
type firstDrops struct {
	h                  http.Handler
	drop               chan struct{}
	mu                 sync.Mutex
	calls, out, maxOut int
}

func (d *firstDrops) Do(r *http.Request) (*http.Response, error) {
	d.mu.Lock()
	d.calls++
	first := d.calls == 1
	d.out++
	d.maxOut = max(d.maxOut, d.out)
	d.mu.Unlock()
	defer func() { d.mu.Lock(); d.out--; d.mu.Unlock() }()
	if first {
		<-d.drop
		return nil, &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	}
	return handlerDoer{d.h}.Do(r)
}

// TestATransportErrorOnTheFirstRequestLetsTheNextGo: the callers held for
// the first answer do not wait forever for one that cannot come.
func TestATransportErrorOnTheFirstRequestLetsTheNextGo(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		d := &firstDrops{h: reply(http.StatusOK, inviteJSON("invite-1", "a@example.com", 1)), drop: make(chan struct{})}
		c := newTestClient(t, "http://127.0.0.1/v1", WithHTTPClient(d), withBackoff(ms(100)), WithMaxRetryWait(DefaultMaxRetryWait))
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				_, _, err := c.Invites.Get(t.Context(), "invite-1")
				assert.NoError(t, err)
			})
		}
		synctest.Wait()
		d.mu.Lock()
		assert.Equal(t, 1, d.calls, "the others wait for the first answer")
		d.mu.Unlock()
		close(d.drop)
		wg.Wait()
		assert.Equal(t, 5, d.calls, "four calls, one retried")
		assert.Equal(t, 1, d.maxOut, "one at a time while no answer taught a pace")
	})
}
