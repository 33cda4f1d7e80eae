package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withOlderInvites seeds s with n invites sent an hour ago or earlier,
// before any create a test makes: a create's look-up stops at the first.
func withOlderInvites(s *fake.Server, n int) {
	s.Advance(-time.Hour)
	s.Seed(n)
	s.Advance(time.Hour)
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

func TestEachMethodCallsItsEndpoint(t *testing.T) {
	t.Parallel()
	list := `{"object":"list","data":[` + inviteJSON("invite-1", "a@example.com", 1) + `],"first_id":"invite-1","last_id":"invite-1","has_more":false}`
	for _, tc := range []struct {
		name, pattern, wantQuery, wantBody, reply string
		call                                      func(*Client) error
	}{
		{"Get", "GET /v1/organization/invites/invite-1", "", "", inviteJSON("invite-1", "a@example.com", 1),
			func(c *Client) error { _, _, err := c.Invites.Get(ctx(t), "invite-1"); return err }},
		{"List", "GET /v1/organization/invites", "limit=5&after=invite-0", "", list,
			func(c *Client) error {
				_, _, err := c.Invites.List(ctx(t), ListParams{Limit: 5, After: "invite-0"})
				return err
			}},
		{"All", "GET /v1/organization/invites", "limit=100", "", list,
			func(c *Client) error { return firstErr(c, AllParams{}) }},
		{"Create", "POST /v1/organization/invites", "", `{"email":"a@example.com","role":"owner"}`, inviteJSON("invite-1", "a@example.com", 1),
			func(c *Client) error {
				_, _, err := c.Invites.Create(ctx(t), CreateParams{Email: "a@example.com", Role: RoleOwner})
				return err
			}},
		{"Delete", "DELETE /v1/organization/invites/invite-1", "", "", `{"object":"organization.invite.deleted","id":"invite-1","deleted":true}`,
			func(c *Client) error { _, err := c.Invites.Delete(ctx(t), "invite-1"); return err }},
		{"FindByEmail", "GET /v1/organization/invites", "limit=100", "", list,
			func(c *Client) error { _, _, err := c.Invites.FindByEmail(ctx(t), "A@example.com"); return err }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			var calls atomic.Int32
			mux.HandleFunc(tc.pattern, func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				body, _ := io.ReadAll(r.Body)
				assert.Equal(t, tc.wantQuery, r.URL.RawQuery)
				assert.Equal(t, tc.wantBody, string(body))
				assert.Equal(t, "Bearer "+testKey, r.Header.Get("Authorization"))
				_, _ = io.WriteString(w, tc.reply)
			})
			require.NoError(t, tc.call(c))
			assert.Equal(t, int32(1), calls.Load())
		})
	}
}

