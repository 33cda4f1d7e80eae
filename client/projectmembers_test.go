package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// team is an organization: an owner, three readers and a service account;
// projects proj_a (Ada its member) and the archived proj_old (Bob its
// member, from before).
func team() []fake.Option {
	return []fake.Option{
		fake.WithMembers(
			fake.Member{ID: "user-olive", Email: "olive@example.com", Name: "Olive", Role: "owner"},
			fake.Member{ID: "user-ada", Email: "ada@example.com", Name: "Ada", Role: "reader"},
			fake.Member{ID: "user-bob", Email: "bob@example.com", Name: "Bob", Role: "reader"},
			fake.Member{ID: "user-cy", Email: "cy@example.com", Name: "Cy", Role: "reader"},
		),
		fake.WithProjects(
			fake.Project{ID: "proj_a", Name: "A"},
			fake.Project{ID: "proj_old", Name: "Old", CreatedAt: created, ArchivedAt: archived},
		),
		fake.WithProjectMembers(
			fake.ProjectMember{ProjectID: "proj_a", UserID: "user-ada", Role: "member"},
			fake.ProjectMember{ProjectID: "proj_old", UserID: "user-bob", Role: "owner"},
		),
	}
}

func memberIDs(ms []ProjectMember) []string {
	return idsOf(ms, func(m ProjectMember) string { return m.UserID })
}

func TestProjectMembersListGetAddSetRoleRemove(t *testing.T) {
	t.Parallel()
	s := newFake(t, team()...)
	c := newTestClient(t, s.URL())

	var got []ProjectMember
	for m, err := range c.ProjectMembers.All(ctx(t), "proj_a", AllProjectMembersParams{Limit: 1}) {
		require.NoError(t, err)
		got = append(got, m)
	}
	assert.ElementsMatch(t, []string{"user-olive", "user-ada"}, memberIDs(got), "the organization's owner is listed as the project's")
	for _, m := range got {
		assert.Equal(t, "proj_a", m.ProjectID, "the client says which project")
		assert.False(t, m.AddedAt.IsZero())
	}
	page, _, err := c.ProjectMembers.List(ctx(t), "proj_a", ProjectMemberListParams{Limit: 1})
	require.NoError(t, err)
	require.Len(t, page.Members, 1)
	assert.True(t, page.HasMore)
	assert.Equal(t, page.Members[0].UserID, page.LastID)

	m, _, err := c.ProjectMembers.Add(ctx(t), "proj_a", AddProjectMemberParams{UserID: "user-bob", Role: ProjectRoleMember})
	require.NoError(t, err)
	assert.Equal(t, ProjectMember{ProjectID: "proj_a", UserID: "user-bob", Email: "bob@example.com", Name: "Bob", Role: ProjectRoleMember, AddedAt: m.AddedAt}, *m)
	m, _, err = c.ProjectMembers.Add(ctx(t), "proj_a", AddProjectMemberParams{Email: "CY@example.com", Role: ProjectRoleOwner})
	require.NoError(t, err)
	assert.Equal(t, "user-cy", m.UserID)
	assert.Equal(t, ProjectRoleOwner, m.Role)

	m, _, err = c.ProjectMembers.SetRole(ctx(t), "proj_a", "user-bob", ProjectRoleOwner)
	require.NoError(t, err)
	assert.Equal(t, ProjectRoleOwner, m.Role)
	m, _, err = c.ProjectMembers.Get(ctx(t), "proj_a", "user-bob")
	require.NoError(t, err)
	assert.Equal(t, ProjectRoleOwner, m.Role)

	_, err = c.ProjectMembers.Remove(ctx(t), "proj_a", "user-bob")
	require.NoError(t, err)
	_, _, err = c.ProjectMembers.Get(ctx(t), "proj_a", "user-bob")
	require.ErrorIs(t, err, ErrNotFound)
	_, stillMember := s.Member("user-bob")
	assert.True(t, stillMember, "the organization keeps them")
	_, err = c.ProjectMembers.Remove(ctx(t), "proj_a", "user-bob")
	require.ErrorIs(t, err, ErrNotInProject, "a plain refusal is not a success: only one after an ambiguous attempt is")
	require.ErrorIs(t, err, ErrInvalidRequest)
	require.NotErrorIs(t, err, ErrNotOrgMember)
}

