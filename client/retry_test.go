package client

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var okInvite = reply(http.StatusOK, inviteJSON("invite-1", "a@example.com", 1))

func TestGetRetriesOnlyTransientStatuses(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status      int
		shouldRetry string
		attempts    int // 2 = retried once then succeeded
	}{
		{408, "", 2}, {429, "", 2}, {500, "", 2}, {502, "", 2}, {503, "", 2}, {504, "", 2},
		{501, "", 1}, {400, "", 1}, {401, "", 1}, {403, "", 1}, {404, "", 1}, {409, "", 1},
		{400, "true", 2}, {503, "false", 1}, {429, "false", 1}, {404, "TRUE", 2},
	} {
		t.Run(strconv.Itoa(tc.status)+"/"+tc.shouldRetry, func(t *testing.T) {
			t.Parallel()
			first := reply(tc.status, apiErr("x", "server_error"))
			if tc.shouldRetry != "" {
				first = reply(tc.status, apiErr("x", "server_error"), "X-Should-Retry", tc.shouldRetry)
			}
			_, mux, url := setup(t)
			s := play(mux, first, okInvite)
			for _, call := range []func(c *Client) (*Response, error){
				func(c *Client) (*Response, error) { _, r, err := c.Invites.Get(ctx(t), "invite-1"); return r, err },
				func(c *Client) (*Response, error) { return c.Invites.Delete(ctx(t), "invite-1") },
			} {
				s.forget()
				resp, err := call(newTestClient(t, url+"/v1"))
				assert.Len(t, s.requests(), tc.attempts)
				assert.Equal(t, tc.attempts, resp.Attempts)
				if tc.attempts == 1 {
					require.Error(t, err)
				} else {
					require.NoError(t, err)
				}
			}
		})
	}
}

func TestRetriesRunOutAfterMaxRetries(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	s := play(mux, reply(http.StatusServiceUnavailable, apiErr("overloaded", "server_error")))
	_, resp, err := c.Invites.Get(ctx(t), "invite-1")
	require.ErrorIs(t, err, ErrServer)
	assert.Len(t, s.requests(), 1+DefaultMaxRetries)
	assert.Equal(t, 1+DefaultMaxRetries, resp.Attempts)

	c, mux, _ = setup(t, WithMaxRetries(0))
	s = play(mux, reply(http.StatusServiceUnavailable, apiErr("overloaded", "server_error")))
	_, _, err = c.Invites.Get(ctx(t), "invite-1")
	require.ErrorIs(t, err, ErrServer)
	assert.Len(t, s.requests(), 1)
}

func TestServerWaitsAreHonoured(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		first   http.HandlerFunc
		atLeast time.Duration
	}{
		{"retry-after-ms", reply(429, apiErr("slow down", "requests"), "Retry-After-Ms", "120", "Retry-After", "100"), 120 * time.Millisecond},
		{"Retry-After seconds on a 503", reply(503, apiErr("busy", "server_error"), "Retry-After", "0.15"), 150 * time.Millisecond},
		{"429 message only", reply(429, `{"error":{"message":"Rate limit reached for requests. Please try again after 0.1 seconds.","type":"requests","param":null,"code":"rate_limit_exceeded"}}`), 100 * time.Millisecond},
		{"429 message in ms", reply(429, apiErr("Please try again in 90ms.", "requests")), 90 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			play(mux, tc.first, okInvite)
			start := time.Now()
			_, resp, err := c.Invites.Get(ctx(t), "invite-1")
			require.NoError(t, err)
			assert.GreaterOrEqual(t, time.Since(start), tc.atLeast)
			assert.Equal(t, 2, resp.Attempts)
		})
	}
}

func TestAWaitBeyondTheCapFailsAtOnce(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t, WithMaxRetryWait(time.Second))
	s := play(mux, reply(429, `{"error":{"message":"Please try again after 6.937 seconds.","type":"requests","param":null,"code":"rate_limit_exceeded"}}`))
	start := time.Now()
	_, resp, err := c.Invites.Get(ctx(t), "invite-1")
	assert.Less(t, time.Since(start), 900*time.Millisecond)
	require.ErrorIs(t, err, ErrRateLimited)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, 6937*time.Millisecond, ae.RetryAfter)
	assert.Equal(t, 6937*time.Millisecond, resp.RetryAfter)
	assert.Equal(t, "rate_limit_exceeded", ae.Code)
	assert.Len(t, s.requests(), 1)
}

