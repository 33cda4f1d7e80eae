package fake

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goinvites/invites/gen"
)

func projectUserIDs(us []gen.ProjectUser) []string {
	return idsOf(us, func(u gen.ProjectUser) string { return u.ID })
}

func projectMemberIDs(pms []ProjectMember) []string {
	return idsOf(pms, func(pm ProjectMember) string { return pm.UserID })
}

func TestProjectMembersAreAddedChangedAndRemoved(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, append(orgWithProjects(), WithNow(epoch))...)
	s.Advance(time.Minute)
	bot := answer[gen.ProjectUser](tt, http.MethodPost, alphaUsers, `{"user_id":"user-bot","role":"member"}`)
	assert.Equal(t, gen.ProjectUser{Object: gen.ProjectUserObjectOrganizationProjectUser, ID: "user-bot", Name: optional("CI bot"),
		Role: "member", AddedAt: epoch.Add(time.Minute).Unix()}, bot, "the member's name and email, null when none")

	r := tt.do(http.MethodPost, projectsPath+"/"+DefaultProjectID+"/users", `{"email":"READER@example.com","role":"owner"}`)
	require.Equal(t, http.StatusOK, r.status, "by email, whatever its case: %s", r.body)
	pm, ok := s.ProjectMember(DefaultProjectID, "user-reader")
	require.True(t, ok)
	assert.Equal(t, ProjectMember{ProjectID: DefaultProjectID, UserID: "user-reader", Email: "reader@example.com", Name: "Rae Reader",
		Role: "owner", AddedAt: epoch.Add(time.Minute)}, pm)

	r = tt.do(http.MethodPost, alphaUsers, `{"email":"reader@example.com","role":"member"}`)
	assertError(t, r, http.StatusBadRequest, typeInvalidRequest, "user_id", "")
	assert.Contains(t, r.apiError(t).Message, "already exists in project")

	r = tt.do(http.MethodPost, alphaUsers+"/user-reader", `{"role":"owner"}`)
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	assert.Equal(t, http.StatusOK, tt.do(http.MethodPost, alphaUsers+"/user-reader", `{"role":"owner"}`).status, "the same change again is no error")
	assert.Equal(t, "owner", get[gen.ProjectUser](tt, alphaUsers+"/user-reader").Role)

	del := answer[gen.ProjectUserDeleteResponse](tt, http.MethodDelete, alphaUsers+"/user-reader", "")
	assert.Equal(t, gen.ProjectUserDeleteResponse{Object: gen.ProjectUserDeleteResponseObjectOrganizationProjectUserDeleted,
		ID: "user-reader", Deleted: true}, del)
	r = tt.do(http.MethodDelete, alphaUsers+"/user-reader", "")
	assertError(t, r, http.StatusBadRequest, typeInvalidRequest, "user_id", "")
	assert.Contains(t, r.apiError(t).Message, "is not a member of project proj_a", "a removal re-sent is refused as the API refuses it")
	assertError(t, tt.do(http.MethodGet, alphaUsers+"/user-reader", ""), http.StatusNotFound, typeInvalidRequest, "user_id", "")
	_, member := s.Member("user-reader")
	assert.True(t, member, "they stay in the organization")

	removed := s.RemovedProjectMembers("proj_a")
	require.Len(t, removed, 1)
	assert.Equal(t, ProjectMember{ProjectID: "proj_a", UserID: "user-reader", Email: "reader@example.com", Name: "Rae Reader",
		Role: "owner", AddedAt: epoch}, removed[0], "as they were when removed")
	assert.Empty(t, s.RemovedProjectMembers(DefaultProjectID))
}

