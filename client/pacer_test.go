package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The pacer's arithmetic runs on synctest's clock: time.Now and timers are
// virtual, so the waits are exact and cost nothing.

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func TestPacerLearnsTheIntervalFromA429sWait(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		p := newPacer()
		t0 := time.Now()
		p.learn("op", t0, t0.Add(ms(10)), &answer{status: http.StatusOK})
		// A second request at 100 ms is told to come back 400 ms later.
		t1 := t0.Add(ms(100))
		p.learn("op", t1, t1.Add(ms(10)), &answer{status: http.StatusTooManyRequests, wait: ms(400), asked: true})
		l := p.endpoints["op"]
		until := t1.Add(ms(10) + withMargin(ms(400)) + ms(1))
		assert.Equal(t, until, l.blockedUntil)
		assert.Equal(t, withMargin(until.Sub(t0)), l.interval, "the slot opens an interval after the last request that got through")

		// Every caller now queues behind the block, an interval apart.
		first, blocked, _ := p.reserve("op", t1.Add(ms(20)), time.Minute)
		assert.True(t, blocked)
		assert.Equal(t, until, first)
		second, blocked, _ := p.reserve("op", t1.Add(ms(20)), time.Minute)
		assert.False(t, blocked)
		assert.Equal(t, until.Add(l.interval), second)
		// A caller that may not wait that long books nothing.
		_, _, ok := p.reserve("op", t1.Add(ms(20)), ms(10))
		assert.False(t, ok)
		third, _, _ := p.reserve("op", t1.Add(ms(20)), time.Minute)
		assert.Equal(t, second.Add(l.interval), third)
		// Another endpoint is not held back.
		other, _, _ := p.reserve("other", t1, 0)
		assert.Equal(t, t1, other)
	})
}

func TestPacerLearnsFromRateLimitHeaders(t *testing.T) {
	t.Parallel()
	h := func(limit, remaining, reset string) RateLimit {
		return parseRateLimit(http.Header{"X-Ratelimit-Limit-Requests": {limit}, "X-Ratelimit-Remaining-Requests": {remaining}, "X-Ratelimit-Reset-Requests": {reset}})
	}
	synctest.Test(t, func(t *testing.T) {
		p := newPacer()
		now := time.Now()
		// One a window, none left, 240 ms to go: the next waits 240 ms.
		p.learn("burst1", now, now, &answer{status: http.StatusOK, rateLimit: h("1", "0", "240ms")})
		assert.Equal(t, now.Add(ms(240)), p.endpoints["burst1"].blockedUntil)
		assert.Equal(t, withMargin(ms(240)), p.endpoints["burst1"].interval)
		// Ten a minute, seven left, 18 s to refill all three used: 6 s each,
		// and no block while some remain.
		p.learn("burst10", now, now, &answer{status: http.StatusOK, rateLimit: h("10", "7", "18s")})
		assert.True(t, p.endpoints["burst10"].blockedUntil.IsZero())
		assert.Equal(t, withMargin(6*time.Second), p.endpoints["burst10"].interval)
		// Headers that say nothing usable change nothing.
		for _, bad := range []RateLimit{{}, h("1", "1", "0s"), h("x", "0", "1s"), h("1", "0", "soon"), h("5", "-1", "1s")} {
			p.learn("none", now, now, &answer{status: http.StatusOK, rateLimit: bad})
		}
		assert.Zero(t, p.endpoints["none"].interval)
		assert.True(t, p.endpoints["none"].blockedUntil.IsZero())
	})
}

func TestPacerIgnoresA429AfterIdleness(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		p := newPacer()
		t0 := time.Now()
		p.learn("op", t0, t0, &answer{status: http.StatusOK})
		late := t0.Add(2 * time.Minute)
		p.learn("op", late, late, &answer{status: http.StatusTooManyRequests, wait: ms(500), asked: true})
		assert.Zero(t, p.endpoints["op"].interval, "two minutes of idleness are not the interval")
		assert.Equal(t, late.Add(withMargin(ms(500))+ms(1)), p.endpoints["op"].blockedUntil, "the wait itself is still honoured")
	})
}

