package client

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var reader = CreateParams{Email: "New@Example.com", Role: RoleReader}

// olderInvites fills m with n invites created well before now.
func olderInvites(m *memServer, n int) {
	old := time.Now().Add(-time.Hour).Unix()
	for i := range n {
		m.add("old"+string(rune('a'+i%26))+"@example.com", "pending", old-int64(n-i))
	}
}

func TestCreateNeverDuplicatesAfterAnAmbiguousFailure(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name            string
		fail            http.HandlerFunc
		applies         bool // the failed attempt created the invite
		rejectDuplicate int  // 0: the server accepts a second invite
		hideNewest      int  // the first look-up misses the new invite
		wantPOST        int
		wantGET         int
	}{
		{"500 applied, server accepts duplicates", reply(500, apiErr("boom", "server_error")), true, 0, 0, 1, 1},
		{"500 applied, server rejects duplicates", reply(500, apiErr("boom", "server_error")), true, 409, 0, 1, 1},
		{"hang-up applied", hangUp, true, 0, 0, 1, 1},
		{"502 applied", reply(502, "<html>bad gateway</html>"), true, 0, 0, 1, 1},
		{"408 applied", reply(408, ""), true, 0, 0, 1, 1},
		{"500 not applied: look, then send again", reply(500, apiErr("boom", "server_error")), false, 0, 0, 2, 1},
		{"hang-up not applied", hangUp, false, 409, 0, 2, 1},
		{"applied, look-up lags, second rejected with 409", reply(500, apiErr("boom", "server_error")), true, 409, 1, 2, 2},
		{"applied, look-up lags, second rejected with 400", hangUp, true, 400, 1, 2, 2},
		{"2xx with unreadable body", reply(201, `{"id":`), true, 0, 0, 1, 1},
		{"2xx cut off by the connection", cutBody, true, 0, 0, 1, 1},
		{"should-retry true on a 400", reply(400, apiErr("transient", "server_error"), "X-Should-Retry", "true"), false, 0, 0, 2, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			m := newMemServer(t)
			olderInvites(m, 250)
			m.failCreate = []http.HandlerFunc{tc.fail}
			m.failApplies = tc.applies
			m.rejectDuplicate = tc.rejectDuplicate
			m.hideNewest = 0
			c := newTestClient(t, m.URL, WithMiddleware(func(next http.RoundTripper) http.RoundTripper {
				return roundTripFunc(func(r *http.Request) (*http.Response, error) {
					if r.Method == http.MethodGet && tc.hideNewest > 0 {
						m.mu.Lock()
						m.hideNewest, tc.hideNewest = tc.hideNewest, 0
						m.mu.Unlock()
					}
					return next.RoundTrip(r)
				})
			}))
			inv, resp, err := c.Invites.Create(ctx(t), reader)
			require.NoError(t, err, "an invite that exists is reported created")
			assert.Equal(t, 1, m.pendingFor(reader.Email), "exactly one invite")
			assert.Equal(t, "new@example.com", strings.ToLower(inv.Email))
			assert.Equal(t, StatusPending, inv.Status)
			assert.Equal(t, tc.wantPOST, m.count(http.MethodPost), "creates sent")
			assert.Equal(t, tc.wantGET, m.count(http.MethodGet), "look-ups stop at the first older invite")
			assert.Equal(t, tc.wantPOST, resp.Attempts)
		})
	}
}

func TestCreateRetriesA429WithoutLooking(t *testing.T) {
	t.Parallel()
	m := newMemServer(t)
	m.failCreate = []http.HandlerFunc{reply(429, apiErr("slow down", "requests"), "Retry-After-Ms", "5")}
	inv, resp, err := newTestClient(t, m.URL).Invites.Create(ctx(t), reader)
	require.NoError(t, err)
	assert.NotEmpty(t, inv.ID)
	assert.Equal(t, 2, m.count(http.MethodPost))
	assert.Zero(t, m.count(http.MethodGet))
	assert.Equal(t, 2, resp.Attempts)
}

