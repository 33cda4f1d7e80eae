package client

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var reader = CreateParams{Email: "New@Example.com", Role: RoleReader}

// withOlderInvites seeds s with n invites sent an hour ago or earlier,
// before any create a test makes: a create's look-up stops at the first.
func withOlderInvites(s *fake.Server, n int) {
	s.Advance(-time.Hour)
	s.Seed(n)
	s.Advance(time.Hour)
}

// requests counts what the fake got with method, answered or not.
func requests(s *fake.Server, method string) int {
	n := 0
	for _, count := range s.Stats().Requests[method] {
		n += count
	}
	return n
}

func TestCreateNeverDuplicatesAfterAnAmbiguousFailure(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		fault      fake.FaultKind // what the first create meets
		duplicates fake.DuplicatePolicy
		stale      bool // the first look-up misses the new invite
		wantPOST   int
		wantGET    int
	}{
		{"500 applied, server accepts duplicates", fake.FaultAmbiguousError, fake.AllowDuplicates, false, 1, 1},
		{"500 applied, server rejects duplicates", fake.FaultAmbiguousError, fake.ConflictDuplicates, false, 1, 1},
		{"hang-up applied", fake.FaultAmbiguousDrop, fake.AllowDuplicates, false, 1, 1},
		{"500 not applied: look, then send again", fake.FaultServerError, fake.AllowDuplicates, false, 2, 1},
		{"503 not applied: look, then send again", fake.FaultUnavailable, fake.AllowDuplicates, false, 2, 1},
		{"hang-up not applied", fake.FaultDrop, fake.ConflictDuplicates, false, 2, 1},
		{"applied, look-up lags, second rejected with 409", fake.FaultAmbiguousError, fake.ConflictDuplicates, true, 2, 2},
		{"applied, look-up lags, second rejected with 400", fake.FaultAmbiguousDrop, fake.RejectDuplicates, true, 2, 2},
		{"2xx with unreadable body", fake.FaultTruncateJSON, fake.AllowDuplicates, false, 1, 1},
		{"2xx cut off by the connection", fake.FaultTruncate, fake.AllowDuplicates, false, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newFake(t, fake.WithDuplicates(tc.duplicates))
			withOlderInvites(s, 250)
			s.FailNextFor(http.MethodPost, tc.fault, 1)
			if tc.stale {
				s.FailNextFor(http.MethodGet, fake.FaultStaleList, 1)
			}
			inv, resp, err := newTestClient(t, s.URL()).Invites.Create(ctx(t), reader)
			require.NoError(t, err, "an invite that exists is reported created")
			assert.Equal(t, 1, s.CreatedFor(reader.Email), "exactly one invite")
			assert.Equal(t, "new@example.com", strings.ToLower(inv.Email))
			assert.Equal(t, StatusPending, inv.Status)
			assert.Equal(t, tc.wantPOST, requests(s, http.MethodPost), "creates sent")
			assert.Equal(t, tc.wantGET, requests(s, http.MethodGet), "look-ups stop at the first older invite")
			assert.Equal(t, tc.wantPOST, resp.Attempts)
		})
	}
}

// TestCreateLooksAfterAnyAnswerThatMayHaveBeenApplied: answers the fake
// does not give (a proxy's 502 page, a 408, a server's x-should-retry on
// a 400), each followed by the look-up's answer, in order.
func TestCreateLooksAfterAnyAnswerThatMayHaveBeenApplied(t *testing.T) {
	t.Parallel()
	// The invite found was created as the look-up is answered: a time
	// taken earlier could fall before the create began on a slow machine.
	found := func(w http.ResponseWriter, r *http.Request) {
		now := time.Now().Unix()
		reply(http.StatusOK, `{"object":"list","data":[`+inviteJSON("invite-1", "new@example.com", now)+`],"first_id":"invite-1","last_id":"invite-1","has_more":false}`)(w, r)
	}
	none := reply(http.StatusOK, `{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}`)
	created := reply(http.StatusOK, inviteJSON("invite-2", "new@example.com", time.Now().Unix()))
	for _, tc := range []struct {
		name     string
		steps    []http.HandlerFunc
		wantPOST int
		wantID   string
	}{
		{"502 applied", []http.HandlerFunc{reply(502, "<html>bad gateway</html>"), found}, 1, "invite-1"},
		{"408 applied", []http.HandlerFunc{reply(408, ""), found}, 1, "invite-1"},
		{"should-retry true on a 400, not applied", []http.HandlerFunc{reply(400, apiErr("transient", "server_error"), "X-Should-Retry", "true"), none, created}, 2, "invite-2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			s := play(mux, tc.steps...)
			inv, resp, err := c.Invites.Create(ctx(t), reader)
			require.NoError(t, err)
			assert.Equal(t, tc.wantID, inv.ID)
			var methods []string
			for _, r := range s.requests() {
				methods = append(methods, r.Method)
			}
			want := []string{http.MethodPost, http.MethodGet, http.MethodPost}[:len(tc.steps)]
			assert.Equal(t, want, methods, "one look-up, then a create only if it found nothing")
			assert.Equal(t, tc.wantPOST, resp.Attempts)
		})
	}
}