func TestPacerWaitSpacesGoroutinesAndBoundsTheWait(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		p := newPacer()
		p.endpoints["op"] = &endpointPace{interval: ms(500)}
		start := time.Now()
		var mu sync.Mutex
		var starts []time.Duration
		var heard []Wait
		notify := func(w Wait) { mu.Lock(); heard = append(heard, w); mu.Unlock() }
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				if _, err := p.take(t.Context(), "op", time.Minute, notify); err != nil {
					t.Error(err) // not require: this is not the test's goroutine
				}
				mu.Lock()
				starts = append(starts, time.Since(start))
				mu.Unlock()
			})
		}
		wg.Wait()
		assert.ElementsMatch(t, []time.Duration{0, ms(500), ms(1000), ms(1500)}, starts)
		assert.Len(t, heard, 3, "the first goes at once")

		// The next slot is 500 ms away: more than the limit allows, or than
		// the context's deadline, fails at once without waiting.
		_, err := p.take(t.Context(), "op", ms(400), notify)
		require.ErrorIs(t, err, ErrRateLimited)
		ctx, cancel := context.WithTimeout(t.Context(), ms(400))
		defer cancel()
		_, err = p.take(ctx, "op", time.Minute, notify)
		require.ErrorIs(t, err, ErrRateLimited)
		assert.Equal(t, ms(1500), time.Since(start), "no time passed")
	})
}

func TestPacerRequeuesWhenA429MovesTheBlock(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		p := newPacer()
		p.endpoints["op"] = &endpointPace{interval: ms(100), next: time.Now().Add(ms(100))}
		start := time.Now()
		done := make(chan time.Duration)
		go func() {
			turn, err := p.take(t.Context(), "op", time.Minute, func(Wait) {})
			assert.NoError(t, err)
			done <- turn.waited
		}()
		synctest.Wait() // it waits for its slot at 100 ms
		// Meanwhile a 429 closes the endpoint for 300 ms.
		p.learn("op", start, start, &answer{status: http.StatusTooManyRequests, wait: ms(300), asked: true})
		waited := <-done
		assert.Equal(t, withMargin(ms(300))+ms(1), waited, "it woke at 100 ms, found it blocked and queued behind it")
	})
}

func TestPacerSpacesFromWhenARequestReallyWentOut(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		p := newPacer()
		p.endpoints["op"] = &endpointPace{interval: ms(250)}
		now := time.Now()
		slot, _, _ := p.reserve("op", now, time.Minute)
		assert.Equal(t, now, slot)
		// The request left 40 ms after its slot, on a busy machine.
		p.learn("op", now.Add(ms(40)), now.Add(ms(45)), &answer{status: http.StatusOK})
		next, _, _ := p.reserve("op", now, time.Minute)
		assert.Equal(t, now.Add(ms(290)), next, "not at 250 ms, which the server would see as 210 ms after it")
	})
}

// TestPacerCountsFromTheBlocksEndWhenItsTakerIsStillOut: workers queued
// for a block's end race; one gets through, the others get 429s whose
// answers may come back before the winner's. The interval runs from the
// block's end, not from the last success heard of, a whole interval earlier.
func TestPacerCountsFromTheBlocksEndWhenItsTakerIsStillOut(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		p := newPacer()
		t0 := time.Now()
		p.learn("op", t0, t0, &answer{status: http.StatusOK})
		p.learn("op", t0, t0.Add(ms(2)), &answer{status: http.StatusTooManyRequests, wait: ms(498), asked: true})
		g1 := p.endpoints["op"].blockedUntil
		// Three went at g1; two 429s come back before the one that got through.
		for range 2 {
			p.learn("op", g1, g1.Add(ms(2)), &answer{status: http.StatusTooManyRequests, wait: ms(498), asked: true})
		}
		g2 := p.endpoints["op"].blockedUntil
		assert.Equal(t, withMargin(g2.Sub(g1)), p.endpoints["op"].interval, "about 500 ms, not the 1 s since t0")
		assert.Less(t, p.endpoints["op"].interval, ms(600))
	})
}