func TestProjectMembersRefuseBadInputBeforeSending(t *testing.T) {
	t.Parallel()
	s := newFake(t, team()...)
	c := newTestClient(t, s.URL())
	add := func(project string, p AddProjectMemberParams) error {
		_, _, err := c.ProjectMembers.Add(ctx(t), project, p)
		return err
	}
	for name, call := range map[string]func() error{
		"get: empty project":  func() error { _, _, err := c.ProjectMembers.Get(ctx(t), "", "user-ada"); return err },
		"get: dot user":       func() error { _, _, err := c.ProjectMembers.Get(ctx(t), "proj_a", ".."); return err },
		"remove: dot project": func() error { _, err := c.ProjectMembers.Remove(ctx(t), ".", "user-ada"); return err },
		"remove: empty user":  func() error { _, err := c.ProjectMembers.Remove(ctx(t), "proj_a", ""); return err },
		"set-role: bad role": func() error {
			_, _, err := c.ProjectMembers.SetRole(ctx(t), "proj_a", "user-ada", "reader")
			return err
		},
		"set-role: empty user": func() error { _, _, err := c.ProjectMembers.SetRole(ctx(t), "proj_a", "", "owner"); return err },
		"add: nobody":          func() error { return add("proj_a", AddProjectMemberParams{Role: ProjectRoleMember}) },
		"add: both": func() error {
			return add("proj_a", AddProjectMemberParams{UserID: "user-ada", Email: "ada@example.com", Role: ProjectRoleMember})
		},
		"add: bad email": func() error {
			return add("proj_a", AddProjectMemberParams{Email: "ada@\u200bexample.com", Role: ProjectRoleMember})
		},
		"add: dot user":      func() error { return add("proj_a", AddProjectMemberParams{UserID: "..", Role: ProjectRoleMember}) },
		"add: no role":       func() error { return add("proj_a", AddProjectMemberParams{UserID: "user-ada"}) },
		"add: org role":      func() error { return add("proj_a", AddProjectMemberParams{UserID: "user-ada", Role: "reader"}) },
		"add: empty project": func() error { return add("", AddProjectMemberParams{UserID: "user-ada", Role: ProjectRoleMember}) },
		"list: dot project":  func() error { _, _, err := c.ProjectMembers.List(ctx(t), "..", ProjectMemberListParams{}); return err },
		"list: bad limit": func() error {
			_, _, err := c.ProjectMembers.List(ctx(t), "proj_a", ProjectMemberListParams{Limit: 101})
			return err
		},
		"all: empty project": func() error {
			for _, err := range c.ProjectMembers.All(ctx(t), "", AllProjectMembersParams{}) {
				return err
			}
			return nil
		},
	} {
		require.ErrorIs(t, call(), ErrInvalidInput, name)
	}
	assert.Zero(t, s.Stats().Total, "nothing was sent")
	assert.Equal(t, "user_id or email is empty", add("proj_a", AddProjectMemberParams{Role: ProjectRoleMember}).Error())
}

// An add whose answer was lost is looked up before it is sent again: one
// read by user ID, a scan by email; found, it is done, and the add is
// never sent twice.
func TestProjectMembersAddLooksBeforeSendingAgain(t *testing.T) {
	t.Parallel()
	for _, fault := range []fake.FaultKind{fake.FaultAmbiguousDrop, fake.FaultAmbiguousError, fake.FaultTruncateJSON, fake.FaultTruncate} {
		for _, byEmail := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, by email %t", fault, byEmail), func(t *testing.T) {
				t.Parallel()
				s := newFake(t, team()...)
				c := newTestClient(t, s.URL())
				p := AddProjectMemberParams{UserID: "user-bob", Role: ProjectRoleOwner}
				lookUp := fake.EndpointRetrieveProjectUser
				if byEmail {
					p = AddProjectMemberParams{Email: "bob@example.com", Role: ProjectRoleOwner}
					lookUp = fake.EndpointListProjectUsers
				}
				s.FailNextAt(fake.EndpointCreateProjectUser, fault, 1)
				m, resp, err := c.ProjectMembers.Add(ctx(t), "proj_a", p)
				require.NoError(t, err)
				assert.Equal(t, "user-bob", m.UserID)
				assert.Equal(t, ProjectRoleOwner, m.Role)
				assert.Equal(t, "proj_a", m.ProjectID)
				assert.Equal(t, 1, resp.Attempts)
				assert.Equal(t, 1, s.Stats().SentTo(fake.EndpointCreateProjectUser), "sent once")
				assert.Equal(t, 1, s.Stats().CountAt(lookUp, http.StatusOK), "looked up once")
			})
		}
	}
}

