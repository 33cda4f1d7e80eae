package projectcmd_test

import (
	"net/http"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/projectcmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runAddOn(t *testing.T, srv *fake.Server, output, project, member, role string) clitest.Result {
	t.Helper()
	return runCommand(t, clitest.NewTestIO(""), srv, output, project, projectcmd.RunMembersAdd,
		func(o projectcmd.ProjectOptions) *projectcmd.MembersAddOptions {
			return &projectcmd.MembersAddOptions{ProjectOptions: o, Member: member, Role: role}
		})
}

func TestProjectsMembersAddByEmailAndByID(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t)
	r := runAddOn(t, srv, "json", "Support", "ADA@example.com", "member")
	require.Equal(t, 0, r.Code, r.Stderr)
	ada := clitest.DecodeJSON[projectcmd.MemberOut](t, r)
	assert.Equal(t, "user-ada", ada.UserID)
	assert.Equal(t, "member", ada.Role)
	assert.Equal(t, "user-ada (Ada@Example.com): added to project proj_support (Support) as member.\n", r.Stderr)
	assert.Equal(t, "member", clitest.ProjectRoles(srv, "proj_support")["user-ada"])

	r = runAddOn(t, srv, "table", "proj_support", "user-anon", " Owner ")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "owner", clitest.ProjectRoles(srv, "proj_support")["user-anon"])
	assert.Contains(t, r.Stdout, "Role         owner\n")
	assert.Equal(t, 2, srv.Stats().CountAt(fake.EndpointCreateProjectUser, http.StatusOK))
}

func TestProjectsMembersAddSomeoneAlreadyThere(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t)
	r := runAddOn(t, srv, "json", "Research", "bob@example.com", "member")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "user-bob (bob@example.com) is member of project proj_research (Research) already; nothing sent.\n", r.Stderr)
	assert.Equal(t, "user-bob", clitest.DecodeJSON[projectcmd.MemberOut](t, r).UserID)

	r = runAddOn(t, srv, "json", "Research", "user-bob", "owner")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "is in project proj_research (Research) already, as member")
	require.ErrorContains(t, r.Err, "invites projects members set-role proj_research user-bob owner")
	assert.Empty(t, r.Stdout)

	// The organization's owner is every project's owner already.
	r = runAddOn(t, srv, "table", "Support", "grace@example.com", "owner")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Zero(t, clitest.ProjectWrites(srv), "nothing was sent")
}

func TestProjectsMembersAddFailures(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t)
	r := runAddOn(t, srv, "table", "Support", "nobody@example.com", "member")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	require.ErrorContains(t, r.Err, "nobody@example.com is not a member of the organization")
	require.ErrorContains(t, r.Err, "invites create nobody@example.com --project proj_support:member")

	before := srv.Stats().Total
	for _, bad := range [][3]string{
		{"Support", "user-ada", "admin"},
		{"Support", "ada@localhost", "member"},
		{"Support", "..", "member"},
		{"", "user-ada", "member"},
	} {
		r = runAddOn(t, srv, "table", bad[0], bad[1], bad[2])
		assert.Equal(t, cmdutil.ExitUsage, r.Code, "%v", bad)
	}
	assert.Equal(t, before, srv.Stats().Total, "bad arguments send nothing")

	r = runAddOn(t, srv, "table", "proj_legacy", "user-bob", "member")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "is archived")

	// An add whose answer was lost is looked up, never made twice.
	adds := srv.Stats().SentTo(fake.EndpointCreateProjectUser)
	srv.FailNextAt(fake.EndpointCreateProjectUser, fake.FaultAmbiguousDrop, 1)
	r = runAddOn(t, srv, "json", "Support", "user-ada", "owner")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "owner", clitest.ProjectRoles(srv, "proj_support")["user-ada"])
	assert.Equal(t, adds+1, srv.Stats().SentTo(fake.EndpointCreateProjectUser), "sent once, then looked up")
	assert.Equal(t, 1, srv.Stats().CountAt(fake.EndpointRetrieveProjectUser, http.StatusOK), "the look-up")
}