func TestProjectMembersErrors(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, orgWithProjects()...)
	old := projectsPath + "/proj_old/users"
	assertRefusals(t, tt, []refusal{
		{"not in the organization, by email", "POST", alphaUsers, `{"email":"stranger@example.com","role":"member"}`, 400, "email", "", "is not a member of this organization"},
		{"not in the organization, by ID", "POST", alphaUsers, `{"user_id":"user-nope","role":"member"}`, 400, "user_id", "", "is not a member of this organization"},
		{"neither ID nor email", "POST", alphaUsers, `{"role":"member"}`, 400, "user_id", "missing_required_parameter", ""},
		{"both ID and email", "POST", alphaUsers, `{"user_id":"user-bot","email":"scim@example.com","role":"member"}`, 400, "email", "", ""},
		{"no role", "POST", alphaUsers, `{"user_id":"user-bot"}`, 400, "role", "missing_required_parameter", ""},
		{"a role projects do not have", "POST", alphaUsers, `{"user_id":"user-bot","role":"reader"}`, 400, "role", "invalid_value", ""},
		{"viewer, granted only by role assignments", "POST", alphaUsers + "/user-reader", `{"role":"viewer"}`, 400, "role", "invalid_value", ""},
		{"nothing to change", "POST", alphaUsers + "/user-reader", `{}`, 400, "role", "missing_required_parameter", ""},
		{"unknown project", "GET", projectsPath + "/proj_nope/users", "", 404, "project_id", "", ""},
		{"add to an unknown project", "POST", projectsPath + "/proj_nope/users", `{"user_id":"user-bot","role":"member"}`, 404, "project_id", "", ""},
		{"retrieve one not in it", "GET", alphaUsers + "/user-bot", "", 404, "user_id", "", ""},
		{"change one not in it", "POST", alphaUsers + "/user-bot", `{"role":"owner"}`, 404, "user_id", "", ""},
		{"remove one not in it", "DELETE", alphaUsers + "/user-bot", "", 400, "user_id", "", "User user-bot is not a member of project proj_a."},
		{"list an archived project", "GET", old, "", 400, "project_id", "", "is archived"},
		{"add to an archived project", "POST", old, `{"user_id":"user-bot","role":"member"}`, 400, "project_id", "", "is archived"},
		{"read in an archived project", "GET", old + "/user-reader", "", 400, "project_id", "", "is archived"},
		{"change in an archived project", "POST", old + "/user-reader", `{"role":"member"}`, 400, "project_id", "", "is archived"},
		{"remove from an archived project", "DELETE", old + "/user-reader", "", 400, "project_id", "", "is archived"},
		{"after unknown", "GET", alphaUsers + "?after=user-nope", "", 400, "after", "", ""},
		{"limit high", "GET", alphaUsers + "?limit=101", "", 400, "limit", "integer_above_max_value", ""},
		{"dot segment", "DELETE", alphaUsers + "/..", "", 404, "", "", ""},
	})
	assert.Equal(t, []string{"user-scim", "user-reader", "user-owner"}, projectMemberIDs(s.ProjectMembers("proj_a")), "nothing was changed")
	assert.Equal(t, []string{"user-reader"}, projectMemberIDs(s.ProjectMembers("proj_old")))
}

