package roster_test

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// projectFake is a fake organization with projects: Research, Support and
// Infra the roster below names (Research and Support by name), Sandbox it
// never names, and an archived one.
func projectFake(t *testing.T) *fake.Server {
	t.Helper()
	return fake.NewServer(t,
		fake.WithMembers(
			fake.Member{ID: "user-boss", Email: "boss@example.com", Role: "owner"},
			fake.Member{ID: "user-ada", Email: "ada@example.com", Role: "reader"},
			fake.Member{ID: "user-bob", Email: "bob@example.com", Role: "reader"},
			fake.Member{ID: "user-cat", Email: "cat@example.com", Role: "reader"},
			fake.Member{ID: "user-dan", Email: "dan@example.com", Role: "reader"},
			fake.Member{ID: "user-eve", Email: "eve@example.com", Role: "reader"},
			fake.Member{ID: "user-lead", Email: "lead@example.com", Role: "reader"},
			fake.Member{ID: "user-fay", Email: "fay@example.com", Role: "reader"},
		),
		fake.WithProjects(
			fake.Project{ID: "proj_research", Name: "Research"},
			fake.Project{ID: "proj_support", Name: "Support"},
			fake.Project{ID: "proj_infra", Name: "Infra"},
			fake.Project{ID: "proj_sandbox", Name: "Sandbox"},
			fake.Project{ID: "proj_old", Name: "Old", ArchivedAt: time.Now().Add(-time.Hour), CreatedAt: time.Now().Add(-48 * time.Hour)},
		),
		fake.WithProjectMembers(
			fake.ProjectMember{ProjectID: "proj_research", UserID: "user-ada", Role: "member"},       // moves to Support
			fake.ProjectMember{ProjectID: "proj_research", UserID: "user-bob", Role: "member"},       // promoted
			fake.ProjectMember{ProjectID: "proj_research", UserID: "user-fay", Role: "owner"},        // Research keeps an owner
			fake.ProjectMember{ProjectID: "proj_sandbox", UserID: "user-cat", Role: "member"},        // in a project nobody wrote down
			fake.ProjectMember{ProjectID: "proj_research", UserID: "user-dan", Role: "member"},       // none
			fake.ProjectMember{ProjectID: "proj_support", UserID: "user-dan", Role: "owner"},         // none, and Support keeps fay
			fake.ProjectMember{ProjectID: "proj_support", UserID: "user-fay", Role: "owner"},         //
			fake.ProjectMember{ProjectID: "proj_infra", UserID: "user-lead", Role: "owner"},          // Infra's last owner of its own
			fake.ProjectMember{ProjectID: "proj_sandbox", UserID: "user-eve", Role: "member"},        // left alone
			fake.ProjectMember{ProjectID: "proj_old", UserID: "user-ada", Role: "member"},            // archived: never touched
			fake.ProjectMember{ProjectID: fake.DefaultProjectID, UserID: "user-eve", Role: "member"}, // unnamed too
		),
	)
}

// projectRosterFile is the roster, as an admin writes it: projects by name
// or by ID.
const projectRosterFile = "email,role,projects\r\n" +
	"boss@example.com,owner,\r\n" +
	"ada@example.com,reader,Support:member\r\n" +
	"bob@example.com,reader,Research:owner\r\n" +
	"cat@example.com,reader,\r\n" +
	"dan@example.com,reader,none\r\n" +
	"eve@example.com,reader,Research:member;proj_infra:member\r\n" +
	"lead@example.com,reader,proj_infra:member\r\n" +
	"fay@example.com,reader,Research:owner;Support:owner\r\n" +
	"new@example.com,reader,Support:member\r\n"

// resolvedRoster reads projectRosterFile and resolves its names from a read
// of srv's projects.
func resolvedRoster(t *testing.T, c *client.Client) []rosterfile.Entry {
	t.Helper()
	f, err := rosterfile.Read(strings.NewReader(projectRosterFile))
	require.NoError(t, err)
	var projects []client.Project
	for p, err := range c.Projects.All(t.Context(), client.AllProjectsParams{IncludeArchived: true}) {
		require.NoError(t, err)
		projects = append(projects, p)
	}
	entries, err := roster.ResolveProjects(f.Entries(), projects)
	require.NoError(t, err)
	return entries
}

