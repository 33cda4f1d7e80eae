package projectcmd_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/projectcmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runMembersListOn(t *testing.T, srv *fake.Server, output, project string, test ...client.Option) clitest.Result {
	t.Helper()
	return runCommand(t, clitest.NewTestIO(""), srv, output, project, projectcmd.RunMembersList,
		func(o projectcmd.ProjectOptions) *projectcmd.MembersListOptions {
			return &projectcmd.MembersListOptions{ProjectOptions: o}
		}, test...)
}

func TestProjectsMembersList(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t)
	r := runMembersListOn(t, srv, "json", "Research")
	require.Equal(t, 0, r.Code, r.Stderr)
	list := clitest.DecodeJSON[projectcmd.MembersOut](t, r)
	var who []string
	for _, m := range list.Members {
		who = append(who, m.UserID+":"+m.Role)
		assert.Equal(t, "proj_research", m.ProjectID)
	}
	assert.ElementsMatch(t, []string{"user-grace:owner", "user-ada:owner", "user-bob:member"}, who, "the organization's owner is listed as an owner")
	assert.Contains(t, r.Stdout, `"email": "Ada@Example.com"`, "as the API sent it")
	assert.Contains(t, r.Stdout, `"added_at": "2026-11-01T09:30:00Z"`)

	r = runMembersListOn(t, srv, "csv", "proj_support")
	require.Equal(t, 0, r.Code, r.Stderr)
	lines := clitest.Lines(r.Stdout)
	assert.Equal(t, "project_id,user_id,email,name,role,added_at", lines[0])
	assert.Contains(t, lines, "proj_support,user-bob,bob@example.com,Bob,member,2026-11-01T09:30:00Z")

	r = runMembersListOn(t, srv, "table", "Support")
	require.Equal(t, 0, r.Code, r.Stderr)
	lines = clitest.Lines(r.Stdout)
	assert.Equal(t, []string{"USER", "ID", "EMAIL", "NAME", "ROLE", "ADDED", "(UTC)"}, strings.Fields(lines[0]))
	assert.Contains(t, r.Stdout, "user-bob")
}

func TestProjectsMembersListRefusals(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t)
	r := runMembersListOn(t, srv, "table", "Legacy")
	assert.Equal(t, cmdutil.ExitFailure, r.Code, "archived projects are not looked for by name")
	require.ErrorContains(t, r.Err, "an archived project's members can be neither read nor changed")

	r = runMembersListOn(t, srv, "table", "proj_legacy")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "project proj_legacy (Legacy) is archived")
	assert.Zero(t, srv.Stats().SentTo(fake.EndpointListProjectUsers), "an archived project's members are not asked for")

	r = runMembersListOn(t, srv, "table", "Ops")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "proj_ops1")
	require.ErrorContains(t, r.Err, "proj_ops2")
}

func TestProjectsMembersListReadsEveryPage(t *testing.T) {
	t.Parallel()
	members := make([]fake.Member, 120)
	grants := make([]fake.ProjectMember, 120)
	for i := range members {
		members[i] = fake.Member{ID: fmt.Sprintf("user-%03d", i), Email: fmt.Sprintf("m%03d@example.com", i)}
		grants[i] = fake.ProjectMember{ProjectID: "proj_big", UserID: members[i].ID}
	}
	srv := fake.NewServer(t, fake.WithMembers(members...), fake.WithProjects(fake.Project{ID: "proj_big", Name: "Big"}), fake.WithProjectMembers(grants...))
	r := runMembersListOn(t, srv, "json", "proj_big")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Len(t, clitest.DecodeJSON[projectcmd.MembersOut](t, r).Members, 120)
	assert.Equal(t, 2, srv.Stats().CountAt(fake.EndpointListProjectUsers, http.StatusOK), "100 a page")

	srv.FailNthAt(fake.EndpointListProjectUsers, fake.FaultServerError, 2)
	r = runMembersListOn(t, srv, "json", "proj_big", client.WithMaxRetries(0))
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Empty(t, r.Stdout, "half a list is never printed")
}
