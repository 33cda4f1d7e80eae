package roster_test

import (
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPlanOverMembers(t *testing.T) {
	t.Parallel()
	entries := []rosterfile.Entry{
		entry("kept@example.com", client.RoleReader),
		entry("promoted@example.com", client.RoleOwner),
		entry("demoted@example.com", client.RoleReader),
		entry("sso@example.com", client.RoleReader),         // a member with no invite on record
		entry("stale@example.com", client.RoleReader),       // a member with a pending invite still open
		entry("back@example.com", client.RoleReader),        // accepted once, left, comes back
		entry("new@example.com", client.RoleReader),         // no one yet
		entry("svc@example.com", client.RoleOwner),          // a service account the roster names with another role
		entry("owner2@example.com", client.RoleOwner),       // a second owner
		entry("  Case@Example.COM ", client.RoleReader),     // differs from the member by case and spaces
		entry("e\u0301mile@example.com", client.RoleReader), // NFD; the member's is NFC
	}
	org := roster.Org{
		Members: []client.User{
			member("u1", "kept@example.com", client.RoleReader),
			member("u2", "promoted@example.com", client.RoleReader),
			member("u3", "demoted@example.com", client.RoleOwner),
			member("u4", "sso@example.com", client.RoleReader),
			member("u5", "stale@example.com", client.RoleReader),
			member("u6", "leaver@example.com", client.RoleReader),
			{ID: "u7", Email: "svc@example.com", Role: client.RoleReader, IsServiceAccount: true},
			member("u8", "owner2@example.com", client.RoleOwner),
			member("u9", "case@example.com", client.RoleReader),
			member("u10", "\u00e9mile@example.com", client.RoleReader),
			{ID: "u11", Email: "robot@example.com", Role: client.RoleReader, IsServiceAccount: true},
			{ID: "u12", Email: "dir@example.com", Role: client.RoleReader, IsSCIMManaged: true},
			{ID: "u13", Role: client.RoleReader}, // no email
		},
		Invites: []client.Invite{
			invite("i1", "stale@example.com", client.RoleReader, client.StatusPending),
			invite("i2", "back@example.com", client.RoleReader, client.StatusAccepted),
			invite("i3", "kept@example.com", client.RoleReader, client.StatusAccepted),
		},
	}
	want := []string{
		"kept@example.com keep u1",
		"promoted@example.com set-role u2",
		"demoted@example.com set-role u3",
		"sso@example.com keep u4",
		"stale@example.com keep u5",
		"back@example.com create",
		"new@example.com create",
		"svc@example.com managed u7",
		"owner2@example.com keep u8",
		"  Case@Example.COM  keep u9",
		"e\u0301mile@example.com keep u10",
		"stale@example.com revoke i1",
		"leaver@example.com unlisted u6",
		"robot@example.com managed u11",
		"dir@example.com managed u12",
		"unlisted u13",
	}
	actions := roster.Plan(entries, org, roster.PlanOptions{})
	assert.Equal(t, want, kinds(actions))
	assert.Equal(t, "already a member", actions[11].Reason)
	assert.Equal(t, "service account, role reader -> owner not changed", actions[7].Reason)

	want[12] = "leaver@example.com remove u6"
	actions = roster.Plan(entries, org, roster.PlanOptions{RemoveMembers: true})
	assert.Equal(t, want, kinds(actions), "only the leaver is removed: never a managed member or one with no email")

	actions = roster.Plan(entries, org, roster.PlanOptions{RemoveMembers: true, CreateOnly: true})
	for _, a := range actions {
		assert.Contains(t, []roster.Kind{roster.Keep, roster.Create, roster.Mismatch, roster.Managed, roster.Unlisted}, a.Kind, a.Email)
	}
	assert.Equal(t, "member's role reader -> owner", actions[1].Reason)
}

func TestPlanNeverRemovesALookalikeOfARosterEmail(t *testing.T) {
	t.Parallel()
	entries := []rosterfile.Entry{entry("ada@example.com", client.RoleReader), entry("grace@example.com", client.RoleOwner)}
	org := roster.Org{Members: []client.User{
		member("u1", "ada@example.com", client.RoleReader),
		member("u2", "grace@exam\u200bple.com", client.RoleOwner), // a zero-width space
		member("u3", "grace@example.com\u00a0", client.RoleOwner), // a no-break space, trimmed as any space
		member("u4", "ｇrace@example.com", client.RoleOwner),       // a fullwidth letter
		member("u5", "grace@example.com", client.RoleOwner),
	}}
	actions := roster.Plan(entries, org, roster.PlanOptions{RemoveMembers: true})
	assert.Equal(t, []string{
		"ada@example.com keep u1",
		"grace@example.com keep u3",
		"grace@example.com keep u5",
		"grace@exam\u200bple.com held u2",
		"ｇrace@example.com held u4",
	}, kinds(actions))
	assert.Contains(t, actions[3].Reason, "looks like the roster's grace@example.com (position 11: U+200B ZERO WIDTH SPACE here, nothing there)")
	assert.Contains(t, actions[4].Reason, `looks like the roster's grace@example.com (position 1 is U+FF47 FULLWIDTH LATIN SMALL LETTER G here, "g" there)`)
}

func TestPlanNeverLeavesTheOrganizationWithoutAnOwner(t *testing.T) {
	t.Parallel()
	org := roster.Org{Members: []client.User{
		member("u1", "boss@example.com", client.RoleOwner),
		member("u2", "cto@example.com", client.RoleOwner),
		member("u3", "dev@example.com", client.RoleReader),
		{ID: "u4", Email: "bot@example.com", Role: client.RoleOwner, IsServiceAccount: true},
	}}
	// A roster that demotes one owner and drops the other.
	actions := roster.Plan([]rosterfile.Entry{entry("boss@example.com", client.RoleReader), entry("dev@example.com", client.RoleReader)},
		org, roster.PlanOptions{RemoveMembers: true})
	assert.Equal(t, []string{"boss@example.com held u1", "dev@example.com keep u3", "cto@example.com held u2", "bot@example.com managed u4"}, kinds(actions),
		"a service account owner is no owner to manage the organization")
	assert.Contains(t, actions[0].Reason, "without an owner")
	assert.Contains(t, actions[0].Reason, "member's role owner -> reader")

	// A new owner in the same roster makes the demotion safe.
	actions = roster.Plan([]rosterfile.Entry{entry("boss@example.com", client.RoleReader), entry("dev@example.com", client.RoleOwner)},
		org, roster.PlanOptions{RemoveMembers: true})
	assert.Equal(t, []string{"boss@example.com set-role u1", "dev@example.com set-role u3", "cto@example.com remove u2", "bot@example.com managed u4"}, kinds(actions))
}

// One mechanism counts every limited write: removals, and demotions of
// owners (a promotion, or a role change of a reader, is neither).
func TestLimits(t *testing.T) {
	t.Parallel()
	var org roster.Org
	for _, e := range []string{"a@example.com", "b@example.com", "c@example.com"} {
		org.Members = append(org.Members, member("u-"+e, e, client.RoleReader))
	}
	org.Members = append(org.Members,
		member("u-owner", "owner@example.com", client.RoleOwner),
		member("u-o2", "o2@example.com", client.RoleOwner),
		member("u-o3", "o3@example.com", client.RoleOwner),
		member("u-r", "r@example.com", client.RoleReader))
	actions := roster.Plan([]rosterfile.Entry{
		entry("owner@example.com", client.RoleOwner),
		entry("o2@example.com", client.RoleReader),
		entry("o3@example.com", client.RoleReader),
		entry("r@example.com", client.RoleOwner),
	}, org, roster.PlanOptions{RemoveMembers: true})
	require.NoError(t, roster.Limits{MaxRemovals: 3, MaxDemotions: 2}.Check(actions))

	err := roster.Limits{MaxRemovals: 2, MaxDemotions: 2}.Check(actions)
	require.ErrorIs(t, err, roster.ErrTooManyRemovals)
	require.NotErrorIs(t, err, roster.ErrTooManyDemotions)
	var limit *roster.LimitError
	require.ErrorAs(t, err, &limit)
	assert.Equal(t, 3, limit.Count)
	assert.Equal(t, []string{"a@example.com", "b@example.com", "c@example.com"}, limit.Emails)
	assert.Equal(t, "the plan removes 3 members, more than the limit of 2: a@example.com, b@example.com, c@example.com", err.Error())

	err = roster.Limits{MaxRemovals: 3, MaxDemotions: 1}.Check(actions)
	require.ErrorIs(t, err, roster.ErrTooManyDemotions)
	require.ErrorAs(t, err, &limit)
	assert.Equal(t, "demotes 2 owners to reader", limit.Does())
	assert.Equal(t, []string{"o2@example.com", "o3@example.com"}, limit.Emails, "the promotion is not counted")

	err = roster.Limits{}.Check(actions)
	require.ErrorIs(t, err, roster.ErrTooManyRemovals, "both limits over: both said")
	require.ErrorIs(t, err, roster.ErrTooManyDemotions)
	assert.Equal(t, "the plan removes 3 members, more than the limit of 0: a@example.com, b@example.com, c@example.com\n"+
		"the plan demotes 2 owners to reader, more than the limit of 0: o2@example.com, o3@example.com", err.Error())
}

func TestDriftIsEveryWriteAndWhatAPlanLeavesUndone(t *testing.T) {
	t.Parallel()
	for k, want := range map[roster.Kind]bool{
		roster.Create: true, roster.Resend: true, roster.Replace: true, roster.Revoke: true, roster.SetRole: true, roster.Remove: true,
		roster.Unlisted: true, roster.Mismatch: true, roster.Held: true, roster.Keep: false, roster.Managed: false,
	} {
		assert.Equal(t, want, k.Drift(), k)
	}
}