// TestPacerLetsOneRequestOutUntilItKnowsThePace: callers that start
// together wait for what the first answer teaches rather than all hit the
// limit; an answer that teaches nothing lets the next one out alone.
func TestPacerLetsOneRequestOutUntilItKnowsThePace(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		p := newPacer()
		start := time.Now()
		_, err := p.take(t.Context(), "op", time.Minute, func(Wait) {})
		require.NoError(t, err, "the first goes at once")
		var mu sync.Mutex
		var starts []time.Duration
		var heard []Wait
		var wg sync.WaitGroup
		for range 3 {
			wg.Go(func() {
				_, err := p.take(t.Context(), "op", time.Minute, func(w Wait) { mu.Lock(); heard = append(heard, w); mu.Unlock() })
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				starts = append(starts, time.Since(start))
				mu.Unlock()
			})
		}
		synctest.Wait()
		mu.Lock()
		assert.Empty(t, starts, "all wait for the first answer")
		assert.Equal(t, []Wait{{Reason: WaitLearning}, {Reason: WaitLearning}, {Reason: WaitLearning}}, heard)
		mu.Unlock()

		// A 2xx without rate-limit headers says nothing of the pace.
		p.learn("op", start, start, &answer{status: http.StatusOK})
		synctest.Wait()
		mu.Lock()
		assert.Equal(t, []time.Duration{0}, starts, "one more goes, alone")
		mu.Unlock()

		// It is answered 429, wait 500 ms: the other two go when the block ends, an
		// interval apart.
		p.learn("op", start, start, &answer{status: http.StatusTooManyRequests, wait: ms(500), asked: true})
		wg.Wait()
		end := withMargin(ms(500)) + ms(1)
		assert.Equal(t, []time.Duration{0, end, end + p.endpoints["op"].interval}, starts)
	})
}

// TestPacerLetsTheFirstRequestRetryWithoutWaitingOnItself: a caller whose
// request got no answer, or one that taught nothing, tries again at once;
// a server that never shows a pace stops holding callers at all.
func TestPacerLetsTheFirstRequestRetryWithoutWaitingOnItself(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		p := newPacer()
		var heard []Wait
		notify := func(w Wait) { heard = append(heard, w) }
		now := time.Now()
		// A limit of 0: any wait at all would fail with ErrRateLimited.
		for range maxAnswersWithoutPace {
			_, err := p.take(t.Context(), "op", 0, notify)
			require.NoError(t, err)
			p.noAnswer("op") // a dropped connection
			_, err = p.take(t.Context(), "op", 0, notify)
			require.NoError(t, err)
			p.learn("op", now, now, &answer{status: http.StatusOK})
		}
		for range 3 {
			_, err := p.take(t.Context(), "op", 0, notify)
			require.NoError(t, err, "the server sets no pace: callers go together")
		}
		assert.Empty(t, heard)
	})
}

func TestPacerWaitForTheFirstAnswerEndsWithTheContextOrTheLimit(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		p := newPacer()
		_, err := p.take(t.Context(), "op", time.Minute, func(Wait) {})
		require.NoError(t, err) // its answer never comes
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() {
			_, err := p.take(ctx, "op", time.Minute, func(Wait) {})
			done <- err
		}()
		synctest.Wait()
		start := time.Now()
		cancel()
		require.ErrorIs(t, <-done, context.Canceled)
		assert.Zero(t, time.Since(start), "it returns as soon as the context ends")

		turn, err := p.take(t.Context(), "op", ms(300), func(Wait) {})
		require.ErrorIs(t, err, ErrRateLimited)
		assert.Equal(t, ms(300), turn.waited, "no longer than the limit")
	})
}

// The tests below run workers against the fake's rate limit inside a
// synctest bubble: the fake is called in-process (handlerDoer), so client
// and fake share one virtual clock, and the wall times are exact.

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

