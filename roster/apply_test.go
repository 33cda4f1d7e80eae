package roster_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seed gives srv one invite in each state a plan must handle, and returns
// the roster that wants a change to most of them.
func seed(t *testing.T, srv *fake.Server, c *client.Client) []rosterfile.Entry {
	t.Helper()
	create := func(email string, role client.Role, projects ...client.ProjectGrant) string {
		inv, _, err := c.Invites.Create(t.Context(), client.CreateParams{Email: email, Role: role, Projects: projects})
		require.NoError(t, err)
		return inv.ID
	}
	create("expired@example.com", client.RoleReader)
	srv.Advance(8 * 24 * time.Hour)
	create("role@example.com", client.RoleReader)
	create("proj@example.com", client.RoleReader, projAOwner)
	create("keep@example.com", client.RoleReader, projA, projB)
	create("leaver@example.com", client.RoleReader)
	require.NoError(t, srv.Accept(create("member@example.com", client.RoleOwner)))
	require.NoError(t, srv.Accept(create("promoted@example.com", client.RoleReader)))
	return []rosterfile.Entry{
		entry("new@example.com", client.RoleReader),
		entry("expired@example.com", client.RoleReader),
		entry("role@example.com", client.RoleOwner),
		entry("proj@example.com", client.RoleReader, projA),
		entry("keep@example.com", client.RoleReader, projB, projA),
		entry("member@example.com", client.RoleOwner),
		entry("promoted@example.com", client.RoleOwner),
	}
}

// converged asserts that srv holds what entries ask, one pending invite at
// most per email, and that a new plan has nothing to write.
func converged(t *testing.T, srv *fake.Server, c *client.Client, entries []rosterfile.Entry, opts roster.PlanOptions) {
	t.Helper()
	pending := map[string]int{}
	for _, inv := range srv.Invites() {
		if inv.Status == "pending" {
			pending[strings.ToLower(inv.Email)]++
		}
	}
	for email, n := range pending {
		assert.Equal(t, 1, n, "pending invites for %s", email)
	}
	for _, a := range roster.Plan(entries, readOrg(t, c), opts) {
		assert.False(t, a.Kind.Writes(), "%s: %s (%s)", a.Email, a.Kind, a.Reason)
	}
}

