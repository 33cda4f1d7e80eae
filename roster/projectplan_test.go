package roster_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var archivedAt = time.Date(2025, 6, 30, 17, 0, 0, 0, time.UTC)

func project(id, name string) client.Project {
	return client.Project{ID: id, Name: name, Status: "active"}
}

func archivedProject(id, name string) client.Project {
	return client.Project{ID: id, Name: name, Status: "archived", ArchivedAt: archivedAt}
}

func grant(id string, role client.ProjectRole) client.ProjectGrant {
	return client.ProjectGrant{ID: id, Role: role}
}

func inProject(projectID, userID string, role client.ProjectRole) client.ProjectMember {
	return client.ProjectMember{ProjectID: projectID, UserID: userID, Role: role}
}

// projectKinds is each action about project access as "email kind
// project", and the others as kinds shows them, but for the Unlisted
// members, for compact assertions.
func projectKinds(actions []roster.Action) []string {
	var out []string
	for _, a := range actions {
		if a.Kind == roster.Unlisted {
			continue
		}
		if a.Project == nil {
			out = append(out, kinds([]roster.Action{a})...)
			continue
		}
		out = append(out, strings.TrimSpace(fmt.Sprintf("%s %s %s", a.Email, a.Kind, a.ProjectID())))
	}
	return out
}

// projectOrg is an organization with four projects, one archived, and
// members in them: proj_c is one no roster below names.
func projectOrg() roster.Org {
	return roster.Org{
		Members: []client.User{
			member("u-boss", "boss@example.com", client.RoleOwner),
			member("u-ada", "ada@example.com", client.RoleReader),
			member("u-bob", "bob@example.com", client.RoleReader),
			member("u-cat", "cat@example.com", client.RoleReader),
			member("u-dan", "dan@example.com", client.RoleReader),
			member("u-eve", "eve@example.com", client.RoleReader),
			member("u-ann", "ann@example.com", client.RoleReader),
		},
		Projects: []client.Project{
			project("proj_a", "Research"), project("proj_b", "Support"),
			project("proj_c", "Unnamed"), archivedProject("proj_old", "Old"),
		},
		ProjectMembers: map[string][]client.ProjectMember{
			"proj_a": {
				inProject("proj_a", "u-boss", client.ProjectRoleOwner), // the organization's owner, implicitly
				inProject("proj_a", "u-ann", client.ProjectRoleOwner),
				inProject("proj_a", "u-ada", client.ProjectRoleMember),
				inProject("proj_a", "u-bob", client.ProjectRoleMember),
				inProject("proj_a", "u-cat", client.ProjectRoleMember),
				inProject("proj_a", "u-dan", client.ProjectRoleMember),
			},
			"proj_b": {
				inProject("proj_b", "u-boss", client.ProjectRoleOwner),
				inProject("proj_b", "u-ann", client.ProjectRoleOwner),
				inProject("proj_b", "u-dan", client.ProjectRoleMember),
			},
			"proj_c": {
				inProject("proj_c", "u-boss", client.ProjectRoleOwner),
				inProject("proj_c", "u-dan", client.ProjectRoleMember),
				inProject("proj_c", "u-eve", client.ProjectRoleOwner),
			},
		},
	}
}

// projectRoster moves, promotes and removes, and leaves things alone.
func projectRoster() []rosterfile.Entry {
	return []rosterfile.Entry{
		entry("boss@example.com", client.RoleOwner),                                           // empty cell
		entry("ada@example.com", client.RoleReader, grant("proj_a", client.ProjectRoleOwner)), // promoted in proj_a
		entry("bob@example.com", client.RoleReader, grant("proj_b", client.ProjectRoleMember)),
		entry("cat@example.com", client.RoleReader),                                            // empty cell: left alone
		{Email: "dan@example.com", Role: client.RoleReader, Projects: []client.ProjectGrant{}}, // none
		entry("eve@example.com", client.RoleReader, grant("proj_a", client.ProjectRoleMember)),
		entry("ann@example.com", client.RoleReader, grant("proj_a", client.ProjectRoleOwner), grant("proj_b", client.ProjectRoleOwner)),
		entry("new@example.com", client.RoleReader, grant("proj_a", client.ProjectRoleMember)), // an invite, as today
	}
}