func TestFakeLifecycle(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	c := newTestClient(t, s.URL())
	ctx := ctx(t)

	inv, resp, err := c.Invites.Create(ctx, CreateParams{Email: "ada@example.com", Role: RoleOwner, Projects: []ProjectGrant{{"proj_1", ProjectRoleMember}}})
	require.NoError(t, err)
	assert.NotEmpty(t, resp.RequestID)
	assert.Equal(t, []ProjectGrant{{"proj_1", ProjectRoleMember}}, inv.Projects)
	assert.False(t, inv.CreatedAt.IsZero())
	assert.True(t, inv.AcceptedAt.IsZero())

	none, _, err := c.Invites.Create(ctx, CreateParams{Email: "bob@example.com", Role: RoleReader, Projects: []ProjectGrant{}})
	require.NoError(t, err)
	assert.Empty(t, none.Projects)

	got, _, err := c.Invites.Get(ctx, inv.ID)
	require.NoError(t, err)
	assert.Equal(t, inv, got)

	page, _, err := c.Invites.List(ctx, ListParams{Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, none.ID, page.Invites[0].ID, "newest first")
	assert.True(t, page.HasMore)

	found, _, err := c.Invites.FindByEmail(ctx, "ADA@example.com")
	require.NoError(t, err)
	assert.Equal(t, inv.ID, found.ID)

	again, _, err := c.Invites.Ensure(ctx, CreateParams{Email: "ada@example.com", Role: RoleOwner, Projects: []ProjectGrant{{"proj_1", ProjectRoleMember}}})
	require.NoError(t, err)
	assert.Equal(t, EnsureExisting, again.Outcome)
	assert.Equal(t, inv.ID, again.Invite.ID)

	_, _, err = c.Invites.Ensure(ctx, CreateParams{Email: "ada@example.com", Role: RoleReader})
	require.ErrorIs(t, err, ErrMismatch)

	require.NoError(t, s.Accept(none.ID))
	_, err = c.Invites.Delete(ctx, none.ID)
	require.ErrorIs(t, err, ErrInvalidRequest, "an accepted invite cannot be deleted")

	_, err = c.Invites.Delete(ctx, inv.ID)
	require.NoError(t, err)
	_, _, err = c.Invites.Get(ctx, inv.ID)
	require.ErrorIs(t, err, ErrNotFound)
	_, _, err = c.Invites.FindByEmail(ctx, "ada@example.com")
	require.ErrorIs(t, err, ErrNoMatch)
}

func TestFakeAmbiguousCreatesMakeOneInvite(t *testing.T) {
	t.Parallel()
	for _, policy := range []fake.DuplicatePolicy{fake.RejectDuplicates, fake.AllowDuplicates} {
		for _, kind := range []fake.FaultKind{fake.FaultAmbiguousError, fake.FaultAmbiguousDrop, fake.FaultTruncate, fake.FaultServerError, fake.FaultDrop, fake.FaultUnavailable, fake.FaultRateLimit} {
			t.Run(fmt.Sprintf("%d/%s", policy, kind), func(t *testing.T) {
				t.Parallel()
				s := newFake(t, fake.WithDuplicates(policy), fake.WithInvites(30), fake.WithFaults(fake.Faults{RetryAfter: 5 * time.Millisecond}))
				s.FailNextFor(http.MethodPost, kind, 1)
				inv, _, err := newTestClient(t, s.URL()).Invites.Create(ctx(t), CreateParams{Email: "ada@example.com", Role: RoleReader})
				require.NoError(t, err)
				assert.Equal(t, "ada@example.com", inv.Email)
				assert.Equal(t, 1, s.CreatedFor("ada@example.com"), "no duplicate")
			})
		}
	}
}

func TestFakeBadDaysBulkOnboarding(t *testing.T) {
	t.Parallel()
	s := newFake(t, fake.WithSeed(7), fake.WithInvites(120), fake.WithFaults(fake.Faults{
		ErrorRate: 0.1, UnavailableRate: 0.05, DropRate: 0.05, AmbiguousCreateRate: 0.25, TruncateRate: 0.05,
	}))
	c := newTestClient(t, s.URL(), WithMaxRetries(8))
	for i := range 25 {
		email := fmt.Sprintf("user%d@example.com", i)
		_, _, err := c.Invites.Ensure(ctx(t), CreateParams{Email: email, Role: RoleReader})
		require.NoError(t, err, email)
		assert.Equal(t, 1, s.CreatedFor(email), email)
	}
	n := 0
	for _, err := range c.Invites.All(ctx(t), AllParams{Status: StatusPending}) {
		require.NoError(t, err)
		n++
	}
	assert.GreaterOrEqual(t, n, 25)
}

// TestTruncatedCreatesAreFoundNotFailed: with 5% of answers cut short, every
// create still succeeds, once each: whether the connection breaks mid-body
// or the JSON is cut in a whole HTTP answer, which only the decoder notices.
func TestTruncatedCreatesAreFoundNotFailed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		faults    fake.Faults
		inProcess bool
	}{
		{"connection cut mid-body", fake.Faults{TruncateRate: 0.05}, false},
		{"JSON cut in a whole answer", fake.Faults{TruncateJSONRate: 0.05}, false},
		{"aborted answer, in-process", fake.Faults{TruncateRate: 0.05}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newFake(t, fake.WithSeed(3), fake.WithFaults(tc.faults))
			opts := []Option{WithMaxRetries(4)}
			if tc.inProcess {
				opts = append(opts, WithHTTPClient(handlerDoer{s.Handler}))
			}
			c := newTestClient(t, s.URL(), opts...)
			failed := 0
			for i := range 200 {
				if _, _, err := c.Invites.Create(ctx(t), CreateParams{Email: fmt.Sprintf("row%d@example.com", i), Role: RoleReader}); err != nil {
					t.Logf("row %d: %v", i, err)
					failed++
				}
			}
			stats := s.Stats()
			t.Logf("200 creates, 5%% of answers truncated: %d failed, %d requests (%d GETs for look-ups and retries)", failed, stats.Total, stats.Total-200)
			assert.Zero(t, failed)
			assert.Len(t, stats.Created, 200)
			for email, n := range stats.Created {
				assert.Equal(t, 1, n, "duplicate for %s", email)
			}
		})
	}
}

