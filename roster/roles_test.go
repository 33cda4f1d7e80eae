package roster_test

import (
	"strings"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// roleChanges lists the actions of a plan that change or would change a
// member's role.
func roleChanges(actions []roster.Action) []string {
	var out []string
	for _, a := range actions {
		if a.Kind == roster.SetRole || a.Kind == roster.Mismatch && a.Member != nil || a.Kind == roster.Held && a.Entry != nil {
			out = append(out, a.Email+" "+string(a.Kind)+": "+a.Reason)
		}
	}
	return out
}

// A Google Workspace export has no role column. Against an organization
// of several owners it plans no role change, whatever the flags: each
// member keeps their role, and only a new invite gets one.
func TestAWorkspaceExportWithNoRoleColumnChangesNoRole(t *testing.T) {
	t.Parallel()
	f := readFile(t, "google-workspace.csv")
	org := roster.Org{
		Members: []client.User{
			member("u-ada", "ada@example.com", client.RoleOwner),
			member("u-grace", "grace@example.com", client.RoleOwner),
			member("u-emmy", "emmy.noether@example.com", client.RoleOwner),
			member("u-boss", "boss@example.com", client.RoleOwner), // a contractor outside HR
			member("u-charles", "charles@example.com", client.RoleReader),
		},
		Invites: []client.Invite{invite("i1", "kurt@example.com", client.RoleOwner, client.StatusPending)},
	}
	for _, opts := range []roster.PlanOptions{
		{},
		{RevokeMissing: true, RemoveMembers: true},
		{DefaultRole: client.RoleOwner},
		{CreateOnly: true},
	} {
		actions := roster.Plan(f.Entries(), org, opts)
		assert.Empty(t, roleChanges(actions), "%+v", opts)
		require.NoError(t, roster.Limits{MaxRemovals: 5}.Check(actions), "no demotion at all: %+v", opts)
		for _, a := range actions {
			if a.Entry != nil && a.Member != nil {
				assert.Equal(t, a.Member.Role, a.Entry.Role, "%s keeps their role", a.Email)
			}
		}
	}

	actions := roster.Plan(f.Entries(), org, roster.PlanOptions{RevokeMissing: true, RemoveMembers: true})
	assert.Equal(t, []string{
		"ada@example.com keep u-ada", "grace@example.com keep u-grace", "alan@example.com create", "Emmy.Noether@example.com keep u-emmy",
		"kurt@example.com revoke i1", "boss@example.com remove u-boss", "charles@example.com remove u-charles",
	}, kinds(actions))
	assert.Equal(t, "already a member; the roster gives no role, so they keep theirs", actions[0].Reason)
	assert.Equal(t, client.RoleReader, actions[2].Entry.Role, "a new invite gets the default role, reader")
	assert.Equal(t, "no member, no pending invite (the roster gives no role: reader, the default)", actions[2].Reason)
	assert.False(t, f.Entries()[2].HasRole(), "the roster's entry is left as read")

	actions = roster.Plan(f.Entries(), org, roster.PlanOptions{DefaultRole: client.RoleOwner})
	assert.Equal(t, client.RoleOwner, actions[2].Entry.Role, "PlanOptions.DefaultRole")
	assert.Equal(t, client.RoleOwner, actions[2].Entry.Params().Role)
}

// An entry without a role is judged by what it does say: its member keeps
// their role, its pending invite is compared by projects alone (a replace
// keeps the invite's role), and only a new invite gets the default role.
func TestAnEntryWithoutARole(t *testing.T) {
	t.Parallel()
	projA := client.ProjectGrant{ID: "proj_a", Role: client.ProjectRoleMember}
	projB := client.ProjectGrant{ID: "proj_b", Role: client.ProjectRoleMember}
	entries := []rosterfile.Entry{
		{Email: "owner@example.com"},
		{Email: "reader@example.com"},
		{Email: "same@example.com", Projects: []client.ProjectGrant{projA}},
		{Email: "moved@example.com", Projects: []client.ProjectGrant{projB}},
		{Email: "expired@example.com"},
		{Email: "new@example.com"},
		{Email: "explicit@example.com", Role: client.RoleReader}, // an explicit reader is a role
	}
	org := roster.Org{
		Members: []client.User{
			member("u1", "owner@example.com", client.RoleOwner),
			member("u2", "reader@example.com", client.RoleReader),
			member("u3", "explicit@example.com", client.RoleOwner),
			member("u4", "boss@example.com", client.RoleOwner),
		},
		Invites: []client.Invite{
			invite("i1", "same@example.com", client.RoleOwner, client.StatusPending, projA),
			invite("i2", "moved@example.com", client.RoleOwner, client.StatusPending, projA),
			invite("i3", "expired@example.com", client.RoleOwner, client.StatusExpired),
		},
	}
	actions := roster.Plan(entries, org, roster.PlanOptions{})
	assert.Equal(t, []string{
		"owner@example.com keep u1", "reader@example.com keep u2", "same@example.com keep i1", "moved@example.com replace i2",
		"expired@example.com resend i3", "new@example.com create", "explicit@example.com set-role u3", "boss@example.com unlisted u4",
	}, kinds(actions))
	assert.Equal(t, "pending invite differs: projects proj_a:member -> proj_b:member", actions[3].Reason, "the role is not compared")
	assert.Equal(t, client.RoleOwner, actions[3].Entry.Params().Role, "the replace keeps the pending invite's role")
	assert.Equal(t, []client.ProjectGrant{projB}, actions[3].Entry.Params().Projects)
	assert.Equal(t, client.RoleReader, actions[4].Entry.Params().Role, "a resend is a new invite: the default role, not the expired one's owner")
	assert.Equal(t, "member's role owner -> reader", actions[6].Reason)
	for _, a := range actions {
		if a.Entry != nil {
			assert.True(t, a.Entry.HasRole(), "%s: an action's entry always has the role it sends", a.Email)
		}
	}
	err := roster.Limits{}.Check(actions)
	var limit *roster.LimitError
	require.ErrorAs(t, err, &limit)
	assert.Equal(t, []string{"explicit@example.com"}, limit.Emails, "only the explicit reader demotes anyone")

	// import plans the same file without calling anyone a mismatch of role.
	actions = roster.Plan(entries, org, roster.PlanOptions{CreateOnly: true})
	assert.Equal(t, []string{
		"owner@example.com keep u1", "reader@example.com keep u2", "same@example.com keep i1", "moved@example.com mismatch i2",
		"expired@example.com resend i3", "new@example.com create", "explicit@example.com mismatch u3",
	}, kinds(actions))
	assert.Equal(t, "pending invite differs: projects proj_a:member -> proj_b:member", actions[3].Reason)
}

// Owners are named by a rule on a column of the export; the other rows
// have no role (not reader), and the rule's column is used, not ignored.
func TestOwnersByRule(t *testing.T) {
	t.Parallel()
	rule := rosterfile.Filter{Column: "department", Value: "ENGINEERING"}
	f := readFile(t, "google-workspace.csv", rosterfile.WithOwnersWhere(rule))
	got := map[string]client.Role{}
	for _, e := range f.Entries() {
		got[e.Email] = e.Role
	}
	assert.Equal(t, map[string]client.Role{"ada@example.com": client.RoleOwner, "grace@example.com": client.RoleOwner, "alan@example.com": "", "Emmy.Noether@example.com": ""}, got)
	assert.Equal(t, 2, f.Owners)
	assert.Equal(t, 2, f.NoRole)
	assert.Equal(t, []rosterfile.Filter{rule}, f.OwnersWhere)
	assert.NotContains(t, f.Ignored, "Department")
	notices := f.Notices()
	assert.Contains(t, notices, `owners by rule (department "ENGINEERING"): 2 rows`)
	assert.Contains(t, notices, "2 rows have no role: their roles are left as they are (a member keeps theirs; a new invite gets the default role)")

	org := roster.Org{Members: []client.User{
		member("u-ada", "ada@example.com", client.RoleReader),
		member("u-grace", "grace@example.com", client.RoleOwner),
		member("u-alan", "alan@example.com", client.RoleOwner),
	}}
	assert.Equal(t, []string{
		"ada@example.com set-role u-ada", "grace@example.com keep u-grace", "alan@example.com keep u-alan", "Emmy.Noether@example.com create",
	}, kinds(roster.Plan(f.Entries(), org, roster.PlanOptions{})), "the rule promotes; a row it does not name demotes no one")

	// In a file with a role column, the rule names owners among the rows
	// without a role, and a row it names whose cell says otherwise is a
	// problem, not a guess.
	in := "email,role,Team\r\nada@example.com,,IT\r\ngrace@example.com,owner,it\r\nalan@example.com,reader,IT\r\nemmy@example.com,,Research\r\nkurt@example.com,reader,Research\r\n"
	f, err := rosterfile.Read(strings.NewReader(in), rosterfile.WithOwnersWhere(rosterfile.Filter{Column: "Team", Value: "IT"}))
	require.NoError(t, err)
	roles := make([]client.Role, len(f.Rows))
	for i, r := range f.Rows {
		roles[i] = r.Role
	}
	assert.Equal(t, []client.Role{client.RoleOwner, client.RoleOwner, client.RoleReader, "", client.RoleReader}, roles)
	assert.Equal(t, `role reader, but the owner rule (Team "IT") names this row an owner`, f.Rows[2].Problem())
	for _, i := range []int{0, 1, 3, 4} {
		assert.True(t, f.Rows[i].Valid(), f.Rows[i].Problem())
	}

	_, err = rosterfile.Read(strings.NewReader(in), rosterfile.WithOwnersWhere(rosterfile.Filter{Column: "Department", Value: "IT"}))
	var ce *rosterfile.ColumnError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "owner", ce.For)
	assert.Equal(t, "Department", ce.Column)
}