func TestApplyConvergesUnderFaults(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	c := newClient(t, srv)
	entries := seed(t, srv, c)
	opts := roster.PlanOptions{RevokeMissing: true}
	actions := roster.Plan(entries, readOrg(t, c), opts)

	// Every write meets trouble: 429s whose wait is only in the message,
	// creates and deletes applied but answered 500 or dropped, a 5xx.
	srv.SetFaults(fake.Faults{RetryAfter: 50 * time.Millisecond})
	srv.FailNextFor(http.MethodPost, fake.FaultRateLimit, 1)
	srv.FailNextFor(http.MethodDelete, fake.FaultRateLimit, 1)
	srv.FailNextFor(http.MethodPost, fake.FaultAmbiguousError, 1)
	srv.FailNextFor(http.MethodPost, fake.FaultAmbiguousDrop, 1)
	srv.FailNextFor(http.MethodDelete, fake.FaultAmbiguousError, 1)
	srv.FailNextFor(http.MethodDelete, fake.FaultServerError, 1)
	srv.FailNextFor(http.MethodDelete, fake.FaultAmbiguousDrop, 1)

	got := map[roster.Kind]int{}
	attempts := 0
	before := srv.Stats()
	for r := range roster.Apply(t.Context(), c, actions, roster.ApplyOptions{Concurrency: 2}) {
		require.NoError(t, r.Err, "%s %s", r.Action.Kind, r.Action.Email)
		assert.Equal(t, actions[r.Index], r.Action)
		got[r.Action.Kind]++
		if r.Action.Kind == roster.Create || r.Action.Kind == roster.Resend || r.Action.Kind == roster.Replace {
			require.NotNil(t, r.Invite)
			assert.Equal(t, r.Action.Entry.Role, r.Invite.Role)
		}
		assert.Equal(t, r.Action.Kind == roster.Replace || r.Action.Kind == roster.Revoke, r.Deleted)
		if r.Action.Kind.Writes() {
			assert.Equal(t, roster.Done, r.Outcome(), r.Action.Email)
			attempts += r.Attempts
		} else {
			assert.Equal(t, roster.Unchanged, r.Outcome(), r.Action.Email)
			assert.Zero(t, r.Attempts, "%s sends nothing", r.Action.Email)
		}
	}
	assert.Equal(t, map[roster.Kind]int{roster.Create: 1, roster.Resend: 1, roster.Replace: 2, roster.Keep: 2, roster.SetRole: 1, roster.Revoke: 1}, got)
	stats := srv.Stats()
	writes := 0
	for _, method := range []string{http.MethodPost, http.MethodDelete} {
		for status, n := range stats.Requests[method] {
			writes += n - before.Count(method, status)
		}
	}
	assert.Equal(t, writes, attempts, "every create and delete attempt is counted, a replace's two requests included")
	assert.Equal(t, 1, stats.Count(http.MethodPost, http.StatusTooManyRequests))
	assert.Equal(t, 1, stats.Count(http.MethodDelete, http.StatusTooManyRequests))
	assert.Equal(t, 1, stats.Count(http.MethodPost, http.StatusInternalServerError), "a create applied, answered 500")
	assert.Equal(t, 1, stats.Count(http.MethodPost, 0), "a create applied, its answer dropped")
	assert.Equal(t, 2, stats.Count(http.MethodDelete, http.StatusInternalServerError), "a delete applied then a 500, and a plain 500")
	assert.Equal(t, 1, stats.Count(http.MethodDelete, 0), "a delete applied, its answer dropped")
	for _, email := range []string{"new@example.com", "role@example.com", "proj@example.com"} {
		assert.LessOrEqual(t, srv.CreatedFor(email), 2, "%s: at most the old invite and one new", email)
	}
	assert.Equal(t, 1, srv.CreatedFor("new@example.com"), "the ambiguous create was found, not sent again")
	converged(t, srv, c, entries, opts)
}

func TestApplyReportsAReplaceHalfDone(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	c := newClient(t, srv, client.WithMaxRetries(0))
	entries := seed(t, srv, c)[2:3] // role@: reader -> owner
	actions := roster.Plan(entries, readOrg(t, c), roster.PlanOptions{})
	require.Equal(t, roster.Replace, actions[0].Kind)

	srv.FailNextFor(http.MethodPost, fake.FaultServerError, 1)
	var results []roster.Result
	for r := range roster.Apply(t.Context(), c, actions, roster.ApplyOptions{}) {
		if r.Action.Kind.Writes() { // the seeded members are unlisted here
			results = append(results, r)
		}
	}
	require.Len(t, results, 1)
	assert.Equal(t, roster.DeletedNotCreated, results[0].Outcome())
	assert.Equal(t, 2, results[0].Attempts, "the delete and the create")
	assert.True(t, results[0].Deleted)
	assert.Nil(t, results[0].Invite)
	require.ErrorIs(t, results[0].Err, roster.ErrDeletedNotCreated)
	require.ErrorIs(t, results[0].Err, client.ErrServer)
	assert.Contains(t, results[0].Err.Error(), actions[0].InviteID())

	// The next plan sees no invite, and creates it.
	again := roster.Plan(entries, readOrg(t, c), roster.PlanOptions{})
	assert.Equal(t, roster.Create, again[0].Kind)
	for r := range roster.Apply(t.Context(), c, again, roster.ApplyOptions{}) {
		require.NoError(t, r.Err)
	}
	converged(t, srv, c, entries, roster.PlanOptions{})
}