func TestFindByEmailStopsAtTheFirstMatch(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	c := newTestClient(t, s.URL())
	require.NoError(t, s.Accept(invite(t, c, "target@example.com").ID))
	m, _ := s.MemberByEmail("target@example.com")
	_, err := c.Users.Remove(ctx(t), m.ID) // left: their accepted invite stays listed
	require.NoError(t, err)
	pending := invite(t, c, "target@example.com")
	for i := range 150 {
		invite(t, c, fmt.Sprintf("u%d@example.com", i))
	}
	inv, _, err := c.Invites.FindByEmail(ctx(t), "TARGET@example.com")
	require.NoError(t, err)
	assert.Equal(t, pending.ID, inv.ID, "the pending one, not the accepted one")
	assert.Equal(t, 2, requests(s, http.MethodGet))

	_, _, err = c.Invites.FindByEmail(ctx(t), "nobody@example.com")
	require.ErrorIs(t, err, ErrNoMatch)
	require.NotErrorIs(t, err, ErrNotFound, "no request answered 404")
	assert.Equal(t, 4, requests(s, http.MethodGet), "a miss reads every page, once")
}

func TestEnsure(t *testing.T) {
	t.Parallel()
	t.Run("creates when none", func(t *testing.T) {
		t.Parallel()
		s := newFake(t)
		got, _, err := newTestClient(t, s.URL()).Invites.Ensure(ctx(t), reader)
		require.NoError(t, err)
		assert.Equal(t, EnsureCreated, got.Outcome)
		assert.Equal(t, "created", got.Outcome.String())
		assert.Equal(t, 1, s.CreatedFor(reader.Email))
		assert.Equal(t, s.Invites()[0].ID, got.Invite.ID)
	})
	t.Run("returns the existing one", func(t *testing.T) {
		t.Parallel()
		s := newFake(t)
		c := newTestClient(t, s.URL())
		existing := invite(t, c, "new@example.com")
		got, _, err := c.Invites.Ensure(ctx(t), reader)
		require.NoError(t, err)
		assert.Equal(t, EnsureExisting, got.Outcome)
		assert.Equal(t, existing.ID, got.Invite.ID)
		assert.Equal(t, 1, requests(s, http.MethodPost), "only the setup's")
	})
	t.Run("reports a mismatch", func(t *testing.T) {
		t.Parallel()
		s := newFake(t)
		c := newTestClient(t, s.URL())
		existing := invite(t, c, "new@example.com")
		for _, p := range []CreateParams{
			{Email: reader.Email, Role: RoleOwner},
			{Email: reader.Email, Role: RoleReader, Projects: []ProjectGrant{{"proj_1", ProjectRoleMember}}},
		} {
			got, _, err := c.Invites.Ensure(ctx(t), p)
			require.ErrorIs(t, err, ErrMismatch)
			var me *MismatchError
			require.ErrorAs(t, err, &me)
			assert.Equal(t, existing.ID, me.Existing.ID)
			assert.Equal(t, p, me.Wanted) //nolint:testifylint // p is what was asked for
			assert.Len(t, me.Fields, 1)
			assert.Contains(t, err.Error(), existing.ID)
			assert.Nil(t, got)
			assert.Equal(t, "none", EnsureOutcome(0).String())
		}
		assert.Equal(t, 1, requests(s, http.MethodPost), "only the setup's")
		assert.Equal(t, 1, s.CreatedFor(reader.Email))
	})
	t.Run("someone else invited first", func(t *testing.T) {
		t.Parallel()
		s := newFake(t) // a duplicate is refused with a 400
		c := newTestClient(t, s.URL())
		existing := invite(t, c, "new@example.com")
		s.FailNextFor(http.MethodGet, fake.FaultStaleList, 1) // the look-up misses it
		got, _, err := c.Invites.Ensure(ctx(t), reader)
		require.NoError(t, err)
		assert.Equal(t, EnsureExisting, got.Outcome)
		assert.Equal(t, existing.ID, got.Invite.ID)
		assert.Equal(t, 1, s.CreatedFor(reader.Email))
	})
}

