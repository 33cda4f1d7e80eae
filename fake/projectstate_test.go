package fake

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A state file keeps the projects, their members, the memberships that
// ended and the cursors they leave, so a fake started on it goes on where
// the last one stopped.
func TestStateKeepsProjects(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	tt, s := newTester(t, append(orgWithProjects(), WithNow(epoch), WithStateFile(path))...)
	require.Equal(t, http.StatusOK, tt.do(http.MethodPost, alphaUsers, `{"user_id":"user-bot","role":"owner"}`).status)
	require.Equal(t, http.StatusOK, tt.do(http.MethodDelete, alphaUsers+"/user-reader", "").status)
	require.Equal(t, http.StatusOK, tt.do(http.MethodPost, projectsPath, `{"name":"Made here"}`).status)
	require.Equal(t, http.StatusOK, tt.do(http.MethodPost, projectsPath+"/proj_a", `{"name":"Alpha 2"}`).status)
	projects, alpha, removed := s.Projects(), s.ProjectMembers("proj_a"), s.RemovedProjectMembers("proj_a")
	s.Close()

	tt2, s2 := newTester(t, WithNow(epoch.Add(time.Hour)), WithStateFile(path), WithProjects(Project{ID: "proj_seed", Name: "x"}))
	assert.Equal(t, projects, s2.Projects(), "the file wins over seeding")
	assert.Equal(t, alpha, s2.ProjectMembers("proj_a"))
	assert.Equal(t, removed, s2.RemovedProjectMembers("proj_a"))
	assert.Equal(t, []string{"user-owner"}, projectUserIDs(tt2.projectUsers("proj_a", "?after=user-reader").Data),
		"a removed project member still works as a cursor after a reload")
	assert.Equal(t, http.StatusOK, tt2.do(http.MethodPost, alphaUsers, `{"user_id":"user-reader","role":"member"}`).status,
		"and may be added again")
	made, err := s2.AddProject(Project{Name: "After"})
	require.NoError(t, err)
	for _, p := range projects {
		assert.NotEqual(t, p.ID, made.ID, "a reloaded fake never reuses a project ID")
	}

	var buf bytes.Buffer
	require.NoError(t, s2.SaveState(&buf))
	h := NewHandler()
	require.NoError(t, h.LoadState(&buf))
	assert.Equal(t, s2.Projects(), h.Projects(), "SaveState and LoadState round-trip")
	assert.Equal(t, s2.ProjectMembers("proj_a"), h.ProjectMembers("proj_a"))
}

// A state file from before projects (version 2) loads with the default
// project alone, its owners the organization's.
func TestStateFromBeforeProjectsLoadsTheDefaultProject(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	owner := `{"seq":1,"user":{"object":"organization.user","id":"user-o","email":"o@example.com","name":null,"role":"owner","added_at":1}}`
	old := `{"version":2,"invites":[],"next_seq":1,"members":[` + owner + `,` + memberJSON(2, "user-r", "r@example.com") + `],"next_member_seq":3}`
	require.NoError(t, os.WriteFile(path, []byte(old), 0o600))
	s := NewServer(t, WithNow(epoch), WithStateFile(path))
	assert.Equal(t, []Project{{ID: DefaultProjectID, Name: DefaultProjectName, CreatedAt: epoch}}, s.Projects())
	assert.Equal(t, []ProjectMember{{ProjectID: DefaultProjectID, UserID: "user-o", Email: "o@example.com", Role: "owner",
		AddedAt: epoch, Implicit: true}}, s.ProjectMembers(DefaultProjectID))
	_, err := s.AddProjectMember(ProjectMember{ProjectID: DefaultProjectID, UserID: "user-r"})
	require.NoError(t, err)
	s.Close()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(raw), `"version": 3`, "saved at the first change")
	s2 := NewServer(t, WithNow(epoch.Add(time.Hour)), WithStateFile(path))
	assert.Equal(t, []string{"user-r", "user-o"}, projectMemberIDs(s2.ProjectMembers(DefaultProjectID)))
	p, _ := s2.Project(DefaultProjectID)
	assert.Equal(t, epoch, p.CreatedAt, "the default project saved is the one loaded, not a new one")
}