func TestContextEndsAWaitAtOnce(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t, WithMaxRetryWait(time.Minute))
	s := play(mux, reply(429, apiErr("slow down", "requests"), "Retry-After", "30"))
	cctx, cancel := context.WithCancel(t.Context())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	_, _, err := c.Invites.Get(cctx, "invite-1")
	assert.Less(t, time.Since(start), 5*time.Second)
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, err, ErrRateLimited, "the last answer stays in the error")
	assert.Len(t, s.requests(), 1)
}

func TestAWaitPastTheDeadlineFailsAtOnce(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t, WithMaxRetryWait(time.Minute))
	s := play(mux, reply(429, apiErr("slow down", "requests"), "Retry-After", "30"))
	dctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	start := time.Now()
	_, _, err := c.Invites.Get(dctx, "invite-1")
	assert.Less(t, time.Since(start), 5*time.Second)
	require.ErrorIs(t, err, ErrRateLimited)
	require.NoError(t, dctx.Err(), "returned before the context ended")
	assert.Len(t, s.requests(), 1)
}

func TestAttemptTimeoutRetriesASlowGet(t *testing.T) {
	t.Parallel()
	slow := func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	}
	c, mux, _ := setup(t, WithAttemptTimeout(300*time.Millisecond))
	play(mux, slow, okInvite)
	inv, resp, err := c.Invites.Get(ctx(t), "invite-1")
	require.NoError(t, err)
	assert.Equal(t, "invite-1", inv.ID)
	assert.Equal(t, 2, resp.Attempts)
}

// counting counts the attempts that reach the transport.
func counting(n *atomic.Int32) Option {
	return WithMiddleware(func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			n.Add(1)
			return next.RoundTrip(r)
		})
	})
}

func TestConnectionRefusedIsRetriedForEveryMethod(t *testing.T) {
	t.Parallel()
	url := closedURL(t)
	var n atomic.Int32
	c := newTestClient(t, url, counting(&n))
	_, resp, err := c.Invites.Get(ctx(t), "invite-1")
	var op *net.OpError
	require.ErrorAs(t, err, &op)
	assert.Equal(t, 3, resp.Attempts)
	assert.Zero(t, resp.StatusCode)

	n.Store(0)
	_, resp, err = c.Invites.Create(ctx(t), CreateParams{Email: "a@example.com", Role: RoleReader})
	require.Error(t, err)
	require.NotErrorIs(t, err, ErrOutcomeUnknown, "a refused connection sent nothing: no look-up")
	assert.Equal(t, int32(3), n.Load(), "POSTs only, no list")
	assert.Equal(t, 3, resp.Attempts)
	assert.NotContains(t, err.Error(), testKey)
}

func TestDeleteAfterAnAmbiguousFailureTreats404AsDone(t *testing.T) {
	t.Parallel()
	notFound := reply(404, apiErr("No invite found", "invalid_request_error"))
	for name, first := range map[string]http.HandlerFunc{
		"500":     reply(500, apiErr("boom", "server_error")),
		"hang up": hangUp,
		"504":     reply(504, "gateway timeout"),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			play(mux, first, notFound)
			resp, err := c.Invites.Delete(ctx(t), "invite-1")
			require.NoError(t, err)
			assert.Equal(t, 2, resp.Attempts)
			assert.Equal(t, 404, resp.StatusCode)
		})
	}
	t.Run("404 first is an error", func(t *testing.T) {
		t.Parallel()
		c, mux, _ := setup(t)
		play(mux, notFound)
		_, err := c.Invites.Delete(ctx(t), "invite-1")
		require.ErrorIs(t, err, ErrNotFound)
	})
	t.Run("429 then 404 is an error", func(t *testing.T) {
		t.Parallel()
		c, mux, _ := setup(t)
		play(mux, reply(429, apiErr("slow", "requests"), "Retry-After-Ms", "1"), notFound)
		_, err := c.Invites.Delete(ctx(t), "invite-1")
		require.ErrorIs(t, err, ErrNotFound, "a 429 was not applied, so the 404 is real")
	})
}

func TestBackoffGrowsAndIsCapped(t *testing.T) {
	t.Parallel()
	base := 500 * time.Millisecond
	for n, max := range []time.Duration{0, 500, 1000, 2000, 4000, 8000, 8000, 8000} {
		if n == 0 {
			continue
		}
		for range 50 {
			d := backoff(base, n)
			assert.LessOrEqual(t, d, max*time.Millisecond)
			assert.GreaterOrEqual(t, d, max*time.Millisecond*3/4)
		}
	}
}

