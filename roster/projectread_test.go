package roster_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// projectsOrg gives h 20 projects of 50 members each (listed with the
// organization's owners, whom the fake shows in every project) besides
// bigOrg's members and invites, and returns the roster that describes
// them: every member with their grants.
func projectsOrg(t *testing.T, h *fake.Handler, c *client.Client) []rosterfile.Entry {
	t.Helper()
	bigOrg(t, h)
	var readers []fake.Member
	owner := false
	for _, m := range h.Members() {
		if m.Role == "owner" && !owner {
			owner = true
			continue
		}
		if m.Role == "owner" { // one owner is enough: the others are made readers
			_, _, err := c.Users.SetRole(t.Context(), m.ID, client.RoleReader)
			require.NoError(t, err)
			m.Role = "reader"
		}
		if m.Role == "reader" {
			readers = append(readers, m)
		}
	}
	for p := range 20 {
		id := fmt.Sprintf("proj_%02d", p)
		_, err := h.AddProject(fake.Project{ID: id, Name: fmt.Sprintf("Team %02d", p)})
		require.NoError(t, err)
		for i := range 50 - 1 { // with the organization's one owner, 50
			_, err := h.AddProjectMember(fake.ProjectMember{ProjectID: id, UserID: readers[(p*49+i)%len(readers)].ID, Role: "member"})
			require.NoError(t, err)
		}
	}
	// The default project, which every accepted invite joined, is the
	// roster's to leave alone: it reads only the teams'.
	teams := func(p client.Project) bool { return strings.HasPrefix(p.Name, "Team ") }
	org, err := roster.ReadOrgWith(t.Context(), c, roster.ReadOrgOptions{Projects: true, Manage: teams})
	require.NoError(t, err)
	require.Len(t, org.ProjectMembers, 20)
	for _, list := range org.ProjectMembers {
		require.Len(t, list, 50, "one page each")
	}
	return roster.FromOrg(org)
}

// A plan over 1,000 members, 1,000 invites and 20 managed projects of 50
// members each reads each list once (10 + 10 + 1 + 20 pages), and as the
// API limits each endpoint on its own, the reads side by side take the
// time of the slowest endpoint's, not their sum.
func TestReadOrgWithProjectsReadsEachListOnceSideBySide(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		h := fake.NewHandler(fake.WithClock(time.Now))
		c, err := client.New(client.WithoutEnvironment(), client.WithAPIKey(h.Key()), client.WithBaseURL("http://127.0.0.1/v1"),
			client.WithHTTPClient(handlerDoer{h}), client.WithMaxRetries(10), client.WithMaxRetryWait(time.Minute))
		require.NoError(t, err)
		entries := projectsOrg(t, h, c)

		// A new client, which knows no endpoint's pace yet, against the
		// fake limiting each endpoint to one request a second.
		c, err = client.New(client.WithoutEnvironment(), client.WithAPIKey(h.Key()), client.WithBaseURL("http://127.0.0.1/v1"),
			client.WithHTTPClient(handlerDoer{h}), client.WithMaxRetries(10), client.WithMaxRetryWait(time.Minute))
		require.NoError(t, err)
		h.SetFaults(fake.Faults{RateLimit: 1, RateWindow: time.Second, RateBurst: 1, RateLimitHeaders: true})
		before := h.Stats()
		start := time.Now()
		org, err := roster.ReadOrgWith(t.Context(), c, roster.ReadOrgOptions{Projects: true, Manage: roster.ManagedProjects(entries, roster.ScopeNamed)})
		require.NoError(t, err)
		took := time.Since(start)
		after := h.Stats()

		assert.Equal(t, 1000, len(org.Members)) //nolint:testifylint // Len would print a thousand members
		assert.Equal(t, 1000, len(org.Invites)) //nolint:testifylint // and a thousand invites
		assert.Len(t, org.Projects, 21, "the 20 and the default project")
		assert.Len(t, org.ProjectMembers, 20, "the default project is named by no one")
		for id, list := range org.ProjectMembers {
			assert.Len(t, list, 50, id)
		}
		count := func(e fake.Endpoint) int { return after.CountAt(e, http.StatusOK) - before.CountAt(e, http.StatusOK) }
		reads := map[fake.Endpoint]int{
			fake.EndpointListUsers: count(fake.EndpointListUsers), fake.EndpointListInvites: count(fake.EndpointListInvites),
			fake.EndpointListProjects: count(fake.EndpointListProjects), fake.EndpointListProjectUsers: count(fake.EndpointListProjectUsers),
		}
		assert.Equal(t, map[fake.Endpoint]int{fake.EndpointListUsers: 10, fake.EndpointListInvites: 10, fake.EndpointListProjects: 1, fake.EndpointListProjectUsers: 20}, reads)
		assert.Equal(t, 41, after.Total-before.Total, "and no other request: no 429, no retry")

		// The slowest endpoint is the projects' members: 20 requests at one
		// a second, burst 1, take 19 s at best, after the list of projects.
		// One read after the other would take 9 + 9 + 19 s and the gaps.
		slowest, sum := 19*time.Second, (9+9+19)*time.Second+3*time.Second
		t.Logf("ReadOrgWith of 1,000 members, 1,000 invites, 21 projects and 20 projects' members: %d requests (%v) in %s; slowest endpoint alone %s, one after the other %s",
			after.Total-before.Total, reads, took, slowest, sum)
		assert.GreaterOrEqual(t, took, slowest)
		assert.Less(t, took, slowest+2*time.Second, "the reads overlap: the slowest endpoint's time, not the sum")

		// And the plan of the roster that describes them holds only Keeps.
		for _, a := range roster.Plan(entries, org, roster.PlanOptions{}) {
			require.Equal(t, roster.Keep, a.Kind, "%s %s: %s", a.Email, a.ProjectID(), a.Reason)
		}
	})
}