// projectStateJSON is a stored project that passes every check, with
// members (JSON objects) given.
func projectStateJSON(seq int, id, members string, next int) string {
	return fmt.Sprintf(`{"seq":%d,"project":{"object":"organization.project","id":%q,"name":"P","created_at":1,"archived_at":null,"status":"active"},`+
		`"members":[%s],"next_seq":%d}`, seq, id, members, next)
}

func TestLoadStateRejectsBadProjects(t *testing.T) {
	t.Parallel()
	state := func(projects string, next int) string {
		return fmt.Sprintf(`{"version":3,"invites":[],"next_seq":1,"members":[%s],"next_member_seq":2,"projects":[%s],"next_project_seq":%d}`,
			memberJSON(1, "user-a", "a@example.com"), projects, next)
	}
	pm := func(seq int, user, role string) string {
		return fmt.Sprintf(`{"seq":%d,"user_id":%q,"role":%q,"added_at":1}`, seq, user, role)
	}
	good := projectStateJSON(1, "proj_a", pm(1, "user-a", "member"), 2)
	cases := map[string]struct{ in, why string }{
		"no id":            {state(projectStateJSON(1, "", "", 1), 2), "no id"},
		"dot id":           {state(projectStateJSON(1, "..", "", 1), 2), "another path"},
		"twice":            {state(good+","+projectStateJSON(2, "proj_a", "", 1), 3), "appears twice"},
		"out of order":     {state(projectStateJSON(2, "proj_b", "", 1)+","+good, 3), "out of order"},
		"next seq":         {state(good, 1), "next_project_seq"},
		"schema":           {state(`{"seq":1,"project":{"object":"organization.user","id":"proj_a","created_at":1},"members":[],"next_seq":1}`, 2), "proj_a"},
		"a stranger":       {state(projectStateJSON(1, "proj_a", pm(1, "user-z", "member"), 2), 2), "no member of the organization"},
		"a member twice":   {state(projectStateJSON(1, "proj_a", pm(1, "user-a", "member")+","+pm(2, "user-a", "owner"), 3), 2), "appears twice"},
		"a role":           {state(projectStateJSON(1, "proj_a", pm(1, "user-a", "reader"), 2), 2), "role"},
		"members' seq":     {state(projectStateJSON(1, "proj_a", pm(1, "user-a", "member"), 1), 2), "next_seq"},
		"no user":          {state(projectStateJSON(1, "proj_a", `{"seq":1,"role":"member","added_at":1}`, 2), 2), "no user_id"},
		"removed, bad one": {state(strings.Replace(good, `"members"`, `"removed":[{"id":"user-x"}],"members"`, 1), 2), "removed member"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := NewHandler(WithProjects(Project{ID: "proj_kept", Name: "Kept"}))
			err := h.LoadState(strings.NewReader(c.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.why)
			assert.Len(t, h.Projects(), 2, "a failed load keeps what was there")
		})
	}
	h := NewHandler()
	require.NoError(t, h.LoadState(strings.NewReader(state(good, 2))), "the valid base case loads")
	assert.Equal(t, []string{"user-a"}, projectMemberIDs(h.ProjectMembers("proj_a")))
	assert.Len(t, h.Projects(), 2, "with the default project, which every fake has")
}

// An archived project keeps the members it had, an owner's implicit
// ownership too, across a demotion and a reload alike.
func TestArchivedProjectsKeepTheirMembersAcrossAReload(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, orgWithProjects()...)
	require.Equal(t, http.StatusOK, tt.do(http.MethodPost, projectsPath+"/proj_a/archive", "").status)
	require.Equal(t, http.StatusOK, tt.do(http.MethodPost, usersPath+"/user-owner", `{"role":"reader"}`).status)
	before := s.ProjectMembers("proj_a")
	require.Contains(t, projectMemberIDs(before), "user-owner")
	_, inDefault := s.ProjectMember(DefaultProjectID, "user-owner")
	assert.False(t, inDefault, "an active project does change")

	var buf bytes.Buffer
	require.NoError(t, s.SaveState(&buf))
	h := NewHandler()
	require.NoError(t, h.LoadState(&buf))
	assert.Equal(t, before, h.ProjectMembers("proj_a"))
}
