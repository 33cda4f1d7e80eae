package fake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goinvites/invites/gen"
)

const projectsPath = "/organization/projects"

// orgWithProjects is org with two projects: Alpha, whose members are the
// reader and, as owner, the SCIM-managed member; and Old, archived, whose
// member is the reader.
func orgWithProjects() []Option {
	return []Option{
		WithMembers(org...),
		WithProjects(
			Project{ID: "proj_a", Name: "Alpha", CreatedAt: epoch.Add(-48 * time.Hour)},
			Project{ID: "proj_old", Name: "Old", CreatedAt: epoch.Add(-72 * time.Hour), ArchivedAt: epoch.Add(-time.Hour)},
		),
		WithProjectMembers(
			ProjectMember{ProjectID: "proj_a", UserID: "user-reader"},
			ProjectMember{ProjectID: "proj_a", Email: "SCIM@example.com", Role: "owner"},
			ProjectMember{ProjectID: "proj_old", UserID: "user-reader", Role: "owner"},
		),
	}
}

func (tt *tester) projects(query string) gen.ProjectListResponse {
	tt.t.Helper()
	return get[gen.ProjectListResponse](tt, projectsPath+query)
}

func (tt *tester) projectUsers(projectID, query string) gen.ProjectUserListResponse {
	tt.t.Helper()
	return get[gen.ProjectUserListResponse](tt, projectsPath+"/"+projectID+"/users"+query)
}

func projectIDs(ps []gen.Project) []string {
	return idsOf(ps, func(p gen.Project) string { return p.ID })
}

func TestEveryFakeHasADefaultProject(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithNow(epoch))
	r := tt.do(http.MethodGet, projectsPath, "")
	require.Equal(t, http.StatusOK, r.status)
	assert.JSONEq(t, fmt.Sprintf(`{"object":"list","has_more":false,"first_id":"proj_default","last_id":"proj_default","data":[
		{"object":"organization.project","id":"proj_default","name":"Default project","created_at":%d,"archived_at":null,"status":"active"}]}`,
		epoch.Unix()), string(r.body))
	assert.Equal(t, []Project{{ID: DefaultProjectID, Name: DefaultProjectName, CreatedAt: epoch}}, s.Projects())

	r = tt.do(http.MethodPost, projectsPath+"/"+DefaultProjectID, `{"name":"Mine"}`)
	assertError(t, r, http.StatusBadRequest, typeInvalidRequest, "name", "")
	assert.Contains(t, r.apiError(t).Message, "default project cannot be renamed")
	r = tt.do(http.MethodPost, projectsPath+"/"+DefaultProjectID+"/archive", "")
	assertError(t, r, http.StatusBadRequest, typeInvalidRequest, "project_id", "")
	assert.Equal(t, http.StatusOK, tt.do(http.MethodPost, projectsPath+"/"+DefaultProjectID, `{"external_key_id":"key_1"}`).status,
		"what is not its name may change")
	assert.Equal(t, DefaultProjectName, *tt.projects("").Data[0].Name)
}

