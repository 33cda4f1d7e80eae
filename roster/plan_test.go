package roster_test

import (
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	projA      = client.ProjectGrant{ID: "proj_a", Role: client.ProjectMember}
	projAOwner = client.ProjectGrant{ID: "proj_a", Role: client.ProjectOwner}
	projB      = client.ProjectGrant{ID: "proj_b", Role: client.ProjectOwner}
)

func entry(email string, role client.Role, projects ...client.ProjectGrant) roster.Entry {
	return roster.Entry{Email: email, Role: role, Projects: projects}
}

func invite(id, email string, role client.Role, status client.Status, projects ...client.ProjectGrant) client.Invite {
	return client.Invite{ID: id, Email: email, Role: role, Status: status, Projects: projects}
}

func member(id, email string, role client.Role) client.User {
	return client.User{ID: id, Email: email, Role: role}
}

// invitesOnly is an organization with no member yet.
func invitesOnly(invites ...client.Invite) roster.Org { return roster.Org{Invites: invites} }

// kinds is each action's email and kind, for compact assertions.
func kinds(actions []roster.Action) []string {
	var out []string
	for _, a := range actions {
		line := string(a.Kind)
		if a.Email != "" {
			line = a.Email + " " + line
		}
		if id := a.InviteID() + a.UserID(); id != "" {
			line += " " + id
		}
		out = append(out, line)
	}
	return out
}

func TestPlanGivesEachEmailOneAction(t *testing.T) {
	t.Parallel()
	entries := []roster.Entry{
		entry("new@example.com", client.RoleReader),
		entry("gone@example.com", client.RoleReader),
		entry("Same@Example.com", client.RoleOwner, projB, projA),
		entry("role@example.com", client.RoleOwner),
		entry("proj@example.com", client.RoleReader, projA),
		entry("member@example.com", client.RoleReader),
		entry("promoted@example.com", client.RoleOwner, projA),
		entry("default@example.com", client.RoleReader),
	}
	invites := []client.Invite{
		invite("i1", "gone@example.com", client.RoleReader, client.StatusExpired),
		invite("i2", "same@example.com", client.RoleOwner, client.StatusPending, projA, projB),
		invite("i3", "role@example.com", client.RoleReader, client.StatusPending),
		invite("i4", "proj@example.com", client.RoleReader, client.StatusPending, projAOwner),
		invite("i5", "member@example.com", client.RoleReader, client.StatusAccepted, projB),
		invite("i6", "promoted@example.com", client.RoleReader, client.StatusAccepted),
		invite("i7", "default@example.com", client.RoleReader, client.StatusPending, projB),
		invite("i8", "leaver@example.com", client.RoleReader, client.StatusPending),
		invite("i9", "member-left@example.com", client.RoleReader, client.StatusAccepted),
	}
	org := roster.Org{Invites: invites, Members: []client.User{
		member("u5", "member@example.com", client.RoleReader),
		member("u6", "promoted@example.com", client.RoleReader),
	}}
	actions := roster.Plan(entries, org, roster.PlanOptions{})
	assert.Equal(t, []string{
		"new@example.com create",
		"gone@example.com resend i1",
		"Same@Example.com keep i2", // grants compare as sets
		"role@example.com replace i3",
		"proj@example.com replace i4",
		"member@example.com keep u5", // a member's projects are not compared
		"promoted@example.com set-role u6",
		"default@example.com keep i7",
		"leaver@example.com unlisted i8",
	}, kinds(actions), "no --revoke-missing: the leaver's invite is left alone, and reported")
	assert.True(t, actions[8].Kind.Drift(), "a pending invite in no roster row is drift, as an unlisted member is")
	assert.False(t, actions[8].Kind.Writes())
	assert.Equal(t, "not in the roster", actions[8].Reason)
	assert.Equal(t, "pending invite differs: role reader -> owner", actions[3].Reason)
	assert.Equal(t, "pending invite differs: projects proj_a:owner -> proj_a:member", actions[4].Reason)
	assert.Equal(t, "member's role reader -> owner", actions[6].Reason)
	assert.Equal(t, &entries[3], actions[3].Entry)
	assert.Same(t, &org.Members[1], actions[6].Member)

	actions = roster.Plan(entries, org, roster.PlanOptions{RevokeMissing: true})
	require.Len(t, actions, 9)
	assert.Equal(t, "leaver@example.com revoke i8", kinds(actions)[8], "accepted invites are never revoked")
	assert.Nil(t, actions[8].Entry)
	assert.Equal(t, "not in the roster", actions[8].Reason)
}

func TestPlanNoneAndExplicitGrantsCompareExactly(t *testing.T) {
	t.Parallel()
	none := roster.Entry{Email: "a@example.com", Role: client.RoleReader, Projects: []client.ProjectGrant{}}
	for _, tc := range []struct {
		have []client.ProjectGrant
		want roster.Kind
	}{
		{nil, roster.Keep},
		{[]client.ProjectGrant{}, roster.Keep},
		{[]client.ProjectGrant{projA}, roster.Replace},
	} {
		actions := roster.Plan([]roster.Entry{none}, invitesOnly(invite("i1", "a@example.com", client.RoleReader, client.StatusPending, tc.have...)), roster.PlanOptions{})
		assert.Equal(t, tc.want, actions[0].Kind, "%v", tc.have)
	}
	actions := roster.Plan([]roster.Entry{entry("a@example.com", client.RoleReader, projA)},
		invitesOnly(invite("i1", "a@example.com", client.RoleReader, client.StatusPending, projA, projB)), roster.PlanOptions{})
	assert.Equal(t, roster.Replace, actions[0].Kind, "a grant too many differs")
}