// A look-up that misses what an attempt added (a stale list) lets the add
// go again; the API refuses it as there already, and the add is done.
func TestProjectMembersAddSurvivesALookUpThatMisses(t *testing.T) {
	t.Parallel()
	s := newFake(t, team()...)
	c := newTestClient(t, s.URL())
	s.FailNextAt(fake.EndpointCreateProjectUser, fake.FaultAmbiguousError, 1)
	s.FailNextAt(fake.EndpointListProjectUsers, fake.FaultStaleList, 1)
	m, resp, err := c.ProjectMembers.Add(ctx(t), "proj_a", AddProjectMemberParams{Email: "bob@example.com", Role: ProjectRoleMember})
	require.NoError(t, err)
	assert.Equal(t, "user-bob", m.UserID)
	assert.Equal(t, 2, resp.Attempts)
	assert.Equal(t, 1, s.Stats().CountAt(fake.EndpointCreateProjectUser, http.StatusBadRequest), "the second was refused")
	assert.Len(t, s.ProjectMembers("proj_a"), 3, "Olive, Ada and Bob once")
}

// An add refused because the project lists the person already is done
// when they have the role asked, and returns them with an
// *AlreadyInProjectError when not; the organization's owner, listed in
// every project as its owner, alike.
func TestProjectMembersAddFindsThemThereAlready(t *testing.T) {
	t.Parallel()
	s := newFake(t, team()...)
	c := newTestClient(t, s.URL())

	m, resp, err := c.ProjectMembers.Add(ctx(t), "proj_a", AddProjectMemberParams{UserID: "user-ada", Role: ProjectRoleMember})
	require.NoError(t, err)
	assert.Equal(t, "user-ada", m.UserID)
	assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "the Response is the add's")

	m, _, err = c.ProjectMembers.Add(ctx(t), "proj_a", AddProjectMemberParams{Email: "ada@example.com", Role: ProjectRoleOwner})
	var already *AlreadyInProjectError
	require.ErrorAs(t, err, &already)
	require.ErrorIs(t, err, ErrAlreadyInProject)
	require.NotNil(t, m, "the member is returned too")
	assert.Equal(t, ProjectRoleMember, m.Role)
	assert.Equal(t, *m, already.Existing)
	assert.Equal(t, ProjectRoleOwner, already.Wanted)
	var refusal *APIError
	require.ErrorAs(t, err, &refusal, "the API's refusal")
	assert.Equal(t, "user-ada is in project proj_a already as member, not owner", err.Error())

	_, _, err = c.ProjectMembers.Add(ctx(t), "proj_a", AddProjectMemberParams{UserID: "user-olive", Role: ProjectRoleOwner})
	require.NoError(t, err, "the organization's owner owns every project")
	_, _, err = c.ProjectMembers.Add(ctx(t), "proj_a", AddProjectMemberParams{UserID: "user-olive", Role: ProjectRoleMember})
	require.ErrorIs(t, err, ErrAlreadyInProject)

	assert.Equal(t, 4, s.Stats().SentTo(fake.EndpointCreateProjectUser), "each sent once")
	assert.Zero(t, s.Stats().CountAt(fake.EndpointCreateProjectUser, http.StatusOK), "nothing was added")
	assert.Equal(t, ProjectRoleMember, ProjectRole(s.ProjectMembers("proj_a")[0].Role), "Ada's role is as it was")
}