func TestProjectsAreCreatedRenamedAndArchived(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithNow(epoch))
	p := answer[gen.Project](tt, http.MethodPost, projectsPath, `{"name":"Research","residency":"EU_STORAGE_PROCESSING"}`)
	assert.Regexp(t, `^proj_[A-Za-z0-9]{24}$`, p.ID)
	assert.Equal(t, "Research", *p.Name)
	assert.Equal(t, gen.PublicProjectResidency("EU_STORAGE_PROCESSING"), *p.Residency, "kept as given")
	assert.Equal(t, []string{p.ID, DefaultProjectID}, projectIDs(tt.projects("").Data), "newest first")

	r := tt.do(http.MethodPost, projectsPath+"/"+p.ID, `{"name":"Research (EU)"}`)
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	got, _ := s.Project(p.ID)
	assert.Equal(t, "Research (EU)", got.Name)
	r = tt.do(http.MethodPost, projectsPath, `{"name":"Research (EU)"}`)
	assert.Equal(t, http.StatusOK, r.status, "two projects may share a name")

	s.Advance(time.Hour)
	archived := answer[gen.Project](tt, http.MethodPost, projectsPath+"/"+p.ID+"/archive", "")
	assert.Equal(t, epoch.Add(time.Hour).Unix(), *archived.ArchivedAt)
	assert.Equal(t, "archived", *archived.Status)
	s.Advance(time.Hour)
	again := answer[gen.Project](tt, http.MethodPost, projectsPath+"/"+p.ID+"/archive", "")
	assert.Equal(t, archived, again, "an archive re-sent is the same archive")

	assert.NotContains(t, projectIDs(tt.projects("").Data), p.ID, "archived projects are left out")
	assert.Contains(t, projectIDs(tt.projects("?include_archived=true").Data), p.ID)
	assert.Contains(t, projectIDs(tt.projects("?include_archived=false").Data), DefaultProjectID)
	assert.Equal(t, http.StatusOK, tt.do(http.MethodGet, projectsPath+"/"+p.ID, "").status, "an archived project can be read")
	assertError(t, tt.do(http.MethodPost, projectsPath+"/"+p.ID, `{"name":"Back"}`), http.StatusBadRequest, typeInvalidRequest, "project_id", "")
	got, _ = s.Project(p.ID)
	assert.Equal(t, epoch.Add(time.Hour), got.ArchivedAt)
}

func TestProjectsErrors(t *testing.T) {
	t.Parallel()
	tt, _ := newTester(t, orgWithProjects()...)
	item := projectsPath + "/proj_a"
	assertRefusals(t, tt, []refusal{
		{"limit low", "GET", projectsPath + "?limit=0", "", 400, "limit", "integer_below_min_value", ""},
		{"limit high", "GET", projectsPath + "?limit=101", "", 400, "limit", "integer_above_max_value", ""},
		{"after unknown", "GET", projectsPath + "?after=proj_nope", "", 400, "after", "", ""},
		{"archived not a boolean", "GET", projectsPath + "?include_archived=maybe", "", 400, "include_archived", "invalid_type", ""},
		{"no name", "POST", projectsPath, `{}`, 400, "name", "missing_required_parameter", ""},
		{"empty name", "POST", projectsPath, `{"name":" "}`, 400, "name", "invalid_value", ""},
		{"bad residency", "POST", projectsPath, `{"name":"x","residency":"MOON"}`, 400, "residency", "invalid_value", ""},
		{"unknown field", "POST", projectsPath, `{"name":"x","title":"y"}`, 400, "title", "unknown_parameter", ""},
		{"retrieve unknown", "GET", projectsPath + "/proj_nope", "", 404, "project_id", "", ""},
		{"modify unknown", "POST", projectsPath + "/proj_nope", `{"name":"x"}`, 404, "project_id", "", ""},
		{"archive unknown", "POST", projectsPath + "/proj_nope/archive", "", 404, "project_id", "", ""},
		{"nothing to change", "POST", item, `{}`, 400, "name", "missing_required_parameter", ""},
		{"rename to nothing", "POST", item, `{"name":""}`, 400, "name", "invalid_value", ""},
		{"dot segment", "GET", projectsPath + "/..", "", 404, "", "", ""},
		{"delete a project", "DELETE", item, "", 405, "", "", ""},
		{"unarchive", "DELETE", item + "/archive", "", 405, "", "", ""},
	})
}

func TestProjectsListPages(t *testing.T) {
	t.Parallel()
	projects := make([]Project, 0, 6)
	for i := range 6 {
		p := Project{ID: fmt.Sprintf("proj_%d", i), Name: fmt.Sprintf("P%d", i)}
		if i == 2 {
			p.ArchivedAt = epoch
		}
		projects = append(projects, p)
	}
	tt, _ := newTester(t, WithNow(epoch), WithProjects(projects...))
	first := tt.projects("?limit=2")
	assert.Equal(t, []string{"proj_5", "proj_4"}, projectIDs(first.Data))
	assert.True(t, first.HasMore)
	assert.Equal(t, "proj_4", *first.LastID)
	second := tt.projects("?limit=2&after=proj_4")
	assert.Equal(t, []string{"proj_3", "proj_1"}, projectIDs(second.Data), "the archived one is passed over")
	assert.True(t, second.HasMore)
	last := tt.projects("?limit=2&after=proj_1")
	assert.Equal(t, []string{"proj_0", DefaultProjectID}, projectIDs(last.Data))
	assert.False(t, last.HasMore)
	assert.Equal(t, []string{"proj_1", "proj_0", DefaultProjectID}, projectIDs(tt.projects("?after=proj_2").Data),
		"an archived project still works as a cursor")
	empty := tt.projects("?after=" + DefaultProjectID)
	assert.Empty(t, empty.Data)
	assert.Nil(t, empty.FirstID)
}