func TestPlanSecondPendingInviteIsRevoked(t *testing.T) {
	t.Parallel()
	e := entry("a@example.com", client.RoleOwner)
	invites := []client.Invite{ // newest first
		invite("new", "a@example.com", client.RoleReader, client.StatusPending),
		invite("old", "a@example.com", client.RoleOwner, client.StatusPending),
	}
	actions := roster.Plan([]roster.Entry{e}, invitesOnly(invites...), roster.PlanOptions{})
	assert.Equal(t, []string{"a@example.com keep old", "a@example.com revoke new"}, kinds(actions), "the matching one is kept")

	actions = roster.Plan([]roster.Entry{e}, invitesOnly(invites...), roster.PlanOptions{CreateOnly: true})
	assert.Equal(t, []string{"a@example.com keep old"}, kinds(actions), "create-only deletes nothing")
}

func TestPlanCreateOnlyReportsMismatches(t *testing.T) {
	t.Parallel()
	invites := []client.Invite{
		invite("i1", "a@example.com", client.RoleReader, client.StatusPending),
		invite("i2", "leaver@example.com", client.RoleReader, client.StatusPending),
	}
	actions := roster.Plan([]roster.Entry{entry("a@example.com", client.RoleOwner, projAOwner)}, invitesOnly(invites...),
		roster.PlanOptions{CreateOnly: true, RevokeMissing: true})
	assert.Equal(t, []string{"a@example.com mismatch i1"}, kinds(actions))
	assert.Equal(t, "pending invite differs: role reader -> owner; projects none -> proj_a:owner", actions[0].Reason)
	assert.False(t, actions[0].Kind.Writes())
}

func TestPlanPlansARepeatedEmailOnce(t *testing.T) {
	t.Parallel()
	actions := roster.Plan([]roster.Entry{entry("a@example.com", client.RoleOwner), entry(" A@EXAMPLE.com", client.RoleReader)}, roster.Org{}, roster.PlanOptions{})
	assert.Equal(t, []string{"a@example.com create"}, kinds(actions))
}

func TestPlanOfAPlanAppliedKeepsEverything(t *testing.T) {
	t.Parallel()
	entries := []roster.Entry{entry("a@example.com", client.RoleOwner, projA), entry("b@example.com", client.RoleReader)}
	// As the API would show them after the first plan was applied.
	invites := []client.Invite{
		invite("i2", "b@example.com", client.RoleReader, client.StatusPending, projB),
		invite("i1", "a@example.com", client.RoleOwner, client.StatusPending, projA),
	}
	for _, a := range roster.Plan(entries, invitesOnly(invites...), roster.PlanOptions{RevokeMissing: true}) {
		assert.Equal(t, roster.Keep, a.Kind, a.Email)
	}
}

func TestPlanOfAnExportKeepsEverything(t *testing.T) {
	t.Parallel()
	org := roster.Org{
		Members: []client.User{
			member("u1", "a@example.com", client.RoleOwner),
			member("u2", "e@example.com", client.RoleReader),
			{ID: "svc", Role: client.RoleOwner, IsServiceAccount: true}, // no email: no entry
			{ID: "scim", Email: "s@example.com", Role: client.RoleReader, IsSCIMManaged: true},
		},
		Invites: []client.Invite{ // newest first
			invite("i1", "a@example.com", client.RoleOwner, client.StatusAccepted, projA),
			invite("i3", "b@example.com", client.RoleReader, client.StatusPending, projB, projA),
			invite("i4", "c@example.com", client.RoleReader, client.StatusExpired),
			invite("i5", "d@example.com", client.RoleOwner, client.StatusAccepted), // left: no member
		},
	}
	entries := roster.FromOrg(org)
	assert.Equal(t, []roster.Entry{
		{Email: "a@example.com", Role: client.RoleOwner},
		{Email: "e@example.com", Role: client.RoleReader},
		{Email: "s@example.com", Role: client.RoleReader},
		{Email: "b@example.com", Role: client.RoleReader, Projects: []client.ProjectGrant{projB, projA}},
	}, entries)
	for _, a := range roster.Plan(entries, org, roster.PlanOptions{RevokeMissing: true, RemoveMembers: true}) {
		assert.False(t, a.Kind.Drift(), "%s %s", a.Email, a.Kind)
	}
}

// A roster whose é is written as e and a combining accent plans nothing for
// an invite sent with the precomposed letter: no create, no revoke.
func TestPlanComparesEmailsAfterNFC(t *testing.T) {
	t.Parallel()
	invites := []client.Invite{invite("i1", "jos\u00e9@example.com", client.RoleReader, client.StatusPending)}
	actions := roster.Plan([]roster.Entry{entry("JOSE\u0301@example.com", client.RoleReader)}, invitesOnly(invites...), roster.PlanOptions{RevokeMissing: true})
	assert.Equal(t, []string{"JOSE\u0301@example.com keep i1"}, kinds(actions))
	org := roster.Org{Invites: invites, Members: []client.User{member("u0", "jose\u0301@example.com", client.RoleReader)}}
	assert.Len(t, roster.FromOrg(org), 1, "the member and the invite are one email")
}
