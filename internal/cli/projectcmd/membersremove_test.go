package projectcmd_test

import (
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/projectcmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runRemoveOn(t *testing.T, tio *clitest.TestIO, srv *fake.Server, output, project string, yes bool, members []string, test ...client.Option) clitest.Result {
	t.Helper()
	return runCommand(t, tio, srv, output, project, projectcmd.RunMembersRemove,
		func(o projectcmd.ProjectOptions) *projectcmd.MembersRemoveOptions {
			return &projectcmd.MembersRemoveOptions{ProjectOptions: o, Members: members, Yes: yes}
		}, test...)
}

func TestProjectsMembersRemoveAsksOnATerminal(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t)
	tio := clitest.NewTestIO("n\n").Terminal()
	r := runRemoveOn(t, tio, srv, "table", "Research", false, []string{"bob@example.com"})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stderr, "To remove (this cannot be undone):")
	assert.Contains(t, r.Stderr, "user-bob")
	assert.Contains(t, r.Stderr, "Remove these 1 member(s) from project proj_research (Research)? This cannot be undone. [y/N]")
	assert.Contains(t, r.Stderr, "Nothing removed.")
	assert.Zero(t, clitest.ProjectWrites(srv))

	tio = clitest.NewTestIO("y\n").Terminal()
	r = runRemoveOn(t, tio, srv, "table", "Research", false, []string{"bob@example.com", "user-bob"})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []string{"removed  user-bob  bob@example.com"}, clitest.Lines(r.Stdout), "named twice, removed once")
	assert.Equal(t, []string{"user-bob"}, clitest.RemovedFromProject(srv, "proj_research"))
	_, stillMember := srv.Member("user-bob")
	assert.True(t, stillMember, "a member of the organization still")
}

func TestProjectsMembersRemoveNeedsYesWithoutATerminal(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t)
	r := runRemoveOn(t, clitest.NewTestIO(""), srv, "table", "Research", false, []string{"user-bob"})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "pass --yes")
	assert.Contains(t, r.Stderr, "user-bob", "shows whom it would remove")
	assert.Zero(t, clitest.ProjectWrites(srv))

	r = runRemoveOn(t, clitest.NewTestIO(""), srv, "json", "Research", true, []string{"user-bob", "nobody@example.com"})
	assert.Equal(t, cmdutil.ExitFailure, r.Code, "one of them was not in the project")
	out := clitest.DecodeJSON[[]cmdutil.DeleteOut](t, r)
	require.Len(t, out, 2)
	assert.Equal(t, cmdutil.DeleteOut{ID: "user-bob", Email: "bob@example.com", Deleted: true}, out[0])
	assert.Equal(t, "nobody@example.com", out[1].Email)
	assert.Contains(t, out[1].Error, "no member of project proj_research (Research) has the email nobody@example.com")
}

func TestProjectsMembersRemoveRefusals(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t)
	r := runRemoveOn(t, clitest.NewTestIO(""), srv, "table", "Research", true, []string{"grace@example.com"})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "refusing to remove user-grace (grace@example.com): an owner of the organization")

	r = runRemoveOn(t, clitest.NewTestIO(""), srv, "table", "Research", true, []string{"user-ada", "user-bob"})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "refusing to remove user-ada (Ada@Example.com): project proj_research (Research) would have no owner of its own left")
	assert.Zero(t, clitest.ProjectWrites(srv), "a refusal sends nothing")

	// A removal whose answer was lost, then "not a member": done.
	srv.FailNextAt(fake.EndpointDeleteProjectUser, fake.FaultAmbiguousDrop, 1)
	r = runRemoveOn(t, clitest.NewTestIO(""), srv, "table", "Research", true, []string{"user-bob"})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []string{"user-bob"}, clitest.RemovedFromProject(srv, "proj_research"))

	srv.FailNextAt(fake.EndpointDeleteProjectUser, fake.FaultServerError, 1)
	r = runRemoveOn(t, clitest.NewTestIO(""), srv, "table", "Support", true, []string{"user-bob"}, client.WithMaxRetries(0))
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Contains(t, r.Stdout, "FAILED")
	assert.Contains(t, r.Stdout, "500")
	assert.Equal(t, "member", clitest.ProjectRoles(srv, "proj_support")["user-bob"])
}