// A page that fails, of any list, fails the whole read: no partial Org.
func TestReadOrgWithFailsWholeWhenAnyPageFails(t *testing.T) {
	t.Parallel()
	for _, e := range []fake.Endpoint{fake.EndpointListUsers, fake.EndpointListInvites, fake.EndpointListProjects, fake.EndpointListProjectUsers} {
		t.Run(string(e), func(t *testing.T) {
			t.Parallel()
			srv := projectFake(t)
			c := newClient(t, srv, client.WithMaxRetries(0))
			srv.FailNthAt(e, fake.FaultServerError, 1)
			org, err := roster.ReadOrgWith(t.Context(), c, roster.ReadOrgOptions{Projects: true})
			require.ErrorIs(t, err, client.ErrServer)
			assert.Equal(t, roster.Org{}, org)
		})
	}
	// A page whose JSON is cut short, with no retry left.
	srv := projectFake(t)
	c := newClient(t, srv, client.WithMaxRetries(0))
	srv.FailNthAt(fake.EndpointListProjectUsers, fake.FaultTruncateJSON, 2)
	_, err := roster.ReadOrgWith(t.Context(), c, roster.ReadOrgOptions{Projects: true})
	var decode *client.DecodeError
	require.ErrorAs(t, err, &decode)
}

func TestReadOrgWithRefusesANilContextOrClient(t *testing.T) {
	t.Parallel()
	srv := projectFake(t)
	c := newClient(t, srv)
	//nolint:staticcheck // a nil context, on purpose
	_, err := roster.ReadOrgWith(nil, c, roster.ReadOrgOptions{Projects: true})
	require.ErrorIs(t, err, client.ErrNilContext)
	_, err = roster.ReadOrgWith(t.Context(), nil, roster.ReadOrgOptions{Projects: true})
	require.ErrorIs(t, err, client.ErrZeroClient)
	_, err = roster.ReadOrgWith(t.Context(), &client.Client{}, roster.ReadOrgOptions{Projects: true})
	require.ErrorIs(t, err, client.ErrZeroClient)
	_, err = roster.ReadOrg(t.Context(), &client.Client{})
	require.ErrorIs(t, err, client.ErrZeroClient)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = roster.ReadOrgWith(ctx, c, roster.ReadOrgOptions{Projects: true})
	require.ErrorIs(t, err, context.Canceled)
}

// Without Projects, ReadOrgWith is today's ReadOrg: no project read, and
// a plan that leaves project access alone.
func TestReadOrgWithoutProjectsReadsNone(t *testing.T) {
	t.Parallel()
	srv := projectFake(t)
	c := newClient(t, srv)
	org, err := roster.ReadOrgWith(t.Context(), c, roster.ReadOrgOptions{})
	require.NoError(t, err)
	assert.Nil(t, org.Projects)
	assert.Nil(t, org.ProjectMembers)
	assert.Zero(t, srv.Stats().SentTo(fake.EndpointListProjects))
	assert.Len(t, org.Members, 8)
}
