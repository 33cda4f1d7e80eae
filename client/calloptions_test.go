package client

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCallOptionsApplyToOneCall(t *testing.T) {
	t.Parallel()
	var deadlines []bool
	seeDeadline := WithMiddleware(func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			d, ok := r.Context().Deadline()
			deadlines = append(deadlines, ok && time.Until(d) <= time.Minute)
			return next.RoundTrip(r)
		})
	})
	c, mux, _ := setup(t, WithHeader("X-Trace", "client"), WithAttemptTimeout(time.Hour), seeDeadline)
	s := play(mux, reply(http.StatusOK, inviteJSON("a", "a@example.com", 1)))
	_, _, err := c.Invites.Get(ctx(t), "a", WithCallTimeout(time.Minute), WithCallHeader("X-Trace", "call"),
		WithCallHeader("Authorization", "Bearer stolen"), WithCallHeader("X-Other", "o"))
	require.NoError(t, err)
	_, _, err = c.Invites.Get(t.Context(), "a")
	require.NoError(t, err)

	reqs := s.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, []string{"call"}, reqs[0].Header.Values("X-Trace"), "the call's header replaces the client's")
	assert.Equal(t, "o", reqs[0].Header.Get("X-Other"))
	assert.Equal(t, "Bearer "+testKey, reqs[0].Header.Get("Authorization"), "a call cannot replace the key")
	assert.Equal(t, []string{"client"}, reqs[1].Header.Values("X-Trace"), "the next call is the client's again")
	assert.Empty(t, reqs[1].Header.Get("X-Other"))
	assert.Equal(t, []bool{true, false}, deadlines, "the call's timeout bounds that call only")
}