func TestCreateRetriesA429WithoutLooking(t *testing.T) {
	t.Parallel()
	s := newFake(t, fake.WithFaults(fake.Faults{RetryAfter: 5 * time.Millisecond}))
	s.FailNextFor(http.MethodPost, fake.FaultRateLimit, 1)
	inv, resp, err := newTestClient(t, s.URL()).Invites.Create(ctx(t), reader)
	require.NoError(t, err)
	assert.NotEmpty(t, inv.ID)
	assert.Equal(t, 2, requests(s, http.MethodPost))
	assert.Zero(t, requests(s, http.MethodGet))
	assert.Equal(t, 2, resp.Attempts)
}

func TestCreateRejectedOutrightIsAnError(t *testing.T) {
	t.Parallel()
	s := newFake(t, fake.WithDuplicates(fake.ConflictDuplicates))
	c := newTestClient(t, s.URL())
	_, _, err := c.Invites.Create(ctx(t), reader)
	require.NoError(t, err)
	_, _, err = c.Invites.Create(ctx(t), reader)
	require.ErrorIs(t, err, ErrConflict, "without an ambiguous attempt before, a 409 is the answer")
	assert.Zero(t, requests(s, http.MethodGet))
}

func TestCreateWhoseLookUpFailsReportsOutcomeUnknown(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	s := play(mux, reply(500, apiErr("boom", "server_error")), reply(401, apiErr("bad key", "invalid_request_error")))
	_, _, err := c.Invites.Create(ctx(t), reader)
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	require.ErrorIs(t, err, ErrUnauthorized)
	reqs := s.requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, http.MethodPost, reqs[0].Method)
	assert.Equal(t, http.MethodGet, reqs[1].Method, "never a second POST when the outcome is unknown")
	assert.Equal(t, "/v1/organization/invites?limit=100", reqs[1].URI)
}

func TestCreateLooksOnceMoreAfterItsLastAttempt(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	s.FailNextFor(http.MethodPost, fake.FaultAmbiguousError, 1)
	inv, resp, err := newTestClient(t, s.URL(), WithMaxRetries(0)).Invites.Create(ctx(t), reader)
	require.NoError(t, err)
	assert.NotEmpty(t, inv.ID)
	assert.Equal(t, 1, resp.Attempts)
	assert.Equal(t, 1, requests(s, http.MethodGet))
}

func TestCreateStillFailingAfterRetriesReturnsTheLastError(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	s.FailNextFor(http.MethodPost, fake.FaultServerError, 3)
	_, resp, err := newTestClient(t, s.URL()).Invites.Create(ctx(t), reader)
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 3, resp.Attempts)
	assert.Equal(t, 3, requests(s, http.MethodGet), "one look-up before each resend and one after the last")
	assert.Zero(t, s.CreatedFor(reader.Email))
}

// Go's transport re-sends a request that fails on a reused connection when
// it deems it replayable; a POST without an Idempotency-Key is not, and the
// client must keep it so.
func TestCreateOnAReusedConnectionIsNotResentByTheTransport(t *testing.T) {
	t.Parallel()
	s := newFake(t, fake.WithDuplicates(fake.AllowDuplicates))
	s.FailNextFor(http.MethodPost, fake.FaultAmbiguousDrop, 1)
	c := newTestClient(t, s.URL())
	_, _, err := c.Invites.List(ctx(t), ListParams{}) // leaves a connection to reuse
	require.NoError(t, err)
	inv, _, err := c.Invites.Create(ctx(t), reader)
	require.NoError(t, err)
	assert.Equal(t, 1, requests(s, http.MethodPost), "sent once: neither the transport nor the client re-sent it")
	assert.Equal(t, 1, s.CreatedFor(reader.Email))
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
			c, mux, _ := setup(t)
			s := play(mux, reply(http.StatusOK, `{"object":"organization.invite","id":"invite-1","em`), lookup)
			_, _, err := c.Invites.Create(ctx(t), reader)
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