func TestApplyStartsNothingAfterCancel(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var posts int
	c := newClient(t, srv, client.WithMiddleware(func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			if r.Method == http.MethodPost {
				if posts++; posts == 2 {
					cancel() // as Ctrl-C during the second create
				}
			}
			return next.RoundTrip(r)
		})
	}))
	var entries []rosterfile.Entry
	for _, name := range []string{"a", "b", "c", "d"} {
		entries = append(entries, entry(name+"@example.com", client.RoleReader))
	}
	actions := roster.Plan(entries, roster.Org{}, roster.PlanOptions{})
	var done, notStarted []string
	for r := range roster.Apply(ctx, c, actions, roster.ApplyOptions{Grace: time.Minute}) {
		if errors.Is(r.Err, roster.ErrNotStarted) {
			require.ErrorIs(t, r.Err, context.Canceled)
			assert.Equal(t, roster.NotAttempted, r.Outcome())
			assert.Zero(t, r.Attempts)
			notStarted = append(notStarted, r.Action.Email)
			continue
		}
		require.NoError(t, r.Err, "the create in flight finishes")
		done = append(done, r.Action.Email)
	}
	assert.Equal(t, []string{"a@example.com", "b@example.com"}, done)
	assert.Equal(t, []string{"c@example.com", "d@example.com"}, notStarted)
	assert.Equal(t, 2, srv.Stats().Count(http.MethodPost, http.StatusOK))
}

func TestApplyStopsWhenTheLoopBreaks(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	c := newClient(t, srv)
	var entries []rosterfile.Entry
	for _, name := range []string{"a", "b", "c", "d", "e", "f"} {
		entries = append(entries, entry(name+"@example.com", client.RoleReader))
	}
	for range roster.Apply(t.Context(), c, roster.Plan(entries, roster.Org{}, roster.PlanOptions{}), roster.ApplyOptions{Concurrency: 2}) {
		break
	}
	// Apply has returned, so its workers have (goleak checks it in
	// TestMain): what was started has finished, and nothing more starts.
	created := srv.Stats().Count(http.MethodPost, http.StatusOK)
	assert.GreaterOrEqual(t, created, 1)
	assert.LessOrEqual(t, created, 3, "the result read, and at most one more per worker")
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// A plan that only adds has nothing left to do for a create the API refuses
// because the email became a member or was invited after the read, whether
// the API says so with a 400 or a 409; a plan that may change anything
// reports the same refusals as failures.
func TestApplyCreateOnlyFindsCreatesDoneSinceTheRead(t *testing.T) {
	t.Parallel()
	for _, dup := range []fake.DuplicatePolicy{fake.RejectDuplicates, fake.ConflictDuplicates} {
		srv := fake.NewServer(t, fake.WithDuplicates(dup))
		c := newClient(t, srv)
		entries := []rosterfile.Entry{entry("ada@example.com", client.RoleReader), entry("grace@example.com", client.RoleReader)}
		actions := roster.Plan(entries, readOrg(t, c), roster.PlanOptions{CreateOnly: true})
		_, _, err := c.Invites.Create(t.Context(), client.CreateParams{Email: "ada@example.com", Role: client.RoleOwner})
		require.NoError(t, err)
		_, err = srv.AddMember(fake.Member{Email: "grace@example.com", Role: "reader"})
		require.NoError(t, err)
		for _, createOnly := range []bool{true, false} {
			got := map[string]roster.Outcome{}
			for r := range roster.Apply(t.Context(), c, actions, roster.ApplyOptions{CreateOnly: createOnly}) {
				got[r.Action.Email] = r.Outcome()
				require.ErrorIs(t, r.Err, map[string]error{"ada@example.com": client.ErrAlreadyInvited, "grace@example.com": client.ErrAlreadyMember}[r.Action.Email])
			}
			want := map[string]roster.Outcome{"ada@example.com": roster.Failed, "grace@example.com": roster.Failed}
			if createOnly {
				want = map[string]roster.Outcome{"ada@example.com": roster.Unchanged, "grace@example.com": roster.Unchanged}
			}
			assert.Equal(t, want, got, "duplicates %d, create only %v", dup, createOnly)
		}
	}
}