// readProjects reads srv's organization as a sync over entries does.
func readProjects(t *testing.T, c *client.Client, entries []rosterfile.Entry) roster.Org {
	t.Helper()
	org, err := roster.ReadOrgWith(t.Context(), c, roster.ReadOrgOptions{Projects: true, Manage: roster.ManagedProjects(entries, roster.ScopeNamed)})
	require.NoError(t, err)
	return org
}

// projectWrites watches the wire for writes of project access: each must
// have been told to the observer first.
type projectWrites struct {
	t          *testing.T
	mu         sync.Mutex
	open       map[string]int // project/user told as sent, outcome not yet told
	sent       []roster.WriteEvent
	onTheWire  int // project writes the middleware let through
	unrecorded []string
}

func (w *projectWrites) observe(ev roster.WriteEvent) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if ev.ProjectID == "" {
		return nil
	}
	k := ev.ProjectID + "/" + ev.UserID
	if ev.Phase == roster.WriteSent {
		w.open[k]++
		w.sent = append(w.sent, ev)
	} else {
		w.open[k]--
	}
	return nil
}

func (w *projectWrites) middleware(next http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		// .../projects/{project_id}/users[/{user_id}], a POST or DELETE
		parts := strings.Split(r.URL.Path[strings.Index(r.URL.Path, "/projects/")+1:], "/")
		if len(parts) >= 3 && parts[0] == "projects" && parts[2] == "users" && r.Method != http.MethodGet {
			user := ""
			if len(parts) == 4 {
				user = parts[3]
			}
			w.mu.Lock()
			w.onTheWire++
			if user == "" { // an add names its member in the body: any open write to the project will do
				open := false
				for k, n := range w.open {
					open = open || (strings.HasPrefix(k, parts[1]+"/") && n > 0)
				}
				if !open {
					w.unrecorded = append(w.unrecorded, r.Method+" "+r.URL.Path)
				}
			} else if w.open[parts[1]+"/"+user] <= 0 {
				w.unrecorded = append(w.unrecorded, r.Method+" "+r.URL.Path)
			}
			w.mu.Unlock()
		}
		return next.RoundTrip(r)
	})
}