// An address written with a combining accent is the one written with the
// precomposed letter: a look-up finds it, and Ensure sends no second invite.
func TestLookupsCompareEmailsAfterNFC(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	c := newTestClient(t, s.URL())
	id := invite(t, c, "jos\u00e9@example.com").ID
	inv, _, err := c.Invites.FindByEmail(ctx(t), "JOSE\u0301@example.com")
	require.NoError(t, err)
	assert.Equal(t, id, inv.ID)
	got, _, err := c.Invites.Ensure(ctx(t), CreateParams{Email: "jose\u0301@example.com", Role: RoleReader})
	require.NoError(t, err)
	assert.Equal(t, EnsureExisting, got.Outcome)
	assert.Equal(t, id, got.Invite.ID)
	assert.Equal(t, 1, requests(s, http.MethodPost), "the first invite only")
}

func TestIDsStayOneEscapedPathSegment(t *testing.T) {
	t.Parallel()
	for id, want := range map[string]string{
		"invite-abc": "/v1/organization/invites/invite-abc",
		"a/b":        "/v1/organization/invites/a%2Fb",
		"a?b":        "/v1/organization/invites/a%3Fb",
		"a#b":        "/v1/organization/invites/a%23b",
		"a%2Fb":      "/v1/organization/invites/a%252Fb",
		"a b":        "/v1/organization/invites/a%20b",
		"../x":       "/v1/organization/invites/..%2Fx",
		"...":        "/v1/organization/invites/...",
		"%2e%2e":     "/v1/organization/invites/%252e%252e",
		"ünïcode":    "/v1/organization/invites/%C3%BCn%C3%AFcode",
		"a;b=c&d":    "/v1/organization/invites/a%3Bb=c&d",
	} {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			_, mux, url := setup(t)
			s := play(mux, reply(http.StatusOK, `{"object":"organization.invite.deleted","id":"x","deleted":true}`))
			c := newTestClient(t, url+"/v1/") // the trailing slash is not doubled
			_, err := c.Invites.Delete(ctx(t), id)
			require.NoError(t, err)
			_, _, _ = c.Invites.Get(ctx(t), id)
			reqs := s.requests()
			require.Len(t, reqs, 2)
			assert.Equal(t, want, reqs[0].URI)
			assert.Equal(t, http.MethodDelete, reqs[0].Method)
			assert.Equal(t, want, reqs[1].URI)
		})
	}
}