func TestProjectMembersRefusals(t *testing.T) {
	t.Parallel()
	s := newFake(t, team()...)
	c := newTestClient(t, s.URL())
	invite(t, c, "new@example.com")

	_, _, err := c.ProjectMembers.Add(ctx(t), "proj_a", AddProjectMemberParams{Email: "new@example.com", Role: ProjectRoleMember})
	require.ErrorIs(t, err, ErrNotOrgMember, "invited is not a member yet")
	require.NotErrorIs(t, err, ErrNotInProject)
	_, _, err = c.ProjectMembers.Add(ctx(t), "proj_a", AddProjectMemberParams{UserID: "user-nobody", Role: ProjectRoleMember})
	require.ErrorIs(t, err, ErrNotOrgMember)

	for name, call := range map[string]func() error{
		"add": func() error {
			_, _, err := c.ProjectMembers.Add(ctx(t), "proj_old", AddProjectMemberParams{UserID: "user-ada", Role: ProjectRoleMember})
			return err
		},
		"set-role": func() error {
			_, _, err := c.ProjectMembers.SetRole(ctx(t), "proj_old", "user-bob", ProjectRoleMember)
			return err
		},
		"remove": func() error { _, err := c.ProjectMembers.Remove(ctx(t), "proj_old", "user-bob"); return err },
		"get":    func() error { _, _, err := c.ProjectMembers.Get(ctx(t), "proj_old", "user-bob"); return err },
		"list": func() error {
			_, _, err := c.ProjectMembers.List(ctx(t), "proj_old", ProjectMemberListParams{})
			return err
		},
	} {
		err := call()
		require.ErrorIs(t, err, ErrProjectArchived, name)
		require.ErrorIs(t, err, ErrInvalidRequest, name)
	}
	assert.Equal(t, "owner", s.ProjectMembers("proj_old")[0].Role, "the archived project is as it was")

	_, err = c.ProjectMembers.Remove(ctx(t), "proj_a", "user-olive")
	require.ErrorIs(t, err, ErrInvalidRequest, "the organization's owner stays")
	require.NotErrorIs(t, err, ErrNotInProject)
	_, _, err = c.ProjectMembers.SetRole(ctx(t), "proj_a", "user-olive", ProjectRoleMember)
	require.ErrorIs(t, err, ErrInvalidRequest)
}

// The API says these refusals only in words; each sentinel matches its
// own and no other, and only on a 4xx.
func TestProjectRefusalsAreToldApartByTheirWords(t *testing.T) {
	t.Parallel()
	sentinels := []error{ErrAlreadyMember, ErrAlreadyInProject, ErrNotOrgMember, ErrNotInProject, ErrProjectArchived}
	for _, tc := range []struct {
		status  int
		message string
		want    error // nil: none of them
	}{
		{400, "User user-abc already exists in project proj_a.", ErrAlreadyInProject},
		{400, "User with email a@example.com already exists in this organization", ErrAlreadyMember},
		{400, "User user-abc is not a member of proj_abc", ErrNotInProject},
		{400, "User user-abc is not a member of project 'proj_abc'.", ErrNotInProject},
		{404, "User user-abc is not a member of proj_abc.", ErrNotInProject},
		{400, "User ada@example.com is not a member of this organization; invite them first.", ErrNotOrgMember},
		{400, "user-abc is not a member of the organization.", ErrNotOrgMember},
		{400, "Project proj_abc is archived.", ErrProjectArchived},
		{400, "Cannot modify an archived project", ErrProjectArchived},
		{400, "Invalid 'include_archived': expected a boolean.", nil},
		{400, "Missing required parameter: 'role'.", nil},
		{500, "User user-abc is not a member of proj_abc", nil},
		{503, "Project proj_abc is archived.", nil},
	} {
		e := &APIError{StatusCode: tc.status, Message: tc.message}
		for _, s := range sentinels {
			assert.Equal(t, errors.Is(s, tc.want), errors.Is(e, s), "%d %q is %v", tc.status, tc.message, s)
		}
	}
}