// One Apply converges a roster of moves between projects, promotions, a
// member left in a project nobody wrote down, a project's last owner (held)
// and a new hire, through 5xx, drops, ambiguous writes and 429s whose wait
// is only in their message; the next plan plans nothing.
func TestApplyOverProjectAccessConvergesUnderFaults(t *testing.T) {
	t.Parallel()
	srv := projectFake(t)
	w := &projectWrites{t: t, open: map[string]int{}}
	c := newClient(t, srv, client.WithMiddleware(w.middleware))
	entries := resolvedRoster(t, c)
	org := readProjects(t, c, entries)
	assert.ElementsMatch(t, []string{"proj_research", "proj_support", "proj_infra"}, keys(org.ProjectMembers), "the named projects' members, no other's")
	assert.Len(t, org.Projects, 6, "every project, the default and the archived one included")

	actions := roster.Plan(entries, org, roster.PlanOptions{})
	assert.Equal(t, []string{
		"boss@example.com keep user-boss",
		"ada@example.com keep user-ada",
		"ada@example.com add-to-project proj_support",
		"ada@example.com remove-from-project proj_research",
		"bob@example.com keep user-bob",
		"bob@example.com set-project-role proj_research",
		"cat@example.com keep user-cat",
		"dan@example.com keep user-dan",
		"dan@example.com remove-from-project proj_support", // the projects as listed: newest first
		"dan@example.com remove-from-project proj_research",
		"eve@example.com keep user-eve",
		"eve@example.com add-to-project proj_research",
		"eve@example.com add-to-project proj_infra",
		"lead@example.com keep user-lead",
		"lead@example.com held proj_infra",
		"fay@example.com keep user-fay",
		"new@example.com create",
	}, projectKinds(actions))
	assert.Equal(t, `project "Infra" (proj_infra): would leave the project without an owner of its own (role owner -> member)`, actions[14].Reason)
	assert.Equal(t, "proj_support:member", rosterfile.FormatProjects(actions[16].Entry.Projects), "the new hire's invite names Support by ID")

	// Every write of project access meets trouble.
	srv.SetFaults(fake.Faults{RetryAfter: 50 * time.Millisecond})
	srv.FailNextAt(fake.EndpointCreateProjectUser, fake.FaultAmbiguousError, 1)
	srv.FailNextAt(fake.EndpointCreateProjectUser, fake.FaultAmbiguousDrop, 1)
	srv.FailNextAt(fake.EndpointCreateProjectUser, fake.FaultRateLimit, 1)
	srv.FailNextAt(fake.EndpointModifyProjectUser, fake.FaultAmbiguousDrop, 1)
	srv.FailNextAt(fake.EndpointModifyProjectUser, fake.FaultUnavailable, 1)
	srv.FailNextAt(fake.EndpointDeleteProjectUser, fake.FaultAmbiguousError, 1)
	srv.FailNextAt(fake.EndpointDeleteProjectUser, fake.FaultDrop, 1)
	srv.FailNextAt(fake.EndpointDeleteProjectUser, fake.FaultRateLimit, 1)
	srv.FailNextAt(fake.EndpointCreateInvite, fake.FaultAmbiguousDrop, 1)

	// Three removals from projects: a limit of two refuses the whole plan,
	// sending nothing.
	before := srv.Stats()
	for r := range roster.Apply(t.Context(), c, actions, roster.ApplyOptions{Concurrency: 3, Limits: roster.Limits{MaxProjectRemovals: 2}}) {
		if r.Action.Kind.Writes() {
			require.ErrorIs(t, r.Err, roster.ErrTooManyProjectRemovals)
			require.ErrorIs(t, r.Err, roster.ErrNotStarted)
			assert.Equal(t, roster.NotAttempted, r.Outcome())
		}
	}
	assert.Equal(t, before.Total, srv.Stats().Total, "nothing sent")

	got := map[roster.Kind]int{}
	for r := range roster.Apply(t.Context(), c, actions, roster.ApplyOptions{Concurrency: 3, Limits: roster.Limits{MaxProjectRemovals: 3}, Observe: w.observe}) {
		require.NoError(t, r.Err, "%s %s %s", r.Action.Kind, r.Action.Email, r.Action.ProjectID())
		got[r.Action.Kind]++
		switch r.Action.Kind {
		case roster.AddToProject, roster.SetProjectRole:
			require.NotNil(t, r.ProjectMember)
			assert.Equal(t, r.Action.ProjectRole, r.ProjectMember.Role)
			assert.Equal(t, roster.Done, r.Outcome())
		case roster.RemoveFromProject:
			assert.True(t, r.Removed)
		}
	}
	assert.Equal(t, map[roster.Kind]int{roster.Keep: 8, roster.AddToProject: 3, roster.SetProjectRole: 1, roster.RemoveFromProject: 3, roster.Held: 1, roster.Create: 1}, got)
	assert.Empty(t, w.unrecorded, "project writes sent before the observer heard of them")
	stats := srv.Stats()
	received := 0
	for _, e := range []fake.Endpoint{fake.EndpointCreateProjectUser, fake.EndpointModifyProjectUser, fake.EndpointDeleteProjectUser} {
		received += stats.SentTo(e)
	}
	assert.Equal(t, received, w.onTheWire, "the middleware saw every project write the fake received")
	assert.Greater(t, received, 7, "7 writes, some sent again after a fault")
	writes := map[roster.Write]int{}
	for _, ev := range w.sent {
		writes[ev.Write]++
		assert.NotEmpty(t, ev.UserID)
		if ev.Write != roster.RemoveProjectMember {
			assert.NotEmpty(t, ev.ProjectRole, "an add or a role change says the role it gives")
		}
	}
	assert.Equal(t, map[roster.Write]int{roster.AddProjectMember: 3, roster.SetProjectMemberRole: 1, roster.RemoveProjectMember: 3}, writes)

	// No add was sent twice: none was refused as already in the project.
	assert.Zero(t, stats.CountAt(fake.EndpointCreateProjectUser, http.StatusBadRequest), "a duplicate add")
	assert.Positive(t, stats.CountAt(fake.EndpointCreateProjectUser, http.StatusTooManyRequests), "the 429s were met")
	assert.Positive(t, stats.CountAt(fake.EndpointDeleteProjectUser, http.StatusTooManyRequests))

	// No access the roster grants was removed; Sandbox, the default project
	// and the archived one are as they were.
	for _, id := range []string{"proj_research", "proj_support", "proj_infra", "proj_sandbox", "proj_old", fake.DefaultProjectID} {
		for _, gone := range srv.RemovedProjectMembers(id) {
			for _, e := range entries {
				if strings.EqualFold(e.Email, gone.Email) {
					assert.False(t, slices.ContainsFunc(e.Projects, func(g client.ProjectGrant) bool { return g.ID == id }),
						"%s removed from %s, which the roster grants", gone.Email, id)
				}
			}
		}
	}
	assert.Empty(t, srv.RemovedProjectMembers("proj_sandbox"))
	assert.Len(t, srv.RemovedProjectMembers("proj_research"), 2)
	assert.Len(t, srv.RemovedProjectMembers("proj_support"), 1)
	_, inSandbox := srv.ProjectMember("proj_sandbox", "user-cat")
	assert.True(t, inSandbox, "cat's empty cell left cat's access alone")
	_, inSandbox = srv.ProjectMember("proj_sandbox", "user-eve")
	assert.True(t, inSandbox, "no one wrote Sandbox down: eve stays")
	lead, _ := srv.ProjectMember("proj_infra", "user-lead")
	assert.Equal(t, "owner", lead.Role, "Infra's last owner of its own, held")

	// The next plan, from a fresh read, plans nothing: the held owner stays
	// held, and everything else is kept.
	srv.SetFaults(fake.Faults{})
	for _, a := range roster.Plan(entries, readProjects(t, c, entries), roster.PlanOptions{}) {
		assert.False(t, a.Kind.Writes(), "%s %s %s: %s", a.Kind, a.Email, a.ProjectID(), a.Reason)
		if a.Kind == roster.Held {
			assert.Equal(t, "lead@example.com", a.Email)
		}
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// The organization's owners' project roles are never changed, whatever a
// roster says, and they count as no project's owner of its own.
func TestApplyLeavesTheOrganizationsOwnersInEveryProject(t *testing.T) {
	t.Parallel()
	srv := projectFake(t)
	c := newClient(t, srv)
	entries, err := roster.ResolveProjects([]rosterfile.Entry{
		{Email: "boss@example.com", Role: client.RoleOwner, Projects: []client.ProjectGrant{}},
		entry("lead@example.com", client.RoleReader, grant("proj_infra", client.ProjectRoleMember)),
	}, readProjects(t, c, nil).Projects)
	require.NoError(t, err)
	org := readProjects(t, c, entries)
	boss, ok := srv.ProjectMember("proj_infra", "user-boss")
	require.True(t, ok)
	assert.True(t, boss.Implicit, "the fake lists the organization's owner in every project")
	actions := roster.Plan(entries, org, roster.PlanOptions{ManageProjects: roster.ScopeAll})
	for _, a := range actions {
		if a.Member != nil && a.Member.ID == "user-boss" {
			assert.Equal(t, roster.Keep, a.Kind, a.Reason)
		}
	}
	assert.Contains(t, projectKinds(actions), "lead@example.com held proj_infra", "boss owns Infra by the organization's role, not in its own right")
}
