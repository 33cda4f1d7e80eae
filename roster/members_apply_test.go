package roster_test

import (
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seedMembers gives srv an organization with every case a sync over
// members must handle, and returns the roster that wants it changed.
func seedMembers(t *testing.T, srv *fake.Server, c *client.Client) []rosterfile.Entry {
	t.Helper()
	for _, m := range []fake.Member{
		{ID: "user-boss", Email: "boss@example.com", Role: "owner"},
		{ID: "user-cto", Email: "cto@example.com", Role: "owner"},   // a second owner
		{ID: "user-dev", Email: "dev@example.com", Role: "reader"},  // promoted
		{ID: "user-lead", Email: "lead@example.com", Role: "owner"}, // demoted
		{ID: "user-leaver", Email: "leaver@example.com", Role: "reader"},
		{ID: "user-sso", Email: "sso@example.com", Role: "reader"}, // joined with no invite on record
		{ID: "user-bot", Name: "CI", Role: "owner", ServiceAccount: true},
		{ID: "user-scim", Email: "dir@example.com", Role: "reader", SCIMManaged: true},
	} {
		_, err := srv.AddMember(m)
		require.NoError(t, err)
	}
	// A member whose old invite is still pending: the invite is stale.
	inv, _, err := c.Invites.Create(t.Context(), client.CreateParams{Email: "stale@example.com", Role: client.RoleReader})
	require.NoError(t, err)
	_, err = srv.AddMember(fake.Member{ID: "user-stale", Email: "stale@example.com", Role: "reader"})
	require.NoError(t, err)
	require.Equal(t, "pending", must(srv.Invite(inv.ID)).Status)
	return []rosterfile.Entry{
		entry("boss@example.com", client.RoleOwner),
		entry("cto@example.com", client.RoleOwner),
		entry("dev@example.com", client.RoleOwner),
		entry("lead@example.com", client.RoleReader),
		entry("sso@example.com", client.RoleReader),
		entry("stale@example.com", client.RoleReader),
		entry("new1@example.com", client.RoleReader),
		entry("new2@example.com", client.RoleOwner),
	}
}

func must[T any](v T, ok bool) T {
	if !ok {
		panic("not found")
	}
	return v
}

func TestApplyOverMembersConvergesUnderFaults(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	c := newClient(t, srv)
	entries := seedMembers(t, srv, c)
	opts := roster.PlanOptions{RevokeMissing: true, RemoveMembers: true}
	actions := roster.Plan(entries, readOrg(t, c), opts)
	want := map[roster.Kind]int{roster.Keep: 4, roster.SetRole: 2, roster.Create: 2, roster.Revoke: 1, roster.Remove: 1, roster.Managed: 2}
	got := map[roster.Kind]int{}
	for _, a := range actions {
		got[a.Kind]++
	}
	require.Equal(t, want, got)

	// Every write meets trouble: 5xx, dropped connections, writes applied
	// but answered 500 or dropped, 429s whose wait is only in the message.
	srv.SetFaults(fake.Faults{RetryAfter: 50 * time.Millisecond})
	srv.FailNextAt(fake.EndpointModifyUser, fake.FaultAmbiguousDrop, 1)
	srv.FailNextAt(fake.EndpointModifyUser, fake.FaultRateLimit, 1)
	srv.FailNextAt(fake.EndpointDeleteUser, fake.FaultAmbiguousError, 1)
	srv.FailNextAt(fake.EndpointDeleteUser, fake.FaultDrop, 1)
	srv.FailNextAt(fake.EndpointCreateInvite, fake.FaultAmbiguousDrop, 1)
	srv.FailNextAt(fake.EndpointCreateInvite, fake.FaultServerError, 1)
	srv.FailNextAt(fake.EndpointDeleteInvite, fake.FaultAmbiguousError, 1)
	for r := range roster.Apply(t.Context(), c, actions, roster.ApplyOptions{Concurrency: 2, Limits: roster.Limits{MaxRemovals: 5, MaxDemotions: 1}}) {
		require.NoError(t, r.Err, "%s %s", r.Action.Kind, r.Action.Email)
		if r.Action.Kind == roster.SetRole {
			require.NotNil(t, r.Member)
			assert.Equal(t, r.Action.Entry.Role, r.Member.Role)
		}
		assert.Equal(t, r.Action.Kind == roster.Remove, r.Removed)
	}

	removed := srv.RemovedMembers()
	require.Len(t, removed, 1, "one removal, the leaver's")
	assert.Equal(t, "user-leaver", removed[0].ID)
	for _, email := range []string{"new1@example.com", "new2@example.com"} {
		assert.Equal(t, 1, srv.CreatedFor(email), "%s: no duplicate invite", email)
	}
	roles := map[string]string{}
	for _, m := range srv.Members() {
		roles[m.ID] = m.Role
	}
	assert.Equal(t, "owner", roles["user-dev"])
	assert.Equal(t, "reader", roles["user-lead"])
	assert.Equal(t, "owner", roles["user-bot"], "a service account is never changed")
	assert.Contains(t, roles, "user-scim", "nor a SCIM-managed member removed")

	again := roster.Plan(entries, readOrg(t, c), opts)
	for _, a := range again {
		assert.False(t, a.Kind.Drift(), "second run: %s %s (%s)", a.Kind, a.Email, a.Reason)
	}
}

// A plan that removes more than its Limits.MaxRemovals sends nothing at
// all, not even its creates.
func TestApplyRefusesTooManyRemovalsWhole(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	c := newClient(t, srv)
	entries := seedMembers(t, srv, c)[:1] // a roster cut short: only the boss
	actions := roster.Plan(append(entries, entry("new@example.com", client.RoleReader)), readOrg(t, c), roster.PlanOptions{RemoveMembers: true})
	require.ErrorIs(t, roster.Limits{MaxRemovals: 5}.Check(actions), roster.ErrTooManyRemovals)
	before := srv.Stats().Total
	writes := 0
	for r := range roster.Apply(t.Context(), c, actions, roster.ApplyOptions{Limits: roster.Limits{MaxRemovals: 5}}) {
		if r.Action.Kind.Writes() {
			writes++
			require.ErrorIs(t, r.Err, roster.ErrTooManyRemovals)
			require.ErrorIs(t, r.Err, roster.ErrNotStarted)
			assert.Equal(t, roster.NotAttempted, r.Outcome())
		}
	}
	assert.Equal(t, 8, writes, "6 removals, a create and the stale invite's revoke")
	assert.Equal(t, before, srv.Stats().Total, "no request at all")
	assert.Empty(t, srv.RemovedMembers())

	var one []roster.Action
	for _, a := range actions {
		if a.Kind == roster.Remove {
			one = append(one, a)
			break
		}
	}
	zero := 0
	for r := range roster.Apply(t.Context(), c, one, roster.ApplyOptions{}) {
		require.ErrorIs(t, r.Err, roster.ErrTooManyRemovals, "the zero ApplyOptions allow no removal")
		zero++
	}
	assert.Equal(t, 1, zero)
}

// A plan that demotes more owners than its Limits.MaxDemotions is refused
// whole as well: no role change, no invite, no request at all.
func TestApplyRefusesTooManyDemotionsWhole(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	c := newClient(t, srv)
	entries := seedMembers(t, srv, c)
	entries[1] = entry("cto@example.com", client.RoleReader) // a second demotion, with lead's
	actions := roster.Plan(entries, readOrg(t, c), roster.PlanOptions{})
	limits := roster.Limits{MaxRemovals: 5, MaxDemotions: 1}
	err := limits.Check(actions)
	require.ErrorIs(t, err, roster.ErrTooManyDemotions)
	require.NotErrorIs(t, err, roster.ErrTooManyRemovals)
	before := srv.Stats()
	writes := 0
	for r := range roster.Apply(t.Context(), c, actions, roster.ApplyOptions{Limits: limits}) {
		if r.Action.Kind.Writes() {
			writes++
			require.ErrorIs(t, r.Err, roster.ErrTooManyDemotions)
			require.ErrorIs(t, r.Err, roster.ErrNotStarted)
		}
	}
	assert.Equal(t, 6, writes, "2 demotions, a promotion, 2 creates and the stale invite's revoke")
	after := srv.Stats()
	assert.Equal(t, before.Total, after.Total, "no request at all")
	assert.Zero(t, after.SentTo(fake.EndpointModifyUser)-before.SentTo(fake.EndpointModifyUser))
	for _, id := range []string{"user-cto", "user-lead"} {
		m, ok := srv.Member(id)
		require.True(t, ok)
		assert.Equal(t, "owner", m.Role, id)
	}

	limits.MaxDemotions = 2
	require.NoError(t, limits.Check(actions), "a raised limit lets the same plan through")
}