// A role change whose answer was lost is sent again: it is the same change.
// A removal whose answer was lost and that then meets "is not a member" or
// a 404 is done.
func TestProjectMembersWritesSurviveLostAnswers(t *testing.T) {
	t.Parallel()
	s := newFake(t, team()...)
	c := newTestClient(t, s.URL())

	s.FailNextAt(fake.EndpointModifyProjectUser, fake.FaultAmbiguousDrop, 1)
	s.FailNextAt(fake.EndpointModifyProjectUser, fake.FaultAmbiguousError, 1)
	m, resp, err := c.ProjectMembers.SetRole(ctx(t), "proj_a", "user-ada", ProjectRoleOwner)
	require.NoError(t, err)
	assert.Equal(t, ProjectRoleOwner, m.Role)
	assert.Equal(t, 3, resp.Attempts)

	for _, fault := range []fake.FaultKind{fake.FaultAmbiguousDrop, fake.FaultAmbiguousError} {
		_, _, err = c.ProjectMembers.Add(ctx(t), "proj_a", AddProjectMemberParams{UserID: "user-bob", Role: ProjectRoleMember})
		require.NoError(t, err)
		s.FailNextAt(fake.EndpointDeleteProjectUser, fault, 1)
		resp, err = c.ProjectMembers.Remove(ctx(t), "proj_a", "user-bob")
		require.NoError(t, err, "%s: applied, answer lost, then \"not a member\": done", fault)
		assert.Equal(t, 2, resp.Attempts)
		assert.Equal(t, http.StatusBadRequest, resp.StatusCode, "the Response is the last answer's")
	}
	removed := s.RemovedProjectMembers("proj_a")
	assert.Equal(t, []string{"user-bob", "user-bob"}, []string{removed[0].UserID, removed[1].UserID})

	// A server that answers a 404 instead.
	c, mux, _ := setup(t)
	play(mux, hangUp, reply(http.StatusNotFound, apiErr("No user found with id 'user-bob' in project 'proj_a'.", "invalid_request_error")))
	_, err = c.ProjectMembers.Remove(ctx(t), "proj_a", "user-bob")
	require.NoError(t, err)
}

// When the context ends while an add's outcome is open, the error says
// which add, and that it may have been made.
func TestProjectMembersAddOutcomeUnknown(t *testing.T) {
	t.Parallel()
	s := newFake(t, team()...)
	s.SetFaults(fake.Faults{Stall: time.Minute})
	c := newTestClient(t, s.URL())
	s.FailNextAt(fake.EndpointCreateProjectUser, fake.FaultAmbiguousDrop, 1)
	s.FailNextAt(fake.EndpointRetrieveProjectUser, fake.FaultStall, 1)
	_, _, err := c.ProjectMembers.Add(ctx(t), "proj_a", AddProjectMemberParams{UserID: "user-bob", Role: ProjectRoleMember},
		WithCallTimeout(300*time.Millisecond))
	var unknown *OutcomeUnknownError
	require.ErrorAs(t, err, &unknown)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, OutcomeUnknownError{ProjectID: "proj_a", UserID: "user-bob"}, OutcomeUnknownError{ProjectID: unknown.ProjectID, UserID: unknown.UserID, Email: unknown.Email})
	assert.Contains(t, err.Error(), "client: create outcome unknown: an earlier attempt may have added user-bob to project proj_a, and looking for it failed")

	// Added again later, it is done: the first attempt had added them.
	m, _, err := c.ProjectMembers.Add(ctx(t), "proj_a", AddProjectMemberParams{UserID: "user-bob", Role: ProjectRoleMember})
	require.NoError(t, err)
	assert.Equal(t, "user-bob", m.UserID)
	assert.Equal(t, 2, s.Stats().SentTo(fake.EndpointCreateProjectUser))
}

func TestProjectMemberReadsAreCompleteOrFail(t *testing.T) {
	t.Parallel()
	memberJSON := func(id string) string {
		return fmt.Sprintf(`{"object":"organization.project.user","id":%q,"email":null,"name":null,"role":"member","added_at":1}`, id)
	}
	checkIncompleteReads(t, "members of project proj_a", memberJSON,
		func(c *Client) ([]string, error) {
			var ids []string
			for m, err := range c.ProjectMembers.All(ctx(t), "proj_a", AllProjectMembersParams{}) {
				if err != nil {
					return ids, err
				}
				ids = append(ids, m.UserID)
			}
			return ids, nil
		},
		func(c *Client, after string) error {
			page, _, err := c.ProjectMembers.List(ctx(t), "proj_a", ProjectMemberListParams{After: after})
			assert.Nil(t, page)
			return err
		})
}