func TestPlanOverProjectAccess(t *testing.T) {
	t.Parallel()
	org := projectOrg()
	actions := roster.Plan(projectRoster(), org, roster.PlanOptions{})
	assert.Equal(t, []string{
		"boss@example.com keep u-boss",
		"ada@example.com keep u-ada",
		"ada@example.com set-project-role proj_a",
		"bob@example.com keep u-bob",
		"bob@example.com add-to-project proj_b",      // a move: into proj_b,
		"bob@example.com remove-from-project proj_a", // out of proj_a
		"cat@example.com keep u-cat",                 // an empty cell: cat stays in proj_a
		"dan@example.com keep u-dan",
		"dan@example.com remove-from-project proj_a", // none: out of every project the sync manages,
		"dan@example.com remove-from-project proj_b", // but not proj_c, which no one named
		"eve@example.com keep u-eve",
		"eve@example.com add-to-project proj_a", // and eve's proj_c is left alone
		"ann@example.com keep u-ann",
		"new@example.com create",
	}, projectKinds(actions))
	assert.Equal(t, `project "Research" (proj_a): role member -> owner`, actions[2].Reason)
	assert.Equal(t, `project "Support" (proj_b): not a member -> member`, actions[4].Reason)
	assert.Equal(t, `project "Research" (proj_a): member -> not a member (the roster's projects do not name it)`, actions[5].Reason)
	assert.Equal(t, `project "Research" (proj_a): member -> not a member (the roster's projects are none)`, actions[8].Reason)
	assert.Equal(t, client.ProjectRoleOwner, actions[2].ProjectRole)
	assert.Same(t, &org.ProjectMembers["proj_a"][2], actions[2].ProjectMember, "the membership as read")
	assert.Same(t, &org.Projects[1], actions[4].Project)
	assert.Nil(t, actions[4].ProjectMember, "an add has no membership yet")
	assert.Same(t, &org.Members[2], actions[4].Member)
	assert.Empty(t, actions[5].ProjectRole, "a removal asks no role")
	assert.Equal(t, []client.ProjectGrant{grant("proj_a", client.ProjectRoleMember)}, actions[13].Entry.Projects, "invites keep the cell's meaning")
	for _, a := range actions {
		if a.Project != nil {
			assert.True(t, a.Kind.Writes(), a.Reason)
			assert.True(t, a.Kind.Drift(), "--check counts it")
			assert.Equal(t, roster.Planned, a.Outcome())
		}
	}

	// The plan of an organization the roster describes has only Keeps.
	actions = roster.Plan(roster.FromOrg(org), org, roster.PlanOptions{})
	for _, a := range actions {
		assert.Equal(t, roster.Keep, a.Kind, a.Reason)
	}
}

func TestPlanOverEveryProject(t *testing.T) {
	t.Parallel()
	org := projectOrg()
	actions := roster.Plan(projectRoster(), org, roster.PlanOptions{ManageProjects: roster.ScopeAll})
	got := projectKinds(actions)
	assert.Contains(t, got, "dan@example.com remove-from-project proj_c", "every active project is managed")
	assert.Contains(t, got, "eve@example.com held proj_c", "eve is proj_c's one owner of its own")
	for _, a := range actions {
		assert.NotEqual(t, "proj_old", a.ProjectID(), "an archived project is never managed")
		if a.Project != nil {
			assert.NotEqual(t, "u-boss", a.UserID(), "the organization's owner is never changed in a project")
		}
	}
}

func TestPlanLeavesTheOrganizationsOwnersProjectsAlone(t *testing.T) {
	t.Parallel()
	org := projectOrg()
	entries := []rosterfile.Entry{
		{Email: "boss@example.com", Role: client.RoleOwner, Projects: []client.ProjectGrant{}},                             // none: yet boss owns every project
		entry("ada@example.com", client.RoleOwner, grant("proj_b", client.ProjectRoleMember)),                              // made an owner of the organization
		entry("bob@example.com", client.RoleReader, grant("proj_a", client.ProjectRoleMember)),                             // names proj_a, as a member
		{Email: "boss2@example.com", Role: client.RoleReader, Projects: []client.ProjectGrant{}},                           // an invite
		entry("cat@example.com", "", grant("proj_a", client.ProjectRoleMember), grant("proj_b", client.ProjectRoleMember)), // no role
	}
	org.Members = append(org.Members, member("u-cto", "cto@example.com", client.RoleOwner))
	entries = append(entries, entry("cto@example.com", client.RoleReader, grant("proj_a", client.ProjectRoleMember))) // demoted
	actions := roster.Plan(entries, org, roster.PlanOptions{})
	assert.Equal(t, []string{
		"boss@example.com keep u-boss",
		"ada@example.com set-role u-ada",
		"bob@example.com keep u-bob",
		"boss2@example.com create",
		"cat@example.com keep u-cat",
		"cat@example.com add-to-project proj_b",
		"cto@example.com set-role u-cto", // their projects are planned once the demotion shows
	}, projectKinds(actions))
}