func TestCreateBodyOnTheWire(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		projects []ProjectGrant
		want     string
	}{
		{"nil projects are omitted (default project)", nil, `{"email":"a@example.com","role":"reader"}`},
		{"empty projects are sent empty (no project)", []ProjectGrant{}, `{"email":"a@example.com","projects":[],"role":"reader"}`},
		{"projects listed", []ProjectGrant{{"proj_1", ProjectRoleOwner}, {"proj_2", ProjectRoleMember}},
			`{"email":"a@example.com","projects":[{"id":"proj_1","role":"owner"},{"id":"proj_2","role":"member"}],"role":"reader"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			s := play(mux, reply(http.StatusCreated, inviteJSON("invite-1", "a@example.com", 1)))
			inv, resp, err := c.Invites.Create(ctx(t), CreateParams{Email: "a@example.com", Role: RoleReader, Projects: tc.projects})
			require.NoError(t, err, "any 2xx is success")
			assert.Equal(t, "invite-1", inv.ID)
			assert.Equal(t, http.StatusCreated, resp.StatusCode)
			reqs := s.requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, http.MethodPost, reqs[0].Method)
			assert.Equal(t, "/v1/organization/invites", reqs[0].URI)
			assert.JSONEq(t, tc.want, reqs[0].Body)
			assert.Equal(t, tc.want, reqs[0].Body, "exact bytes")
		})
	}
}

func TestListQuery(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	s := play(mux, reply(http.StatusOK, `{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}`))
	_, _, err := c.Invites.List(ctx(t), ListParams{Limit: 100, After: "invite a&b"})
	require.NoError(t, err)
	assert.Equal(t, "/v1/organization/invites?limit=100&after=invite+a%26b", s.requests()[0].URI)
}

func TestInvalidInputIsRejectedBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	s := play(mux, reply(http.StatusOK, "{}"))
	ok := CreateParams{Email: "a@example.com", Role: RoleReader}
	with := func(f func(*CreateParams)) CreateParams { p := ok; f(&p); return p }
	calls := map[string]func() error{
		"get empty id":      func() error { _, _, err := c.Invites.Get(ctx(t), ""); return err },
		"get dot":           func() error { _, _, err := c.Invites.Get(ctx(t), "."); return err },
		"get dot dot":       func() error { _, _, err := c.Invites.Get(ctx(t), ".."); return err },
		"delete empty id":   func() error { _, err := c.Invites.Delete(ctx(t), ""); return err },
		"delete dot dot":    func() error { _, err := c.Invites.Delete(ctx(t), ".."); return err },
		"list limit -1":     func() error { _, _, err := c.Invites.List(ctx(t), ListParams{Limit: -1}); return err },
		"list limit 101":    func() error { _, _, err := c.Invites.List(ctx(t), ListParams{Limit: 101}); return err },
		"all page size 101": func() error { return firstErr(c, AllParams{Limit: 101}) },
		"all bad status":    func() error { return firstErr(c, AllParams{Status: "open"}) },
		"create no email": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Email = "" }))
			return err
		},
		"create bad email": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Email = "not-an-email" }))
			return err
		},
		"create named email": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Email = "A <a@example.com>" }))
			return err
		},
		"create no role": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Role = "" }))
			return err
		},
		"create bad role": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Role = "admin" }))
			return err
		},
		"create empty project id": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Projects = []ProjectGrant{{"", ProjectRoleMember}} }))
			return err
		},
		"create bad project role": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Projects = []ProjectGrant{{"proj_1", "viewer"}} }))
			return err
		},
		"find bad email":      func() error { _, _, err := c.Invites.FindByEmail(ctx(t), "a@"); return err },
		"find dotless domain": func() error { _, _, err := c.Invites.FindByEmail(ctx(t), "a@localhost"); return err },
		"create quoted email": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Email = `"a b"@example.com` }))
			return err
		},
		"ensure bad role": func() error {
			_, _, err := c.Invites.Ensure(ctx(t), with(func(p *CreateParams) { p.Role = "x" }))
			return err
		},
		"bad call header": func() error {
			_, _, err := c.Invites.Get(ctx(t), "invite-1", WithCallHeader("X-A", "a\nb"))
			return err
		},
	}
	for name, call := range calls {
		err := call()
		require.ErrorIs(t, err, ErrInvalidInput, name)
		var ve *ValidationError
		require.ErrorAs(t, err, &ve, name)
		assert.NotEmpty(t, ve.Field, name)
	}
	assert.Empty(t, s.requests(), "no request for input the API must reject")
}

// firstErr is what All yields first: an error, or nil with an invite.
func firstErr(c *Client, p AllParams) error {
	for _, err := range c.Invites.All(context.Background(), p) {
		return err
	}
	return errors.New("no error yielded")
}

// TestAnUnreadable2xxToACreateIsLookedUp: a 2xx means the invite was
// made, whatever made its body unreadable: too large, cut short, not
// JSON, or a connection closed mid-body. The create looks the invite up
// and returns it, and is never sent again. Before, a body too large was
// reported as a failure, without a look.
func TestAnUnreadable2xxToACreateIsLookedUp(t *testing.T) {
	t.Parallel()
	found := func(w http.ResponseWriter, r *http.Request) {
		reply(http.StatusOK, `{"object":"list","data":[`+inviteJSON("invite-1", "new@example.com", time.Now().Unix())+`],"first_id":"invite-1","last_id":"invite-1","has_more":false}`)(w, r)
	}
	closed := func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, `{"object":"organization.invite","id":"inv`)
		_ = http.NewResponseController(w).Flush()
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			_ = conn.Close()
		}
	}
	for name, answer := range map[string]http.HandlerFunc{
		"too large": reply(http.StatusOK, `{"id":"invite-1","email":"`+strings.Repeat("x", maxInviteBody)+`"}`),
		"cut short": cutBody,
		"not JSON":  reply(http.StatusCreated, "<html>created</html>"),
		"closed":    closed,
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			s := play(mux, answer, found)
			inv, resp, err := c.Invites.Create(ctx(t), reader)
			require.NoError(t, err)
			assert.Equal(t, "invite-1", inv.ID)
			assert.Equal(t, 1, resp.Attempts)
			var methods []string
			for _, r := range s.requests() {
				methods = append(methods, r.Method)
			}
			assert.Equal(t, []string{http.MethodPost, http.MethodGet}, methods, "looked up, never sent again")
		})
	}
}
