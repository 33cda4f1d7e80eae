package fake

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var allEndpoints = []Endpoint{
	EndpointListInvites, EndpointCreateInvite, EndpointRetrieveInvite, EndpointDeleteInvite,
	EndpointListUsers, EndpointRetrieveUser, EndpointModifyUser, EndpointDeleteUser,
	EndpointListProjects, EndpointCreateProject, EndpointRetrieveProject, EndpointModifyProject, EndpointArchiveProject,
	EndpointListProjectUsers, EndpointCreateProjectUser, EndpointRetrieveProjectUser, EndpointModifyProjectUser,
	EndpointDeleteProjectUser,
}

func TestEndpointsAreTheSpecsOperations(t *testing.T) {
	t.Parallel()
	spec, err := loadSpec()
	require.NoError(t, err)
	var inSpec []Endpoint
	for path, item := range spec.doc.Paths.Map() {
		for method := range item.Operations() {
			inSpec = append(inSpec, endpointOf(method, path))
		}
	}
	assert.ElementsMatch(t, allEndpoints, inSpec)
}

// call is one request to a users or projects endpoint of a fake seeded
// with orgWithProjects, and what it changes when applied.
type call struct {
	endpoint     Endpoint
	method, path string
	body         string
	applied      func(s *Server) bool // nil: a read, which changes nothing
}

var usersCalls = []call{
	{EndpointListUsers, http.MethodGet, usersPath, "", nil},
	{EndpointRetrieveUser, http.MethodGet, usersPath + "/user-reader", "", nil},
	{EndpointModifyUser, http.MethodPost, usersPath + "/user-reader", `{"role":"owner"}`, func(s *Server) bool {
		u, _ := s.Member("user-reader")
		return u.Role == "owner"
	}},
	{EndpointDeleteUser, http.MethodDelete, usersPath + "/user-reader", "", func(s *Server) bool {
		_, ok := s.Member("user-reader")
		return !ok
	}},
}

const alphaUsers = projectsPath + "/proj_a/users"

var projectsCalls = []call{
	{EndpointListProjects, http.MethodGet, projectsPath, "", nil},
	{EndpointCreateProject, http.MethodPost, projectsPath, `{"name":"New"}`, func(s *Server) bool {
		return slices.ContainsFunc(s.Projects(), func(p Project) bool { return p.Name == "New" })
	}},
	{EndpointRetrieveProject, http.MethodGet, projectsPath + "/proj_a", "", nil},
	{EndpointModifyProject, http.MethodPost, projectsPath + "/proj_a", `{"name":"Renamed"}`, func(s *Server) bool {
		p, _ := s.Project("proj_a")
		return p.Name == "Renamed"
	}},
	{EndpointArchiveProject, http.MethodPost, projectsPath + "/proj_a/archive", "", func(s *Server) bool {
		p, _ := s.Project("proj_a")
		return !p.ArchivedAt.IsZero()
	}},
	{EndpointListProjectUsers, http.MethodGet, alphaUsers, "", nil},
	{EndpointCreateProjectUser, http.MethodPost, alphaUsers, `{"user_id":"user-bot","role":"member"}`, func(s *Server) bool {
		_, ok := s.ProjectMember("proj_a", "user-bot")
		return ok
	}},
	{EndpointRetrieveProjectUser, http.MethodGet, alphaUsers + "/user-reader", "", nil},
	{EndpointModifyProjectUser, http.MethodPost, alphaUsers + "/user-reader", `{"role":"owner"}`, func(s *Server) bool {
		pm, _ := s.ProjectMember("proj_a", "user-reader")
		return pm.Role == "owner"
	}},
	{EndpointDeleteProjectUser, http.MethodDelete, alphaUsers + "/user-reader", "", func(s *Server) bool {
		_, ok := s.ProjectMember("proj_a", "user-reader")
		return !ok
	}},
}