func TestPlanHoldsACellItCannotReadWhole(t *testing.T) {
	t.Parallel()
	org := projectOrg()
	entries := []rosterfile.Entry{
		entry("ada@example.com", client.RoleReader, grant("proj_b", client.ProjectRoleMember), grant("Research", client.ProjectRoleOwner)),
		entry("bob@example.com", client.RoleReader, grant("proj_old", client.ProjectRoleMember)),
	}
	actions := roster.Plan(entries, org, roster.PlanOptions{})
	assert.Equal(t, []string{
		"ada@example.com keep u-ada", "ada@example.com held u-ada",
		"bob@example.com keep u-bob", "bob@example.com held u-bob",
	}, projectKinds(actions), "no add, and above all no removal from proj_a, for a cell holding a name")
	assert.Equal(t, `project access not planned: project "Research": no such project (resolve names with ResolveProjects)`, actions[1].Reason)
	assert.Equal(t, `project access not planned: project "Old" (proj_old): archived`, actions[3].Reason)
}

func TestPlanOfProjectsItCouldNotReadIsHeld(t *testing.T) {
	t.Parallel()
	org := projectOrg()
	delete(org.ProjectMembers, "proj_b")
	actions := roster.Plan(projectRoster(), org, roster.PlanOptions{})
	got := projectKinds(actions)
	assert.NotContains(t, got, "bob@example.com add-to-project proj_b")
	assert.NotContains(t, got, "dan@example.com remove-from-project proj_b")
	assert.Equal(t, "held proj_b", got[len(got)-1])
	assert.Equal(t, `project "Support" (proj_b): its members were not read, so no one's access to it is planned`, actions[len(actions)-1].Reason)
	assert.True(t, actions[len(actions)-1].Kind.Drift(), "--check cannot say the organization matches")

	// Projects not read at all: the plan is today's, of invites and roles.
	org.Projects, org.ProjectMembers = nil, nil
	for _, a := range roster.Plan(projectRoster(), org, roster.PlanOptions{}) {
		assert.Nil(t, a.Project)
		assert.NotEqual(t, roster.Held, a.Kind)
	}
}

func TestPlanNeverLeavesAProjectWithoutAnOwnerOfItsOwn(t *testing.T) {
	t.Parallel()
	org := projectOrg()
	// ann is the only owner of proj_a and proj_b besides the organization's
	// owner, and the roster takes her out of proj_a and demotes her in proj_b.
	entries := []rosterfile.Entry{entry("ann@example.com", client.RoleReader, grant("proj_b", client.ProjectRoleMember), grant("proj_c", client.ProjectRoleMember))}
	actions := roster.Plan(entries, org, roster.PlanOptions{})
	assert.Equal(t, []string{
		"ann@example.com keep u-ann",
		"ann@example.com held proj_b",
		"ann@example.com add-to-project proj_c",
	}, projectKinds(actions), "proj_a is not managed: no one named it")
	assert.Equal(t, `project "Support" (proj_b): would leave the project without an owner of its own (role owner -> member)`, actions[1].Reason)

	// A new owner of proj_b in the same plan makes the demotion safe.
	entries = append(entries, entry("dan@example.com", client.RoleReader, grant("proj_b", client.ProjectRoleOwner)))
	actions = roster.Plan(entries, org, roster.PlanOptions{})
	assert.Equal(t, []string{
		"ann@example.com keep u-ann",
		"ann@example.com set-project-role proj_b",
		"ann@example.com add-to-project proj_c",
		"dan@example.com keep u-dan",
		"dan@example.com set-project-role proj_b",
		"dan@example.com remove-from-project proj_c",
	}, projectKinds(actions))

	// So does an owner who stays: the removal of one of two owners.
	org.ProjectMembers["proj_b"] = append(org.ProjectMembers["proj_b"], inProject("proj_b", "u-eve", client.ProjectRoleOwner))
	actions = roster.Plan(entries[:1], org, roster.PlanOptions{})
	assert.Equal(t, "ann@example.com set-project-role proj_b", projectKinds(actions)[1])
}

func TestPlanChangesNoManagedMembersProjects(t *testing.T) {
	t.Parallel()
	org := projectOrg()
	org.Members[1].IsSCIMManaged = true // ada
	actions := roster.Plan(projectRoster()[1:2], org, roster.PlanOptions{})
	assert.Equal(t, []string{"ada@example.com keep u-ada", "ada@example.com managed proj_a"}, projectKinds(actions))
	assert.Equal(t, `project "Research" (proj_a): managed by SCIM, role member -> owner not changed`, actions[1].Reason)
	assert.False(t, actions[1].Kind.Drift())
}