// TestAnExpiredDeadlineHoldsNothing: a call whose deadline has passed
// takes nothing from the pacer, so the calls after it to the same
// endpoint go at once, for every kind of endpoint. Before, while the
// endpoint's pace was unknown, the expired call took the one slot and
// never gave it back: every later call waited WithMaxRetryWait and failed
// rate limited, with nothing sent.
func TestAnExpiredDeadlineHoldsNothing(t *testing.T) {
	t.Parallel()
	members := []fake.Member{
		{ID: "user-0", Email: "u0@example.com", Role: "reader"}, {ID: "user-1", Email: "u1@example.com", Role: "reader"},
		{ID: "user-2", Email: "u2@example.com", Role: "reader"}, {ID: "user-3", Email: "u3@example.com", Role: "reader"},
	}
	for _, tc := range []struct {
		name string
		call func(ctx context.Context, c *Client, ids []string, i int) error
	}{
		{"invites list", func(ctx context.Context, c *Client, _ []string, _ int) error {
			_, _, err := c.Invites.List(ctx, ListParams{})
			return err
		}},
		{"invites get", func(ctx context.Context, c *Client, ids []string, i int) error {
			_, _, err := c.Invites.Get(ctx, ids[i])
			return err
		}},
		{"invites create", func(ctx context.Context, c *Client, _ []string, i int) error {
			_, _, err := c.Invites.Create(ctx, CreateParams{Email: fmt.Sprintf("new%d@example.com", i), Role: RoleReader})
			return err
		}},
		{"invites delete", func(ctx context.Context, c *Client, ids []string, i int) error {
			_, err := c.Invites.Delete(ctx, ids[i])
			return err
		}},
		{"users list", func(ctx context.Context, c *Client, _ []string, _ int) error {
			_, _, err := c.Users.List(ctx, UserListParams{})
			return err
		}},
		{"users get", func(ctx context.Context, c *Client, _ []string, i int) error {
			_, _, err := c.Users.Get(ctx, members[i].ID)
			return err
		}},
		{"users set-role", func(ctx context.Context, c *Client, _ []string, i int) error {
			_, _, err := c.Users.SetRole(ctx, members[i].ID, RoleOwner)
			return err
		}},
		{"users remove", func(ctx context.Context, c *Client, _ []string, i int) error {
			_, err := c.Users.Remove(ctx, members[i].ID)
			return err
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			synctest.Test(t, func(t *testing.T) {
				h := fake.NewHandler(fake.WithKey(testKey), fake.WithMembers(members...))
				opts := []Option{WithHTTPClient(handlerDoer{h}), WithMaxRetryWait(time.Minute)}
				var ids []string
				setupClient := newTestClient(t, "http://127.0.0.1/v1", opts...)
				for i := range 4 {
					ids = append(ids, invite(t, setupClient, fmt.Sprintf("old%d@example.com", i)).ID)
				}
				c := newTestClient(t, "http://127.0.0.1/v1", opts...)
				expired, cancel := context.WithDeadline(t.Context(), time.Now().Add(-time.Millisecond))
				defer cancel()
				err := tc.call(expired, c, ids, 0)
				require.ErrorIs(t, err, context.DeadlineExceeded)
				require.ErrorIs(t, err, ErrNotSent)
				start := time.Now()
				for i := 1; i < 4; i++ {
					require.NoError(t, tc.call(t.Context(), c, ids, i), "call %d after the expired one", i)
				}
				assert.Zero(t, time.Since(start), "no call after it waited")
			})
		})
	}
}

// lateDoer answers every request, as a server does once it has one,
// whatever became of the client's context meanwhile: an answer may come
// after the deadline.
type lateDoer struct{ Doer }

func (d lateDoer) Do(r *http.Request) (*http.Response, error) {
	return d.Doer.Do(r.WithContext(context.WithoutCancel(r.Context())))
}

// TestALoopUnderOneDeadlineNeverWedgesTheEndpoint is the report's case: a
// loop of deletes under one 100 ms deadline against a server taking 40
// ms. The third is answered at 120 ms; the deletes after it fail with the
// context's error (before: the fourth failed "rate limited ... wait 0s",
// holding the endpoint's one slot), and deletes with another context go
// as soon as the server answers (before: none went again).
func TestALoopUnderOneDeadlineNeverWedgesTheEndpoint(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		h := fake.NewHandler(fake.WithKey(testKey))
		opts := []Option{WithHTTPClient(lateDoer{handlerDoer{h}}), WithMaxRetryWait(DefaultMaxRetryWait)}
		setupClient := newTestClient(t, "http://127.0.0.1/v1", opts...)
		var ids []string
		for i := range 8 {
			ids = append(ids, invite(t, setupClient, fmt.Sprintf("u%d@example.com", i)).ID)
		}
		h.SetFaults(fake.Faults{Latency: 40 * time.Millisecond})
		c := newTestClient(t, "http://127.0.0.1/v1", opts...)
		dctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
		defer cancel()
		failed := 0
		for _, id := range ids[:5] {
			if _, err := c.Invites.Delete(dctx, id); err != nil {
				failed++
				require.ErrorIs(t, err, context.DeadlineExceeded)
			}
		}
		assert.Equal(t, 2, failed, "three started before 100 ms, two after")
		start := time.Now()
		for _, id := range ids[5:] {
			_, err := c.Invites.Delete(t.Context(), id)
			require.NoError(t, err)
		}
		assert.Equal(t, 3*40*time.Millisecond, time.Since(start), "each waits for its answer only")
	})
}