func TestCreateRejectedOutrightIsAnError(t *testing.T) {
	t.Parallel()
	m := newMemServer(t)
	m.rejectDuplicate = http.StatusConflict
	m.add(reader.Email, "pending", time.Now().Unix())
	_, _, err := newTestClient(t, m.URL).Invites.Create(ctx(t), reader)
	require.ErrorIs(t, err, ErrConflict, "without an ambiguous attempt before, a 409 is the answer")
	assert.Zero(t, m.count(http.MethodGet))
}

func TestCreateWhoseLookUpFailsReportsOutcomeUnknown(t *testing.T) {
	t.Parallel()
	s := newStub(t, reply(500, apiErr("boom", "server_error")), reply(401, apiErr("bad key", "invalid_request_error")))
	_, _, err := newTestClient(t, s.URL).Invites.Create(ctx(t), reader)
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	require.ErrorIs(t, err, ErrUnauthorized)
	reqs := s.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, http.MethodPost, reqs[0].Method)
	assert.Equal(t, http.MethodGet, reqs[1].Method, "never a second POST when the outcome is unknown")
	assert.Equal(t, "/organization/invites?limit=100", reqs[1].URI)
}

func TestCreateLooksOnceMoreAfterItsLastAttempt(t *testing.T) {
	t.Parallel()
	m := newMemServer(t)
	m.failCreate = []http.HandlerFunc{reply(503, "down")}
	m.failApplies = true
	inv, resp, err := newTestClient(t, m.URL, WithMaxRetries(0)).Invites.Create(ctx(t), reader)
	require.NoError(t, err)
	assert.NotEmpty(t, inv.ID)
	assert.Equal(t, 1, resp.Attempts)
	assert.Equal(t, 1, m.count(http.MethodGet))
}

func TestCreateStillFailingAfterRetriesReturnsTheLastError(t *testing.T) {
	t.Parallel()
	m := newMemServer(t)
	fail := reply(500, apiErr("boom", "server_error"))
	m.failCreate = []http.HandlerFunc{fail, fail, fail}
	_, resp, err := newTestClient(t, m.URL).Invites.Create(ctx(t), reader)
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 3, resp.Attempts)
	assert.Equal(t, 3, m.count(http.MethodGet), "one look-up before each resend and one after the last")
	assert.Zero(t, m.pendingFor(reader.Email))
}

// Go's transport re-sends a request that fails on a reused connection when
// it deems it replayable; a POST without an Idempotency-Key is not, and the
// client must keep it so.
func TestCreateOnAReusedConnectionIsNotResentByTheTransport(t *testing.T) {
	t.Parallel()
	m := newMemServer(t)
	m.failCreate = []http.HandlerFunc{hangUp}
	m.failApplies = true
	c := newTestClient(t, m.URL)
	_, _, err := c.Invites.List(ctx(t), ListParams{}) // leaves a connection to reuse
	require.NoError(t, err)
	inv, _, err := c.Invites.Create(ctx(t), reader)
	require.NoError(t, err)
	assert.Equal(t, 1, m.count(http.MethodPost), "sent once: neither the transport nor the client re-sent it")
	assert.Equal(t, 1, m.pendingFor(reader.Email))
	assert.NotEmpty(t, inv.ID)
}

// cutBody answers 200 but sends only part of the body it announces.
func cutBody(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Length", "500")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(`{"id":"i"`))
}

func TestA2xxCreateIsNeverSentAgain(t *testing.T) {
	t.Parallel()
	emptyList := reply(http.StatusOK, `{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}`)
	for name, lookup := range map[string]http.HandlerFunc{
		"the look-up finds nothing": emptyList,
		"the look-up fails":         reply(http.StatusInternalServerError, apiErr("boom", "server_error")),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := newStub(t, reply(http.StatusOK, `{"object":"organization.invite","id":"invite-1","em`), lookup)
			_, _, err := newTestClient(t, s.URL).Invites.Create(ctx(t), reader)
			require.ErrorIs(t, err, ErrOutcomeUnknown, "the invite was created: the caller must not simply retry")
			posts := 0
			for _, r := range s.requests() {
				if r.Method == http.MethodPost {
					posts++
				}
			}
			assert.Equal(t, 1, posts)
		})
	}
}