// The organization's owners are owners of every active project without
// being added: listed so, refused as already there, and never changed or
// removed there while they own the organization.
func TestOrganizationOwnersOwnEveryProject(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, append(orgWithProjects(), WithNow(epoch))...)
	owner := ProjectMember{ProjectID: DefaultProjectID, UserID: "user-owner", Email: "Owner@example.com", Name: "Olga Owner",
		Role: "owner", AddedAt: epoch, Implicit: true}
	assert.Equal(t, []ProjectMember{owner}, s.ProjectMembers(DefaultProjectID))
	list := tt.projectUsers("proj_a", "")
	assert.Equal(t, []string{"user-scim", "user-reader", "user-owner"}, projectUserIDs(list.Data))
	assert.Equal(t, "owner", list.Data[2].Role)
	assert.Equal(t, []string{"user-reader"}, projectMemberIDs(s.ProjectMembers("proj_old")), "archived projects keep what they had")

	r := tt.do(http.MethodPost, alphaUsers, `{"user_id":"user-owner","role":"owner"}`)
	assertError(t, r, http.StatusBadRequest, typeInvalidRequest, "user_id", "")
	assert.Contains(t, r.apiError(t).Message, "already exists in project")
	r = tt.do(http.MethodPost, alphaUsers+"/user-owner", `{"role":"member"}`)
	assertError(t, r, http.StatusBadRequest, typeInvalidRequest, "role", "")
	assert.Equal(t, http.StatusOK, tt.do(http.MethodPost, alphaUsers+"/user-owner", `{"role":"owner"}`).status, "owner stays owner")
	assertError(t, tt.do(http.MethodDelete, alphaUsers+"/user-owner", ""), http.StatusBadRequest, typeInvalidRequest, "user_id", "")

	fresh := answer[gen.Project](tt, http.MethodPost, projectsPath, `{"name":"Fresh"}`)
	assert.Equal(t, []string{"user-owner"}, projectUserIDs(tt.projectUsers(fresh.ID, "").Data), "a new project's owners at once")

	// A promotion makes an owner of every active project; a demotion ends
	// what only the promotion gave, and keeps what someone granted.
	s.Advance(time.Hour)
	require.Equal(t, http.StatusOK, tt.do(http.MethodPost, usersPath+"/user-reader", `{"role":"owner"}`).status)
	inAlpha, _ := s.ProjectMember("proj_a", "user-reader")
	assert.Equal(t, "owner", inAlpha.Role, "shown as owner while they own the organization")
	assert.False(t, inAlpha.Implicit, "added in their own right")
	inDefault, _ := s.ProjectMember(DefaultProjectID, "user-reader")
	assert.True(t, inDefault.Implicit)
	assert.Equal(t, epoch.Add(time.Hour), inDefault.AddedAt)
	oldOne, _ := s.ProjectMember("proj_old", "user-reader")
	assert.False(t, oldOne.Implicit, "an archived project does not change")

	require.Equal(t, http.StatusOK, tt.do(http.MethodPost, usersPath+"/user-reader", `{"role":"reader"}`).status)
	inAlpha, _ = s.ProjectMember("proj_a", "user-reader")
	assert.Equal(t, "member", inAlpha.Role, "the role given comes back")
	_, stays := s.ProjectMember(DefaultProjectID, "user-reader")
	assert.False(t, stays, "what only owning the organization gave ends with it")
	assert.Empty(t, s.RemovedProjectMembers(DefaultProjectID), "which no one removed")
	assert.Equal(t, []string{"user-owner"}, projectUserIDs(tt.projectUsers(DefaultProjectID, "?after=user-reader").Data),
		"the ended ownership still works as a cursor")

	// Granting an implicit owner makes them a member in their own right.
	pm, err := s.AddProjectMember(ProjectMember{ProjectID: fresh.ID, UserID: "user-owner", Role: "member"})
	require.NoError(t, err)
	assert.Equal(t, "owner", pm.Role)
	require.Equal(t, http.StatusOK, tt.do(http.MethodPost, usersPath+"/user-owner", `{"role":"reader"}`).status)
	kept, ok := s.ProjectMember(fresh.ID, "user-owner")
	require.True(t, ok, "the grant outlives the ownership")
	assert.Equal(t, "member", kept.Role)
}