// TestATurnNotUsedIsGivenBack: a caller whose context ends while it waits
// for its slot gives back the slot it reserved and, while the pace is
// unknown, the one request in flight it held, so the next caller gets both.
func TestATurnNotUsedIsGivenBack(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		p := newPacer()
		p.endpoints["op"] = &endpointPace{interval: ms(500), next: time.Now().Add(ms(200))}
		ctx, cancel := context.WithCancel(t.Context())
		done := make(chan error)
		go func() {
			_, err := p.take(ctx, "op", time.Minute, func(Wait) {})
			done <- err
		}()
		synctest.Wait() // it waits for its slot at 200 ms
		cancel()
		require.ErrorIs(t, <-done, context.Canceled)
		start := time.Now()
		turn, err := p.take(t.Context(), "op", time.Minute, func(Wait) {})
		require.NoError(t, err)
		assert.Equal(t, ms(200), turn.waited, "the next caller has the slot at 200 ms, not the one 500 ms after it")
		assert.Equal(t, ms(200), time.Since(start))

		// While the pace is unknown: the slot of the one request in flight.
		p = newPacer()
		held, err := p.take(t.Context(), "learning", time.Minute, func(Wait) {})
		require.NoError(t, err)
		held.giveBack(&attempt{notSent: true}) // it never left: nothing learned, nothing held
		_, err = p.take(t.Context(), "learning", 0, func(Wait) {})
		require.NoError(t, err, "taken at once, with a limit of 0")
	})
}

// TestThePacerSaysWhyItGaveUp: a wait the pacer will not begin is a
// *RateLimitError with the wait, where it came from, and why.
func TestThePacerSaysWhyItGaveUp(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		// A 429 asks 30 s, in its Retry-After header; a client that waits 1 s at most gives up.
		always := reply(http.StatusTooManyRequests, apiErr("slow down", "requests"), "Retry-After", "30")
		c := newTestClient(t, "http://127.0.0.1/v1", WithHTTPClient(handlerDoer{always}), WithMaxRetryWait(time.Second))
		_, _, err := c.Invites.Get(t.Context(), "invite-1")
		var rl *RateLimitError
		require.ErrorAs(t, err, &rl)
		assert.Equal(t, RateLimitPastMaxWait, rl.Reason)
		assert.Equal(t, 30*time.Second, rl.RetryAfter)
		assert.Equal(t, WaitFromHeader, rl.Source)
		var ae *APIError
		require.ErrorAs(t, err, &ae, "the 429 itself")

		// The next call to it finds the block and sends nothing: the wait
		// left is in the error, from the same header.
		_, resp, err := c.Invites.Get(t.Context(), "invite-1")
		require.ErrorIs(t, err, ErrRateLimited)
		require.ErrorAs(t, err, &rl)
		assert.Equal(t, RateLimitPastMaxWait, rl.Reason)
		assert.InDelta(t, float64(withMargin(30*time.Second)), float64(rl.RetryAfter), float64(10*time.Millisecond))
		assert.Equal(t, WaitFromHeader, rl.Source)
		require.NoError(t, rl.Err, "no 429 came for this call")
		assert.Zero(t, resp.Attempts)

		// With a patient client, the context's deadline is what the wait
		// passes: for the 429, then for the block it left.
		c = newTestClient(t, "http://127.0.0.1/v1", WithHTTPClient(handlerDoer{always}), WithMaxRetryWait(time.Minute))
		dctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
		defer cancel()
		for _, answered := range []bool{true, false} {
			_, _, err = c.Invites.Get(dctx, "invite-1")
			require.ErrorAs(t, err, &rl)
			assert.Equal(t, RateLimitPastDeadline, rl.Reason)
			assert.Equal(t, answered, rl.Err != nil)
			assert.Equal(t, WaitFromHeader, rl.Source)
			assert.GreaterOrEqual(t, rl.RetryAfter, 30*time.Second)
			require.NoError(t, dctx.Err(), "returned before the deadline")
		}

		// No answer to learn the pace from comes within the limit.
		d := &waitForTheEnd{}
		c = newTestClient(t, "http://127.0.0.1/v1", WithHTTPClient(d), WithMaxRetryWait(time.Second))
		first, stop := context.WithCancel(t.Context())
		defer stop()
		go func() { _, _, _ = c.Invites.Get(first, "invite-1") }()
		synctest.Wait()
		_, _, err = c.Invites.Get(t.Context(), "invite-1")
		require.ErrorAs(t, err, &rl)
		assert.Equal(t, RateLimitNoAnswer, rl.Reason)
		assert.Zero(t, rl.RetryAfter)
		stop()
	})
}