func TestPlanCreateOnlyAddsToProjectsAndChangesNothing(t *testing.T) {
	t.Parallel()
	actions := roster.Plan(projectRoster(), projectOrg(), roster.PlanOptions{CreateOnly: true})
	got := projectKinds(actions)
	assert.Contains(t, got, "bob@example.com add-to-project proj_b")
	assert.Contains(t, got, "bob@example.com mismatch proj_a")
	assert.Contains(t, got, "ada@example.com mismatch proj_a")
	for _, a := range actions {
		assert.Contains(t, roster.PlanOptions{CreateOnly: true}.Kinds(), a.Kind)
	}
}

// A member held as a look-alike of a roster email gets no project action,
// nor does the roster email.
func TestPlanChangesNoProjectAccessOfALookalike(t *testing.T) {
	t.Parallel()
	org := projectOrg()
	org.Members = append(org.Members, member("u-ada2", "аda@example.com", client.RoleReader)) // a Cyrillic а
	entries := []rosterfile.Entry{
		entry("ada@example.com", client.RoleReader, grant("proj_b", client.ProjectRoleOwner)),
		entry("аda@example.com", client.RoleReader, grant("proj_b", client.ProjectRoleOwner)),
	}
	actions := roster.Plan(entries, org, roster.PlanOptions{})
	for _, a := range actions {
		assert.False(t, a.Kind.Writes(), "%s %s: %s", a.Email, a.Kind, a.Reason)
	}
	assert.Equal(t, []string{
		"ada@example.com keep u-ada", "ada@example.com held proj_b",
		"аda@example.com keep u-ada2", "аda@example.com held proj_b",
	}, projectKinds(actions))
	assert.Contains(t, actions[1].Reason, `project "Support" (proj_b): looks like member аda@example.com`)
}

func TestLimitsCountRemovalsFromProjects(t *testing.T) {
	t.Parallel()
	actions := roster.Plan(projectRoster(), projectOrg(), roster.PlanOptions{})
	require.NoError(t, roster.Limits{MaxProjectRemovals: 3}.Check(actions))
	err := roster.Limits{MaxProjectRemovals: 2}.Check(actions)
	require.ErrorIs(t, err, roster.ErrTooManyProjectRemovals)
	require.NotErrorIs(t, err, roster.ErrTooManyRemovals)
	var limit *roster.LimitError
	require.ErrorAs(t, err, &limit)
	assert.Equal(t, []string{"bob@example.com", "dan@example.com", "dan@example.com"}, limit.Emails)
	assert.Equal(t, `the plan ends 3 project memberships, more than the limit of 2: bob@example.com from "Research" (proj_a), `+
		`dan@example.com from "Research" (proj_a), dan@example.com from "Support" (proj_b)`, err.Error())
	require.ErrorIs(t, roster.Limits{}.Check(actions), roster.ErrTooManyProjectRemovals, "the zero value allows none")
}

func TestKindsOfProjectAccess(t *testing.T) {
	t.Parallel()
	for _, k := range []roster.Kind{roster.AddToProject, roster.SetProjectRole, roster.RemoveFromProject} {
		assert.True(t, k.Writes(), k)
		assert.True(t, k.Drift(), k)
		assert.Contains(t, roster.PlanOptions{}.Kinds(), k)
	}
	assert.Contains(t, roster.PlanOptions{CreateOnly: true}.Kinds(), roster.AddToProject)
	assert.NotContains(t, roster.PlanOptions{CreateOnly: true}.Kinds(), roster.RemoveFromProject)
}

func TestProjectScope(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]roster.ProjectScope{"named": roster.ScopeNamed, " ALL": roster.ScopeAll, "all": roster.ScopeAll} {
		got, err := roster.ParseProjectScope(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got)
		assert.Equal(t, strings.ToLower(strings.TrimSpace(in)), got.String())
	}
	_, err := roster.ParseProjectScope("every")
	require.EqualError(t, err, `projects to manage "every": want named or all`)
	assert.Equal(t, roster.ScopeNamed, roster.PlanOptions{}.ManageProjects, "the zero value manages only what the roster names")

	entries := []rosterfile.Entry{entry("a@example.com", "", grant("Research", client.ProjectRoleMember)), entry("b@example.com", "", grant("proj_b", client.ProjectRoleOwner))}
	named := roster.ManagedProjects(entries, roster.ScopeNamed)
	assert.True(t, named(project("proj_a", "Research")), "by name, before names are resolved")
	assert.True(t, named(project("proj_b", "Support")), "by ID")
	assert.False(t, named(project("proj_c", "Unnamed")))
	assert.False(t, named(archivedProject("proj_b", "Support")), "never an archived one")
	all := roster.ManagedProjects(entries, roster.ScopeAll)
	assert.True(t, all(project("proj_c", "Unnamed")))
	assert.False(t, all(archivedProject("proj_old", "Old")))
}