func TestAcceptingAnInviteGrantsItsProjects(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, append(orgWithProjects(), WithNow(epoch))...)
	invite := func(email, projects string) string {
		return answer[gen.Invite](tt, http.MethodPost, invitesPath, `{"email":"`+email+`","role":"reader"`+projects+`}`).ID
	}
	named := invite("named@example.com", `,"projects":[{"id":"proj_a","role":"owner"},{"id":"proj_old","role":"member"},{"id":"proj_gone","role":"member"}]`)
	omitted := invite("omitted@example.com", "")
	none := invite("none@example.com", `,"projects":[]`)
	s.Advance(time.Minute)
	for _, id := range []string{named, omitted, none} {
		require.NoError(t, s.Accept(id))
	}
	in := func(email string) (projects []string) {
		m, ok := s.MemberByEmail(email)
		require.True(t, ok)
		for _, p := range s.Projects() {
			if pm, ok := s.ProjectMember(p.ID, m.ID); ok {
				projects = append(projects, p.ID+":"+pm.Role)
			}
		}
		return projects
	}
	assert.Equal(t, []string{"proj_a:owner"}, in("named@example.com"), "the projects it named, archived and unknown ones passed over")
	assert.Equal(t, []string{DefaultProjectID + ":member"}, in("omitted@example.com"), "none named: the default project")
	assert.Empty(t, in("none@example.com"), "an empty list: no project")
	m, _ := s.MemberByEmail("named@example.com")
	pm, _ := s.ProjectMember("proj_a", m.ID)
	assert.Equal(t, epoch.Add(time.Minute), pm.AddedAt, "added when they accepted")

	grants, gs := newTester(t, WithDefaultProjects(ProjectGrant{ID: "proj_a", Role: "owner"}), WithProjects(Project{ID: "proj_a", Name: "Alpha"}))
	require.NoError(t, gs.Accept(grants.create("def@example.com").ID))
	m, _ = gs.MemberByEmail("def@example.com")
	_, inA := gs.ProjectMember("proj_a", m.ID)
	_, inDefault := gs.ProjectMember(DefaultProjectID, m.ID)
	assert.True(t, inA, "the default grants the invite shows")
	assert.False(t, inDefault)
}

// Leaving the organization ends every project membership, archived
// projects' too, and each is recorded; the list still pages past them.
func TestRemovingAMemberRemovesThemFromEveryProject(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, append(orgWithProjects(),
		WithProjectMembers(ProjectMember{ProjectID: DefaultProjectID, UserID: "user-reader"}))...)
	require.Equal(t, http.StatusOK, tt.do(http.MethodDelete, usersPath+"/user-reader", "").status)
	for _, p := range []string{DefaultProjectID, "proj_a", "proj_old"} {
		_, in := s.ProjectMember(p, "user-reader")
		assert.False(t, in, p)
		removed := s.RemovedProjectMembers(p)
		if assert.Len(t, removed, 1, p) {
			assert.Equal(t, "reader@example.com", removed[0].Email, p)
		}
	}
	assert.Equal(t, []string{"user-owner"}, projectUserIDs(tt.projectUsers("proj_a", "?after=user-reader").Data),
		"a removed member still works as a cursor")

	require.Equal(t, http.StatusOK, tt.do(http.MethodDelete, usersPath+"/user-owner", "").status)
	assert.Empty(t, s.ProjectMembers(DefaultProjectID), "an owner leaves every project too")
	assert.Len(t, s.RemovedProjectMembers(DefaultProjectID), 1, "an implicit ownership ending is no removal")
}

func TestProjectMembersListPagesAndGoesStale(t *testing.T) {
	t.Parallel()
	members := make([]Member, 0, 5)
	grants := make([]ProjectMember, 0, 5)
	for i := range 5 {
		id := "user-" + string(rune('a'+i))
		members = append(members, Member{ID: id})
		grants = append(grants, ProjectMember{ProjectID: DefaultProjectID, UserID: id})
	}
	tt, s := newTester(t, WithMembers(members...), WithProjectMembers(grants...))
	first := tt.projectUsers(DefaultProjectID, "?limit=2")
	assert.Equal(t, []string{"user-e", "user-d"}, projectUserIDs(first.Data))
	assert.True(t, first.HasMore)
	assert.Equal(t, "user-d", *first.LastID)
	rest := tt.projectUsers(DefaultProjectID, "?after=user-d")
	assert.Equal(t, []string{"user-c", "user-b", "user-a"}, projectUserIDs(rest.Data))
	assert.False(t, rest.HasMore)

	s.FailNextAt(EndpointListProjectUsers, FaultStaleList, 1)
	assert.Equal(t, []string{"user-d", "user-c", "user-b", "user-a"}, projectUserIDs(tt.projectUsers(DefaultProjectID, "").Data),
		"a replica behind the last add")
	assert.Len(t, tt.projectUsers(DefaultProjectID, "").Data, 5)

	p, err := s.AddProject(Project{ID: "proj_new", Name: "New"})
	require.NoError(t, err)
	s.FailNextAt(EndpointListProjects, FaultStaleList, 1)
	assert.NotContains(t, projectIDs(tt.projects("").Data), p.ID, "a replica behind the last create")
	assert.Contains(t, projectIDs(tt.projects("").Data), p.ID)
}