// TestEveryFaultMeetsTheUsersAndProjectsEndpoints scripts each fault kind
// on each users and projects endpoint and checks what the client sees and
// whether the request was applied: only the kinds that apply first leave a
// change behind.
func TestEveryFaultMeetsTheUsersAndProjectsEndpoints(t *testing.T) {
	t.Parallel()
	for _, c := range slices.Concat(usersCalls, projectsCalls) {
		for kind := FaultServerError; kind <= FaultTruncateJSON; kind++ {
			t.Run(fmt.Sprintf("%s/%s", c.endpoint, kind), func(t *testing.T) {
				t.Parallel()
				tt, s := newTester(t, append(orgWithProjects(), WithFaults(Faults{Stall: 10 * time.Millisecond}))...)
				s.FailNextAt(c.endpoint, kind, 1)
				status, body, err := sendRaw(tt, c.method, c.path, c.body)
				switch kind {
				case FaultServerError, FaultAmbiguousError:
					assert.Equal(t, http.StatusInternalServerError, status)
				case FaultUnavailable:
					assert.Equal(t, http.StatusServiceUnavailable, status)
				case FaultRateLimit:
					assert.Equal(t, http.StatusTooManyRequests, status)
					assert.Contains(t, string(body), "Please try again after 1.000 seconds.")
				case FaultForbidden:
					assert.Equal(t, http.StatusForbidden, status)
				case FaultDrop, FaultAmbiguousDrop:
					require.Error(t, err, "no answer")
				case FaultTruncate:
					require.ErrorIs(t, err, io.ErrUnexpectedEOF)
				case FaultTruncateJSON:
					assert.Equal(t, http.StatusOK, status)
					assert.False(t, json.Valid(body), "cut JSON: %s", body)
				case FaultStall, FaultStallBody:
					require.NoError(t, err)
					assert.Equal(t, http.StatusOK, status)
					assert.True(t, json.Valid(body), "whole after the stall: %s", body)
				}
				if c.applied != nil {
					assert.Equal(t, kind.applies() || kind == FaultStall, c.applied(s), "applied")
				}
				assert.Equal(t, 1, s.Stats().SentTo(c.endpoint))
			})
		}
	}
}

// sendRaw sends one request past the validating transport (a cut answer is
// what is being tested) and reads what it can.
func sendRaw(tt *tester, method, path, body string) (int, []byte, error) {
	req, err := http.NewRequestWithContext(tt.t.Context(), method, tt.url+path, strings.NewReader(body))
	require.NoError(tt.t, err)
	req.Header.Set("Authorization", "Bearer "+tt.key)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := tt.c.Transport.(validating).base.RoundTrip(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

func TestRandomFaultsMeetTheUsersAndProjectsEndpoints(t *testing.T) {
	t.Parallel()
	for _, c := range slices.Concat(usersCalls, projectsCalls) {
		tt, s := newTester(t, append(orgWithProjects(), WithFaults(Faults{UnavailableRate: 1}))...)
		r := tt.do(c.method, c.path, c.body)
		assertError(t, r, http.StatusServiceUnavailable, typeServer, "", "")
		if c.applied != nil {
			assert.False(t, c.applied(s), "%s: a 503 applies nothing", c.endpoint)
		}
	}
	tt, s := newTester(t, WithMembers(org...), WithFaults(Faults{AmbiguousCreateRate: 1}))
	if r, err := tt.send(http.MethodPost, usersPath+"/user-reader", `{"role":"owner"}`); err == nil {
		assert.Equal(t, http.StatusInternalServerError, r.status)
	}
	assert.True(t, usersCalls[2].applied(s), "an ambiguous role change is applied, then its answer lost")
	assert.Equal(t, http.StatusOK, tt.do(http.MethodDelete, usersPath+"/user-reader", "").status, "a DELETE is no create")

	for _, c := range projectsCalls {
		if c.method != http.MethodPost {
			continue
		}
		tt, s := newTester(t, append(orgWithProjects(), WithFaults(Faults{AmbiguousCreateRate: 1}))...)
		if r, err := tt.send(c.method, c.path, c.body); err == nil {
			assert.Equal(t, http.StatusInternalServerError, r.status, c.endpoint)
		}
		assert.True(t, c.applied(s), "%s: applied, then its answer lost", c.endpoint)
		if c.endpoint == EndpointCreateProjectUser {
			assert.Equal(t, http.StatusOK, tt.do(http.MethodDelete, alphaUsers+"/user-bot", "").status, "a DELETE is no create")
		}
	}
}

// TestRateLimitHasABucketPerUsersEndpoint spends each endpoint's one request
// a minute: the users endpoints each have their own, apart from the
// invites', and a 429 gives the wait in its message only.
func TestRateLimitHasABucketPerUsersEndpoint(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithNow(epoch), WithMembers(org...), WithFaults(Faults{RateLimit: 1}))
	for _, c := range usersCalls[:3] {
		assert.Equal(t, http.StatusOK, tt.do(c.method, c.path, c.body).status, "%s: its first request", c.endpoint)
	}
	assert.Equal(t, http.StatusOK, tt.do(http.MethodGet, invitesPath, "").status, "the invites list has its own bucket")
	for _, c := range usersCalls[:3] {
		r := tt.do(c.method, c.path, c.body)
		assertError(t, r, http.StatusTooManyRequests, typeRequests, "", codeRateLimit)
		assert.Contains(t, r.apiError(t).Message, "Rate limit reached for requests to "+string(c.endpoint)+". Please try again after 60.000 seconds.")
		assert.Empty(t, r.header.Get("Retry-After"), "the wait is only in the message")
		assert.Empty(t, r.header.Get("x-ratelimit-remaining-requests"))
	}
	s.Advance(time.Minute)
	assert.Equal(t, http.StatusOK, tt.do(http.MethodGet, usersPath, "").status, "refilled")
	assert.Equal(t, 1, s.Stats().CountAt(EndpointModifyUser, http.StatusTooManyRequests))
	assert.Equal(t, 2, s.Stats().CountAt(EndpointListUsers, http.StatusOK))
}

// Every projects endpoint has its own bucket too: one request a minute to
// each goes through, the second to each is refused, and nothing else is.
func TestRateLimitHasABucketPerProjectsEndpoint(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, append(orgWithProjects(), WithNow(epoch), WithFaults(Faults{RateLimit: 1}))...)
	reads := slices.DeleteFunc(slices.Clone(projectsCalls), func(c call) bool { return c.applied != nil })
	for _, c := range reads {
		assert.Equal(t, http.StatusOK, tt.do(c.method, c.path, c.body).status, "%s: its first request", c.endpoint)
	}
	assert.Equal(t, http.StatusOK, tt.do(http.MethodGet, usersPath, "").status, "the users list has its own bucket")
	for _, c := range reads {
		r := tt.do(c.method, c.path, c.body)
		assertError(t, r, http.StatusTooManyRequests, typeRequests, "", codeRateLimit)
		assert.Contains(t, r.apiError(t).Message, "Rate limit reached for requests to "+string(c.endpoint)+".")
	}
	r := tt.do(http.MethodPost, alphaUsers, `{"user_id":"user-bot","role":"member"}`)
	assert.Equal(t, http.StatusOK, r.status, "an add has its own bucket: %s", r.body)
	s.Advance(time.Minute)
	assert.Equal(t, http.StatusOK, tt.do(http.MethodGet, alphaUsers, "").status, "refilled")
	assert.Equal(t, 1, s.Stats().CountAt(EndpointListProjectUsers, http.StatusTooManyRequests))
}

