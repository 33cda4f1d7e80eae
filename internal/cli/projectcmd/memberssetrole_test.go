package projectcmd_test

import (
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/projectcmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runSetRoleOn(t *testing.T, srv *fake.Server, output, project, member, role string) clitest.Result {
	t.Helper()
	return runCommand(t, clitest.NewTestIO(""), srv, output, project, projectcmd.RunMembersSetRole,
		func(o projectcmd.ProjectOptions) *projectcmd.MembersSetRoleOptions {
			return &projectcmd.MembersSetRoleOptions{ProjectOptions: o, Member: member, Role: role}
		})
}

func TestProjectsMembersSetRolePromotesAndDemotes(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t)
	r := runSetRoleOn(t, srv, "json", "Research", "BOB@example.com", "owner")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "owner", clitest.DecodeJSON[projectcmd.MemberOut](t, r).Role, "as the API left them")
	assert.Equal(t, "user-bob (bob@example.com): role in project proj_research (Research) member -> owner.\n", r.Stderr)
	assert.Equal(t, "owner", clitest.ProjectRoles(srv, "proj_research")["user-bob"])

	// With two owners of its own, either may step down.
	r = runSetRoleOn(t, srv, "table", "proj_research", "user-ada", "MEMBER")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "member", clitest.ProjectRoles(srv, "proj_research")["user-ada"])

	r = runSetRoleOn(t, srv, "table", "proj_research", "user-ada", "member")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stderr, "already; nothing sent")
	assert.Equal(t, 2, srv.Stats().SentTo(fake.EndpointModifyProjectUser))
}

func TestProjectsMembersSetRoleRefusals(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t)
	r := runSetRoleOn(t, srv, "table", "Research", "user-ada", "member")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "refusing to demote user-ada (Ada@Example.com): project proj_research (Research) has no other owner of its own")

	r = runSetRoleOn(t, srv, "table", "Research", "grace@example.com", "member")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "an owner of the organization owns every project, and the API refuses to change that")
	require.ErrorContains(t, r.Err, "invites users set-role user-grace reader")

	r = runSetRoleOn(t, srv, "table", "Support", "ada@example.com", "owner")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	require.ErrorContains(t, r.Err, "no member of project proj_support (Support) has the email ada@example.com")
	assert.Zero(t, clitest.ProjectWrites(srv), "a refusal sends nothing")

	// Support has no owner of its own: making its member one is fine, and
	// so is a demotion in a project that had none to lose.
	r = runSetRoleOn(t, srv, "table", "Support", "user-bob", "owner")
	require.Equal(t, 0, r.Code, r.Stderr)
}

// A service account that owns the organization is listed as an owner of
// every project, and runs none: it does not keep a project owned.
func TestProjectsMembersSetRoleCountsNoServiceAccountAsAProjectsOwner(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t, fake.WithMembers(fake.Member{ID: "user-ci", Name: "CI", Role: "owner", ServiceAccount: true}))
	require.Equal(t, "owner", clitest.ProjectRoles(srv, "proj_research")["user-ci"], "listed as the project's owner")
	r := runSetRoleOn(t, srv, "table", "Research", "user-ada", "member")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "has no other owner of its own")
	r = runSetRoleOn(t, srv, "table", "Research", "user-ci", "member")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "refusing to change the project role of user-ci (CI): an owner of the organization")
	assert.Zero(t, clitest.ProjectWrites(srv))
}