func TestProjectMembersAreSeeded(t *testing.T) {
	t.Parallel()
	s := NewServer(t, append(orgWithProjects(), WithNow(epoch))...)
	assert.Equal(t, []ProjectMember{
		{ProjectID: "proj_a", UserID: "user-scim", Email: "scim@example.com", Role: "owner", AddedAt: epoch},
		{ProjectID: "proj_a", UserID: "user-reader", Email: "reader@example.com", Name: "Rae Reader", Role: "member", AddedAt: epoch},
		{ProjectID: "proj_a", UserID: "user-owner", Email: "Owner@example.com", Name: "Olga Owner", Role: "owner", AddedAt: epoch, Implicit: true},
	}, s.ProjectMembers("proj_a"))
	assert.Nil(t, s.ProjectMembers("proj_nope"))

	at := epoch.Add(-time.Hour)
	pm, err := s.AddProjectMember(ProjectMember{ProjectID: "proj_old", UserID: "user-bot", AddedAt: at})
	require.NoError(t, err, "an archived project is seeded as if before the archive")
	assert.Equal(t, ProjectMember{ProjectID: "proj_old", UserID: "user-bot", Name: "CI bot", Role: "member", AddedAt: at}, pm)
	for name, c := range map[string]struct {
		pm ProjectMember
		is error
	}{
		"no such project":            {ProjectMember{ProjectID: "proj_nope", UserID: "user-bot"}, ErrProjectNotFound},
		"no such member":             {ProjectMember{ProjectID: "proj_a", Email: "stranger@example.com"}, ErrNoMember},
		"already a member":           {ProjectMember{ProjectID: "proj_a", UserID: "user-reader"}, ErrProjectMemberExists},
		"neither ID nor email":       {ProjectMember{ProjectID: "proj_a"}, nil},
		"a role of the organization": {ProjectMember{ProjectID: "proj_a", UserID: "user-bot", Role: "reader"}, nil},
	} {
		_, err := s.AddProjectMember(c.pm)
		require.Error(t, err, name)
		if c.is != nil {
			require.ErrorIs(t, err, c.is, name)
		}
	}
	_, in := s.ProjectMember("proj_a", "user-bot")
	assert.False(t, in, "a refused seed adds no one")

	_, err = Start("", WithMembers(org...), WithProjectMembers(ProjectMember{ProjectID: "proj_a", UserID: "user-bot"}))
	require.ErrorIs(t, err, ErrProjectNotFound, "Start refuses project members it cannot seed")

	seeded := NewServer(t, WithNow(epoch), WithSeed(3), WithInvites(60))
	def, _ := seeded.Project(DefaultProjectID)
	var accepted int
	for _, inv := range seeded.Invites() {
		if inv.Status != "accepted" {
			continue
		}
		accepted++
		m, _ := seeded.MemberByEmail(inv.Email)
		pm, in := seeded.ProjectMember(DefaultProjectID, m.ID)
		if assert.True(t, in, "a seeded invite names no projects: %s joined the default", inv.Email) {
			assert.False(t, pm.Implicit, "added in their own right, owners too")
			assert.Equal(t, maxTime(inv.AcceptedAt, def.CreatedAt), pm.AddedAt, "when they accepted, or when the project began")
		}
	}
	assert.Positive(t, accepted)
}
