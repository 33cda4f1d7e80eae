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

func runGetOn(t *testing.T, srv *fake.Server, output, project string) clitest.Result {
	t.Helper()
	return runCommand(t, clitest.NewTestIO(""), srv, output, project, projectcmd.RunGet,
		func(o projectcmd.ProjectOptions) *projectcmd.GetOptions {
			return &projectcmd.GetOptions{ProjectOptions: o}
		})
}

func TestProjectsGetByIDAndByName(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t)
	r := runGetOn(t, srv, "json", "proj_research")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "Research", clitest.DecodeJSON[projectcmd.ProjectOut](t, r).Name)
	assert.Equal(t, 1, srv.Stats().SentTo(fake.EndpointRetrieveProject), "an ID is one read")
	assert.Zero(t, srv.Stats().SentTo(fake.EndpointListProjects))

	r = runGetOn(t, srv, "json", "Support")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "proj_support", clitest.DecodeJSON[projectcmd.ProjectOut](t, r).ID, "a name no ID has is looked for among the names")

	// get shows archived projects, by name too.
	r = runGetOn(t, srv, "table", "Legacy")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []string{
		"ID              proj_legacy",
		"Name            Legacy",
		"Status          archived",
		"Created (UTC)   2026-03-02 08:00",
		"Archived (UTC)  2026-04-01 08:00",
	}, clitest.Lines(r.Stdout))

	r = runGetOn(t, srv, "csv", "proj_support")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []string{"id,name,status,created_at,archived_at", "proj_support,Support,active,2026-03-02T08:00:00Z,"}, clitest.Lines(r.Stdout))
}

func TestProjectsGetMissesAndAmbiguousNames(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t)
	r := runGetOn(t, srv, "table", "Ops")
	assert.Equal(t, cmdutil.ExitUsage, r.Code, "a name two projects share")
	require.ErrorContains(t, r.Err, `2 projects are named "Ops" (proj_ops2, proj_ops1): name one by its ID`)
	assert.Empty(t, r.Stdout)

	r = runGetOn(t, srv, "table", "research")
	assert.Equal(t, cmdutil.ExitFailure, r.Code, "names compare exactly")
	require.ErrorContains(t, r.Err, `no project has the ID or name "research" (every project was read)`)

	before := srv.Stats().Total
	for _, blank := range []string{"", "  "} {
		r = runGetOn(t, srv, "table", blank)
		assert.Equal(t, cmdutil.ExitUsage, r.Code)
	}
	assert.Equal(t, before, srv.Stats().Total, "an empty argument sends nothing")

	// A name that cannot be an ID is only looked for as a name.
	gets := srv.Stats().SentTo(fake.EndpointRetrieveProject)
	r = runGetOn(t, srv, "table", "..")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Equal(t, gets, srv.Stats().SentTo(fake.EndpointRetrieveProject))
}