// TestProjectAccessConvergesUnderFaults runs adds, role changes and
// removals through four workers against a fake that answers 5xx, drops
// connections, loses the answers to applied writes, cuts 2xx bodies,
// serves stale lists and rate limits each endpoint with the wait only in
// the 429's message, on synctest's clock. Every write must end done, none
// twice: no add by user ID is ever refused as a duplicate, the project
// lists each person once with the role asked, and only the removals asked
// for were made.
func TestProjectAccessConvergesUnderFaults(t *testing.T) {
	t.Parallel()
	const n = 40
	synctest.Test(t, func(t *testing.T) {
		var members []fake.Member
		for i := range n + n/2 {
			members = append(members, fake.Member{ID: fmt.Sprintf("user-%02d", i), Email: fmt.Sprintf("u%02d@example.com", i), Role: "reader"})
		}
		h := fake.NewHandler(fake.WithKey(testKey), fake.WithSeed(23), fake.WithMembers(members...),
			fake.WithProjects(fake.Project{ID: "proj_a", Name: "A"}))
		h.SetFaults(fake.Faults{
			RateLimit: 20, RateWindow: time.Second, RateBurst: 1,
			ErrorRate: 0.1, UnavailableRate: 0.05, DropRate: 0.05, AmbiguousCreateRate: 0.3,
			TruncateJSONRate: 0.05, StaleListRate: 0.5,
		})
		c := newTestClient(t, "http://127.0.0.1/v1", WithHTTPClient(handlerDoer{h}), WithMaxRetries(8),
			WithMaxRetryWait(DefaultMaxRetryWait), withBackoff(defaultBackoffBase))
		inParallel := func(from, to int, write func(i int) error) {
			jobs := make(chan int)
			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					for i := range jobs {
						if err := write(i); err != nil {
							t.Errorf("user-%02d: %v", i, err)
						}
					}
				})
			}
			for i := from; i < to; i++ {
				jobs <- i
			}
			close(jobs)
			wg.Wait()
		}
		start := time.Now()
		inParallel(0, n, func(i int) error {
			m, _, err := c.ProjectMembers.Add(t.Context(), "proj_a", AddProjectMemberParams{UserID: members[i].ID, Role: ProjectRoleMember})
			if err == nil && m.Role != ProjectRoleMember {
				err = fmt.Errorf("added as %s", m.Role)
			}
			return err
		})
		stats := h.Stats()
		assert.Zero(t, stats.CountAt(fake.EndpointCreateProjectUser, http.StatusBadRequest), "no add by user ID was sent twice")
		t.Logf("%d adds by user ID: %d requests to add (%d answered 500 or not at all, %d answered 429), %d look-ups, %s",
			n, stats.SentTo(fake.EndpointCreateProjectUser), stats.CountAt(fake.EndpointCreateProjectUser, 0)+stats.CountAt(fake.EndpointCreateProjectUser, 500),
			stats.CountAt(fake.EndpointCreateProjectUser, http.StatusTooManyRequests), stats.SentTo(fake.EndpointRetrieveProjectUser), time.Since(start))

		// By email, a look-up scans the project's list, which may be stale:
		// an add it misses goes again and the API refuses it as there
		// already. Then the add is done if a look-up finds them; if the
		// list hides them again, the add says it cannot tell (an applied
		// add it cannot find) or returns the refusal, never a success it
		// did not see, and the project lists them once all the same.
		var unsure atomic.Int32
		inParallel(n, n+n/2, func(i int) error {
			m, _, err := c.ProjectMembers.Add(t.Context(), "proj_a", AddProjectMemberParams{Email: members[i].Email, Role: ProjectRoleMember})
			switch {
			case err == nil && (m.UserID != members[i].ID || m.Role != ProjectRoleMember):
				return fmt.Errorf("done as %+v", m)
			case errors.Is(err, ErrOutcomeUnknown) || errors.Is(err, ErrAlreadyInProject):
				unsure.Add(1)
				return nil
			}
			return err
		})
		refused := h.Stats().CountAt(fake.EndpointCreateProjectUser, http.StatusBadRequest)
		t.Logf("%d adds by email under stale lists: %d look-ups (pages), %d sent again after a look-up missed them and refused as there already, %d left unsure",
			n/2, h.Stats().SentTo(fake.EndpointListProjectUsers), refused, unsure.Load())

		inParallel(0, n, func(i int) error {
			_, _, err := c.ProjectMembers.SetRole(t.Context(), "proj_a", members[i].ID, ProjectRoleOwner)
			return err
		})
		inParallel(0, n/2, func(i int) error {
			_, err := c.ProjectMembers.Remove(t.Context(), "proj_a", members[i].ID)
			return err
		})

		listed := map[string]string{}
		for _, m := range h.ProjectMembers("proj_a") {
			_, twice := listed[m.UserID]
			assert.False(t, twice, "%s listed twice", m.UserID)
			listed[m.UserID] = m.Role
		}
		want := map[string]string{}
		for i := n / 2; i < n+n/2; i++ {
			want[members[i].ID] = map[bool]string{true: "owner", false: "member"}[i < n]
		}
		assert.Equal(t, want, listed)
		removed := idsOf(h.RemovedProjectMembers("proj_a"), func(m fake.ProjectMember) string { return m.UserID })
		assert.ElementsMatch(t, idsOf(members[:n/2], func(m fake.Member) string { return m.ID }), removed, "each removal asked for, once, and no other")
		t.Logf("all %d writes done in %s of virtual time; %d requests, %d answered 429", n+n/2+n+n/2, time.Since(start), h.Stats().Total,
			h.Stats().Count(http.MethodPost, http.StatusTooManyRequests)+h.Stats().Count(http.MethodGet, http.StatusTooManyRequests)+h.Stats().Count(http.MethodDelete, http.StatusTooManyRequests))
	})
}