func TestErrorsFromTheTransportAreWrapped(t *testing.T) {
	t.Parallel()
	boom := errors.New("boom")
	c := newTestClient(t, "http://127.0.0.1:1", WithMaxRetries(0), WithHTTPClient(doerFunc(func(*http.Request) (*http.Response, error) { return nil, boom })))
	_, _, err := c.Invites.Get(ctx(t), "invite-1")
	require.ErrorIs(t, err, boom)
}

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// TestAZeroWaitInA429sMessageIsStillAWait: the server asked ("after 0
// seconds"), so the paced call sits it out without spending a retry, as
// for any other wait it asks; it is not a failure to back off from.
func TestAZeroWaitInA429sMessageIsStillAWait(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t, WithMaxRetries(0))
	play(mux, reply(429, apiErr("Rate limit reached. Please try again after 0 seconds.", "requests")), okInvite)
	_, resp, err := c.Invites.Get(ctx(t), "invite-1")
	require.NoError(t, err, "no retry was spent on the wait")
	assert.Equal(t, 2, resp.Attempts)
}

func TestFakeRateLimitWithoutHeaders(t *testing.T) {
	t.Parallel()
	s := newFake(t, fake.WithFaults(fake.Faults{RateLimit: 2, RateWindow: time.Hour}))
	c := newTestClient(t, s.URL())
	for range 2 {
		_, _, err := c.Invites.List(ctx(t), ListParams{})
		require.NoError(t, err)
	}
	_, resp, err := c.Invites.List(ctx(t), ListParams{})
	require.ErrorIs(t, err, ErrRateLimited)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Greater(t, ae.RetryAfter, time.Second, "the wait read from the message, beyond the cap: no sleep")
	assert.Equal(t, ae.RetryAfter, resp.RetryAfter)
	assert.Equal(t, 1, resp.Attempts)
}

// TestA429ThatEndsACallIsARateLimitError: however a 429 ends a call, the
// error is one *RateLimitError, matching ErrRateLimited, with the wait the
// server asked for, where it asked it, why the call gave up, and the 429's
// own *APIError.
func TestA429ThatEndsACallIsARateLimitError(t *testing.T) {
	t.Parallel()
	message := `{"error":{"message":"Rate limit reached. Please try again after 6.937 seconds.","type":"requests","param":null,"code":"rate_limit_exceeded"}}`
	for _, tc := range []struct {
		name     string
		answer   http.HandlerFunc
		opts     []Option
		deadline time.Duration
		reason   RateLimitReason
		wait     time.Duration
		source   WaitSource
	}{
		{"wait past WithMaxRetryWait", reply(429, message), []Option{WithMaxRetryWait(time.Second)}, 0, RateLimitPastMaxWait, 6937 * time.Millisecond, WaitFromMessage},
		{"wait past the deadline", reply(429, message), []Option{WithMaxRetryWait(time.Minute)}, 5 * time.Second, RateLimitPastDeadline, 6937 * time.Millisecond, WaitFromMessage},
		{"retries spent, no pacing", reply(429, apiErr("slow down", "requests"), "Retry-After-Ms", "1"), []Option{WithoutPacing(), WithMaxRetries(1)}, 0, RateLimitAnswered, time.Millisecond, WaitFromHeader},
		{"told not to retry", reply(429, apiErr("slow down", "requests"), "X-Should-Retry", "false"), nil, 0, RateLimitAnswered, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t, tc.opts...)
			play(mux, tc.answer)
			cctx := ctx(t)
			if tc.deadline > 0 {
				var cancel context.CancelFunc
				cctx, cancel = context.WithTimeout(cctx, tc.deadline)
				defer cancel()
			}
			_, _, err := c.Invites.Get(cctx, "invite-1")
			require.ErrorIs(t, err, ErrRateLimited)
			var rl *RateLimitError
			require.ErrorAs(t, err, &rl)
			assert.Equal(t, tc.reason, rl.Reason)
			assert.Equal(t, tc.wait, rl.RetryAfter)
			assert.Equal(t, tc.source, rl.Source)
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, http.StatusTooManyRequests, ae.StatusCode)
			assert.Contains(t, err.Error(), tc.reason.String())
			require.NoError(t, cctx.Err())
		})
	}
}
