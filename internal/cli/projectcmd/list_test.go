package projectcmd_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/projectcmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runListOn(t *testing.T, srv *fake.Server, output string, archived bool) clitest.Result {
	t.Helper()
	tio := clitest.NewTestIO("")
	opts := &projectcmd.ListOptions{IO: tio.IOStreams, Client: clitest.ClientFor(srv), Output: output, IncludeArchived: archived}
	return tio.ResultOf(t.Context(), projectcmd.RunList(t.Context(), opts))
}

func projectIDs(list projectcmd.ProjectsOut) []string {
	var ids []string
	for _, p := range list.Projects {
		ids = append(ids, p.ID)
	}
	return ids
}

func TestProjectsListJSON(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t)
	r := runListOn(t, srv, "json", false)
	require.Equal(t, 0, r.Code, r.Stderr)
	list := clitest.DecodeJSON[projectcmd.ProjectsOut](t, r)
	assert.Equal(t, []string{"proj_ops2", "proj_ops1", "proj_support", "proj_research", fake.DefaultProjectID}, projectIDs(list), "the active projects, in the API's order")
	assert.Equal(t, "Research", list.Projects[3].Name)
	assert.Equal(t, "active", list.Projects[3].Status)
	assert.True(t, projectsCreated.Equal(*list.Projects[3].CreatedAt))
	assert.Nil(t, list.Projects[3].ArchivedAt)
	assert.Contains(t, r.Stdout, `"archived_at": null`)

	r = runListOn(t, srv, "json", true)
	require.Equal(t, 0, r.Code, r.Stderr)
	list = clitest.DecodeJSON[projectcmd.ProjectsOut](t, r)
	require.Len(t, list.Projects, 6, "archived ones too")
	legacy := list.Projects[0]
	assert.Equal(t, "proj_legacy", legacy.ID)
	assert.Equal(t, "archived", legacy.Status)
	require.NotNil(t, legacy.ArchivedAt)
	assert.Contains(t, r.Stdout, `"archived_at": "2026-04-01T08:00:00Z"`)
}

func TestProjectsListCSVAndTable(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t)
	r := runListOn(t, srv, "csv", true)
	require.Equal(t, 0, r.Code, r.Stderr)
	rows, err := csv.NewReader(strings.NewReader(r.Stdout)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 7)
	assert.Equal(t, []string{"id", "name", "status", "created_at", "archived_at"}, rows[0])
	assert.Equal(t, []string{"proj_legacy", "Legacy", "archived", "2026-03-02T08:00:00Z", "2026-04-01T08:00:00Z"}, rows[1])
	assert.Equal(t, []string{"proj_research", "Research", "active", "2026-03-02T08:00:00Z", ""}, rows[5])

	r = runListOn(t, srv, "table", true)
	require.Equal(t, 0, r.Code, r.Stderr)
	got := clitest.Lines(r.Stdout)
	require.Len(t, got, 7)
	assert.Equal(t, []string{"ID", "NAME", "STATUS", "CREATED", "(UTC)", "ARCHIVED", "(UTC)"}, strings.Fields(got[0]))
	assert.Equal(t, []string{"proj_legacy", "Legacy", "archived", "2026-03-02", "08:00", "2026-04-01", "08:00"}, strings.Fields(got[1]))
	assert.Equal(t, []string{"proj_research", "Research", "active", "2026-03-02", "08:00", "-"}, strings.Fields(got[5]))
	assert.Equal(t, strings.Index(got[0], "STATUS"), strings.Index(got[1], "archived"), "columns align")
}

func TestProjectsListReadsEveryPage(t *testing.T) {
	t.Parallel()
	projects := make([]fake.Project, 149)
	for i := range projects {
		projects[i] = fake.Project{ID: fmt.Sprintf("proj_%03d", i), Name: fmt.Sprintf("P%03d", i)}
	}
	srv := fake.NewServer(t, fake.WithProjects(projects...))
	r := runListOn(t, srv, "json", false)
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Len(t, clitest.DecodeJSON[projectcmd.ProjectsOut](t, r).Projects, 150, "the default project and 149")
	assert.Equal(t, 2, srv.Stats().CountAt(fake.EndpointListProjects, http.StatusOK), "100 a page")

	// A page that fails fails the list: half a list is never printed.
	srv.FailNthAt(fake.EndpointListProjects, fake.FaultForbidden, 2)
	r = runListOn(t, srv, "table", false)
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Empty(t, r.Stdout)
	assert.Contains(t, cmdutil.DescribeError(r.Err), "403")
}