// TestEachProjectEndpointPacesOnItsOwn: the API limits each endpoint on
// its own, so the pacer does. Five calls to each of five endpoints, all at
// once, against a limit of one request a second per endpoint told only in
// the 429's message, take the time one endpoint's five take, not the sum.
func TestEachProjectEndpointPacesOnItsOwn(t *testing.T) {
	t.Parallel()
	const calls = 5
	synctest.Test(t, func(t *testing.T) {
		h := fake.NewHandler(append(team(), fake.WithKey(testKey))...)
		h.SetFaults(fake.Faults{RateLimit: 1, RateWindow: time.Second, RateBurst: 1})
		c := newTestClient(t, "http://127.0.0.1/v1", WithHTTPClient(handlerDoer{h}), WithMaxRetryWait(DefaultMaxRetryWait))
		endpoints := map[fake.Endpoint]func(context.Context) (*Response, error){
			fake.EndpointListProjects: func(ctx context.Context) (*Response, error) {
				_, resp, err := c.Projects.List(ctx, ProjectListParams{})
				return resp, err
			},
			fake.EndpointRetrieveProject: func(ctx context.Context) (*Response, error) {
				_, resp, err := c.Projects.Get(ctx, "proj_a")
				return resp, err
			},
			fake.EndpointListProjectUsers: func(ctx context.Context) (*Response, error) {
				_, resp, err := c.ProjectMembers.List(ctx, "proj_a", ProjectMemberListParams{})
				return resp, err
			},
			fake.EndpointRetrieveProjectUser: func(ctx context.Context) (*Response, error) {
				_, resp, err := c.ProjectMembers.Get(ctx, "proj_a", "user-ada")
				return resp, err
			},
			fake.EndpointModifyProjectUser: func(ctx context.Context) (*Response, error) {
				_, resp, err := c.ProjectMembers.SetRole(ctx, "proj_a", "user-ada", ProjectRoleOwner)
				return resp, err
			},
		}
		start := time.Now()
		var mu sync.Mutex
		took := map[fake.Endpoint]time.Duration{}
		var wg sync.WaitGroup
		for e, call := range endpoints {
			for range calls {
				wg.Go(func() {
					if _, err := call(t.Context()); err != nil {
						t.Errorf("%s: %v", e, err) // not require: this is not the test's goroutine
					}
					mu.Lock()
					took[e] = max(took[e], time.Since(start))
					mu.Unlock()
				})
			}
		}
		wg.Wait()
		wall := time.Since(start)
		own := time.Duration(calls-1) * time.Second // what one endpoint's calls need at one a second
		limited := 0
		for e, d := range took {
			n := h.Stats().CountAt(e, http.StatusTooManyRequests)
			limited += n
			t.Logf("%s: %d calls done at %s, %d answered 429", e, calls, d, n)
			assert.Equal(t, calls, h.Stats().CountAt(e, http.StatusOK), e)
			assert.LessOrEqual(t, n, 2, "%s: one 429 teaches the pace", e)
		}
		t.Logf("%d endpoints x %d calls at once: %s (one endpoint's calls need %s; one pace for all would need %s); %d answers 429",
			len(endpoints), calls, wall, own, time.Duration(len(endpoints)*calls-1)*time.Second, limited)
		assert.LessOrEqual(t, wall, own*125/100, "the time of one endpoint, not the sum")
	})
}