func TestFailNextAtHitsOneEndpoint(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithMembers(org...))
	s.FailNextAt(EndpointModifyUser, FaultAmbiguousError, 1)
	assert.Equal(t, http.StatusOK, tt.do(http.MethodPost, invitesPath, `{"email":"new@example.com","role":"reader"}`).status,
		"an invite create is a POST, but another endpoint")
	r := tt.do(http.MethodPost, usersPath+"/user-reader", `{"role":"owner"}`)
	assertError(t, r, http.StatusInternalServerError, typeServer, "", "")
	assert.True(t, usersCalls[2].applied(s))

	s.FailNthAt(EndpointListUsers, FaultServerError, 2)
	got := []int{}
	for _, path := range []string{usersPath, invitesPath, usersPath + "/user-bot", usersPath, usersPath} {
		got = append(got, tt.do(http.MethodGet, path, "").status)
	}
	assert.Equal(t, []int{200, 200, 200, 500, 200}, got, "the second list of users, and only it")
	s.FailNthAt(EndpointDeleteUser, FaultDrop, 0)
	assert.Equal(t, http.StatusOK, tt.do(http.MethodDelete, usersPath+"/user-bot", "").status, "nth 0 scripts nothing")
}

func TestStatsCountByEndpoint(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithMembers(org...))
	tt.do(http.MethodGet, usersPath, "")
	tt.do(http.MethodGet, usersPath+"/user-nope", "")
	tt.do(http.MethodGet, usersPath+"/user-bot", "")
	tt.do(http.MethodGet, "/organization/audit_logs", "")
	noKey := *tt
	noKey.key = ""
	noKey.do(http.MethodGet, usersPath, "")
	st := s.Stats()
	assert.Equal(t, 1, st.CountAt(EndpointListUsers, http.StatusOK))
	assert.Equal(t, 1, st.CountAt(EndpointListUsers, http.StatusUnauthorized), "refused requests count where they were sent")
	assert.Equal(t, 1, st.CountAt(EndpointRetrieveUser, http.StatusNotFound))
	assert.Equal(t, 2, st.SentTo(EndpointRetrieveUser))
	assert.Equal(t, 5, st.Total, "an unrouted request counts in the total only")
	assert.Equal(t, 2, st.Count(http.MethodGet, http.StatusNotFound), "by method, the unrouted one too")
	var sum int
	for _, e := range allEndpoints {
		sum += st.SentTo(e)
	}
	assert.Equal(t, 4, sum)
	assert.False(t, slices.Contains(allEndpoints, Endpoint("GET /v1/organization/audit_logs")))
}