func TestProjectsAreSeeded(t *testing.T) {
	t.Parallel()
	s := NewServer(t, append(orgWithProjects(), WithNow(epoch), WithSeed(5))...)
	assert.Equal(t, []Project{
		{ID: "proj_old", Name: "Old", CreatedAt: epoch.Add(-72 * time.Hour), ArchivedAt: epoch.Add(-time.Hour)},
		{ID: "proj_a", Name: "Alpha", CreatedAt: epoch.Add(-48 * time.Hour)},
		{ID: DefaultProjectID, Name: DefaultProjectName, CreatedAt: epoch},
	}, s.Projects(), "newest first by creation order, the default project the oldest")
	drawn, err := s.AddProject(Project{Name: "Drawn"})
	require.NoError(t, err)
	assert.Regexp(t, `^proj_[A-Za-z0-9]{24}$`, drawn.ID)
	assert.Equal(t, epoch, drawn.CreatedAt)

	for name, c := range map[string]struct {
		p    Project
		want string
		is   error
	}{
		"the default project's ID": {Project{ID: DefaultProjectID, Name: "x"}, DefaultProjectID, ErrProjectExists},
		"an ID taken":              {Project{ID: "proj_a", Name: "x"}, "proj_a", ErrProjectExists},
		"no name":                  {Project{ID: "proj_x"}, "no name", nil},
		"a dot-segment ID":         {Project{ID: ".", Name: "x"}, "another path", nil},
		"archived before created":  {Project{Name: "x", CreatedAt: epoch, ArchivedAt: epoch.Add(-time.Second)}, "before it was created", nil},
	} {
		_, err := s.AddProject(c.p)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), c.want, name)
		if c.is != nil {
			require.ErrorIs(t, err, c.is, name)
		}
	}
	assert.Len(t, s.Projects(), 4)

	_, err = Start("", WithProjects(Project{ID: "proj_x", Name: "x"}, Project{ID: "proj_x", Name: "y"}))
	require.ErrorIs(t, err, ErrProjectExists, "Start refuses projects it cannot seed")
	h := NewHandler(WithMembers(org...), WithProjects(Project{ID: "proj_x", Name: "x"}, Project{ID: "proj_x", Name: "y"}))
	assert.Equal(t, []string{DefaultProjectID}, idsOf(h.Projects(), func(p Project) string { return p.ID }),
		"a handler whose seeds could not all be made starts with the default project alone")
	assert.Empty(t, h.Members(), "and none of the other seeds")
	assert.Empty(t, h.ProjectMembers(DefaultProjectID))
}

func TestSampleProjects(t *testing.T) {
	t.Parallel()
	a := SampleProjects()
	a[0].Name = "changed"
	assert.NotEqual(t, "changed", SampleProjects()[0].Name, "each call a new slice")
	s := NewServer(t, WithProjects(SampleProjects()...))
	var archived int
	for _, p := range s.Projects() {
		if !p.ArchivedAt.IsZero() {
			archived++
		}
	}
	assert.Len(t, s.Projects(), len(SampleProjects())+1)
	assert.Equal(t, 1, archived)
}

func TestProjectsWireShape(t *testing.T) {
	t.Parallel()
	tt, _ := newTester(t, orgWithProjects()...)
	var wire map[string]any
	require.NoError(t, json.Unmarshal(tt.do(http.MethodGet, projectsPath+"/proj_old", "").body, &wire))
	assert.Equal(t, map[string]any{
		"object": "organization.project", "id": "proj_old", "name": "Old", "status": "archived",
		"created_at": float64(epoch.Add(-72 * time.Hour).Unix()), "archived_at": float64(epoch.Add(-time.Hour).Unix()),
	}, wire)
}
