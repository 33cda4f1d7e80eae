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

// projectsToName are projects as the API lists them, names shared and
// archived among them.
var projectsToName = []client.Project{
	project("proj_a", "Research"),
	project("proj_b", "Support"),
	project("proj_c1", "Team"), project("proj_c2", "Team"),
	archivedProject("proj_old", "Old"),
	archivedProject("proj_s_old", "Support"), // an archived namesake does not compete
	project("proj_d", "Default project"),
}

func TestResolveProjectsByNameAndByID(t *testing.T) {
	t.Parallel()
	entries := []rosterfile.Entry{
		entry("ada@example.com", client.RoleReader, grant("Research", client.ProjectRoleOwner), grant("proj_b", client.ProjectRoleMember)),
		entry("bob@example.com", client.RoleReader, grant("Support", client.ProjectRoleMember), grant("Default project", client.ProjectRoleMember)),
		entry("cat@example.com", client.RoleReader),                                            // an empty cell stays empty
		{Email: "dan@example.com", Role: client.RoleReader, Projects: []client.ProjectGrant{}}, // none stays none
	}
	before := entries[0].Projects[0]
	got, err := roster.ResolveProjects(entries, projectsToName)
	require.NoError(t, err)
	assert.Equal(t, []client.ProjectGrant{grant("proj_a", client.ProjectRoleOwner), grant("proj_b", client.ProjectRoleMember)}, got[0].Projects)
	assert.Equal(t, []client.ProjectGrant{grant("proj_b", client.ProjectRoleMember), grant("proj_d", client.ProjectRoleMember)}, got[1].Projects)
	assert.Nil(t, got[2].Projects)
	assert.NotNil(t, got[3].Projects)
	assert.Empty(t, got[3].Projects)
	assert.Equal(t, before, entries[0].Projects[0], "the caller's entries are not changed")

	// The plan of resolved entries names the project as the API knows it.
	org := roster.Org{Members: []client.User{member("u-ada", "ada@example.com", client.RoleReader)}, Projects: projectsToName,
		ProjectMembers: map[string][]client.ProjectMember{"proj_a": {}, "proj_b": {}, "proj_d": {}}}
	assert.Equal(t, []string{
		"ada@example.com keep u-ada", "ada@example.com add-to-project proj_a", "ada@example.com add-to-project proj_b",
		"bob@example.com create", "cat@example.com create", "dan@example.com create",
	}, projectKinds(roster.Plan(got, org, roster.PlanOptions{})))
	assert.Equal(t, "proj_b:member;proj_d:member", rosterfile.FormatProjects(roster.Plan(got, org, roster.PlanOptions{})[3].Entry.Projects),
		"an invite grants the projects by ID")
}

func TestResolveProjectsRefusesWhatItCannotResolve(t *testing.T) {
	t.Parallel()
	entries := []rosterfile.Entry{
		entry("ok@example.com", client.RoleReader, grant("Research", client.ProjectRoleMember)),
		entry("ada@example.com", client.RoleReader, grant("Reserch", client.ProjectRoleMember), grant("Old", client.ProjectRoleMember)),
		entry("bob@example.com", client.RoleReader, grant("Team", client.ProjectRoleMember)),
		entry("cat@example.com", client.RoleReader, grant("proj_old", client.ProjectRoleMember)),
		entry("dan@example.com", client.RoleReader, grant("Research", client.ProjectRoleMember), grant("proj_a", client.ProjectRoleOwner)),
		entry("eve@example.com", client.RoleReader, grant("proj_zz", client.ProjectRoleMember)),
		entry("fay@example.com", client.RoleReader, grant("research", client.ProjectRoleMember)), // names compare exactly
	}
	got, err := roster.ResolveProjects(entries, projectsToName)
	assert.Nil(t, got, "nothing to send")
	require.ErrorIs(t, err, roster.ErrUnknownProject)
	require.ErrorIs(t, err, roster.ErrArchivedProject)
	require.ErrorIs(t, err, roster.ErrAmbiguousProject)
	require.ErrorIs(t, err, roster.ErrProjectRepeated)
	assert.Equal(t, strings.Join([]string{
		`entry 2 (ada@example.com): project "Reserch": no project has this ID or name`,
		`entry 2 (ada@example.com): project "Old": archived (proj_old); an archived project takes no member`,
		`entry 3 (bob@example.com): project "Team": 2 active projects have this name (proj_c1, proj_c2); write the ID`,
		`entry 4 (cat@example.com): project "proj_old": archived (proj_old); an archived project takes no member`,
		`entry 5 (dan@example.com): project "proj_a": proj_a is named twice in the cell`,
		`entry 6 (eve@example.com): project "proj_zz": no project has this ID or name`,
		`entry 7 (fay@example.com): project "research": no project has this ID or name`,
	}, "\n"), err.Error())
	var named *roster.ProjectNameError
	require.ErrorAs(t, err, &named)
	assert.Equal(t, "Reserch", named.Project)

	// An ID that is another project's name is ambiguous too.
	_, err = roster.ResolveProjects(entries[:1], append([]client.Project{project("Research", "Other")}, projectsToName...))
	require.ErrorIs(t, err, roster.ErrAmbiguousProject)
	assert.Contains(t, err.Error(), "(Research, proj_a)")
}

// A file's rows get the problems on their lines, as any invalid row.
func TestResolveProjectRows(t *testing.T) {
	t.Parallel()
	f, err := rosterfile.Read(strings.NewReader("email,role,projects\r\n" +
		"ada@example.com,reader,Research:owner;Support:member\r\n" +
		"bob@example.com,reader,Team:member\r\n" +
		"cat@example.com,admin,Nowhere:member\r\n" + // invalid already: left as it is
		"dan@example.com,reader,none\r\n"))
	require.NoError(t, err)
	rows := roster.ResolveProjectRows(f.Rows, projectsToName)
	require.Len(t, rows, 4)
	assert.True(t, rows[0].Valid())
	assert.Equal(t, "proj_a:owner;proj_b:member", rosterfile.FormatProjects(rows[0].Projects))
	assert.Equal(t, 3, rows[1].Line)
	assert.Equal(t, `project "Team": 2 active projects have this name (proj_c1, proj_c2); write the ID`, rows[1].Problem())
	assert.Equal(t, f.Rows[2].Problems, rows[2].Problems)
	assert.True(t, rows[3].Valid())
	assert.Equal(t, "Research:owner;Support:member", rosterfile.FormatProjects(f.Rows[0].Projects), "the file's rows are not changed")
	assert.True(t, f.Rows[1].Valid())
	assert.Equal(t, []rosterfile.Entry{rows[0].Entry, rows[3].Entry}, rosterfile.Entries(rows))
}
