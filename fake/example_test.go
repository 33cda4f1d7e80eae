package fake_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/gen"
)

// In a test, NewServer starts the fake and closes it when the test ends;
// hand URL and Key to the client under test.
func ExampleNewServer() {
	t := &testing.T{} // in a real test, the test's own t
	s := fake.NewServer(t, fake.WithSeed(7))
	defer s.Close()

	req, _ := http.NewRequestWithContext(context.Background(), http.MethodPost, s.URL()+"/organization/invites",
		strings.NewReader(`{"email":"ada@example.com","role":"reader"}`))
	req.Header.Set("Authorization", "Bearer "+s.Key())
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var inv gen.Invite
	_ = json.NewDecoder(resp.Body).Decode(&inv)

	fmt.Println(resp.StatusCode, inv.Email, inv.Status)
	fmt.Println("created for ada:", s.CreatedFor("ADA@example.com"))
	// Output:
	// 200 ada@example.com pending
	// created for ada: 1
}

// NewHandler gives the fake as an http.Handler, to mount or call directly.
func ExampleNewHandler() {
	h := fake.NewHandler(fake.WithInvites(3))

	req := httptest.NewRequestWithContext(context.Background(), http.MethodGet, "/v1/organization/invites?limit=2", nil)
	req.Header.Set("Authorization", "Bearer "+h.Key())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)

	var list gen.InviteListResponse
	_ = json.NewDecoder(rec.Body).Decode(&list)
	fmt.Println(rec.Code, len(list.Data), list.HasMore)

	req = httptest.NewRequestWithContext(context.Background(), http.MethodGet, "/v1/organization/invites", nil)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	fmt.Print(rec.Code, " ", rec.Body.String())
	// Output:
	// 200 2 true
	// 401 {"error":{"code":"invalid_api_key","message":"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).","param":null,"type":"invalid_request_error"}}
}

// Start runs the fake for programs that are not tests, such as a demo or
// the CLI's fake-server command.
func ExampleStart() {
	s, err := fake.Start("127.0.0.1:0", fake.WithKey("sk-admin-demo"))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer s.Close()

	req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, s.URL()+"/organization/invites/invite-missing", nil)
	req.Header.Set("Authorization", "Bearer sk-admin-demo")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Print(resp.StatusCode, " ", string(body))
	// Output:
	// 404 {"error":{"code":null,"message":"No invite found with id 'invite-missing'.","param":"invite_id","type":"invalid_request_error"}}
}

// Scripted faults make a client test exact: here the first create is
// applied but its answer is lost to a 500, so a blind retry would be a
// duplicate, which the fake rejects and counts.
func ExampleHandler_FailNextFor() {
	h := fake.NewHandler()
	h.FailNextFor(http.MethodPost, fake.FaultAmbiguousError, 1)

	create := func() int {
		req := httptest.NewRequestWithContext(context.Background(), http.MethodPost, "/v1/organization/invites",
			strings.NewReader(`{"email":"ada@example.com","role":"reader"}`))
		req.Header.Set("Authorization", "Bearer "+h.Key())
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	fmt.Println(create(), create())
	fmt.Println("invites held:", len(h.Invites()), "created for ada:", h.CreatedFor("ada@example.com"))
	// Output:
	// 500 400
	// invites held: 1 created for ada: 1
}

// Programs that share a state file, each for a short while, take turns with
// StartContext: the second waits until the first has closed, then sees what
// the first saved.
func ExampleStartContext() {
	dir, err := os.MkdirTemp("", "fake-state")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	state := filepath.Join(dir, "state.json")

	first, err := fake.Start("", fake.WithStateFile(state), fake.WithInvites(2))
	if err != nil {
		fmt.Println(err)
		return
	}
	_, err = fake.Start("", fake.WithStateFile(state))
	fmt.Println("refused:", errors.Is(err, fake.ErrStateInUse))
	first.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	second, err := fake.StartContext(ctx, "", fake.WithStateFile(state))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer second.Close()
	fmt.Println("invites kept:", len(second.Invites()))
	// Output:
	// refused: true
	// invites kept: 2
}

// A stale list is one read from a replica that has not yet seen the last
// create: a client that looks for what it may just have created misses it,
// and must not take the miss for proof that nothing was created. Here the
// look-up misses ada's invite, and the fake's duplicate check is what
// stops a second one.
func ExampleHandler_FailNextFor_staleList() {
	h := fake.NewHandler()
	do := func(method, body string) (int, string) {
		req := httptest.NewRequestWithContext(context.Background(), method, "/v1/organization/invites", strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+h.Key())
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		var list gen.InviteListResponse
		_ = json.Unmarshal(rec.Body.Bytes(), &list)
		return rec.Code, fmt.Sprint(len(list.Data), " listed")
	}
	ada := `{"email":"ada@example.com","role":"reader"}`
	do(http.MethodPost, ada)

	h.FailNextFor(http.MethodGet, fake.FaultStaleList, 1)
	fmt.Println(do(http.MethodGet, ""))
	fmt.Println(do(http.MethodGet, ""))
	status, _ := do(http.MethodPost, ada)
	fmt.Println("create again:", status, "created for ada:", h.CreatedFor("ada@example.com"))
	// Output:
	// 200 0 listed
	// 200 1 listed
	// create again: 400 created for ada: 1
}

// Members come from accepted invites and from WithMembers (people who
// joined another way, service accounts, members an identity provider
// manages). An invite to someone who is already a member is refused, as
// the real API refuses it; and a removal is recorded for the test to check.
func ExampleWithMembers() {
	h := fake.NewHandler(fake.WithNow(time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)), fake.WithMembers(
		fake.Member{ID: "user-grace", Email: "grace@example.com", Name: "Grace", Role: "owner"},
		fake.Member{ID: "user-ci", Name: "CI", ServiceAccount: true},
	))
	call := func(method, path, body string) (int, string) {
		req := httptest.NewRequestWithContext(context.Background(), method, "/v1"+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+h.Key())
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}

	_, body := call(http.MethodPost, "/organization/invites", `{"email":"ada@example.com","role":"reader"}`)
	var inv gen.Invite
	_ = json.Unmarshal([]byte(body), &inv)
	_ = h.Accept(inv.ID) // as Ada would
	ada, _ := h.MemberByEmail("ada@example.com")
	fmt.Println("ada is a", ada.Role)

	status, body := call(http.MethodPost, "/organization/invites", `{"email":"Grace@example.com","role":"reader"}`)
	fmt.Print(status, " ", body)

	call(http.MethodPost, "/organization/users/"+ada.ID, `{"role":"owner"}`)
	call(http.MethodDelete, "/organization/users/user-grace", "")
	_, body = call(http.MethodGet, "/organization/users", "")
	var list gen.UserListResponse
	_ = json.Unmarshal([]byte(body), &list)
	for _, u := range list.Data {
		fmt.Println(u.ID == ada.ID, *u.Role, *u.IsServiceAccount)
	}
	fmt.Println("removed:", h.RemovedMembers()[0].Email)
	// Output:
	// ada is a reader
	// 400 {"error":{"code":null,"message":"The user Grace@example.com already exists in this organization.","param":"email","type":"invalid_request_error"}}
	// true owner false
	// false reader true
	// removed: grace@example.com
}

// Projects are seeded with their members; the organization's owners are
// listed in every active project as owners without being added, and an
// archived project refuses every member call.
func ExampleWithProjects() {
	h := fake.NewHandler(
		fake.WithNow(time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)),
		fake.WithMembers(
			fake.Member{ID: "user-grace", Email: "grace@example.com", Role: "owner"},
			fake.Member{ID: "user-ada", Email: "ada@example.com"},
		),
		fake.WithProjects(
			fake.Project{ID: "proj_research", Name: "Research"},
			fake.Project{ID: "proj_old", Name: "Old", ArchivedAt: time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)},
		),
		fake.WithProjectMembers(fake.ProjectMember{ProjectID: "proj_research", Email: "ada@example.com", Role: "member"}),
	)
	for _, pm := range h.ProjectMembers("proj_research") {
		fmt.Println(pm.UserID, pm.Role, "implicit:", pm.Implicit)
	}

	req := httptest.NewRequestWithContext(context.Background(), http.MethodPost, "/v1/organization/projects/proj_old/users",
		strings.NewReader(`{"user_id":"user-ada","role":"member"}`))
	req.Header.Set("Authorization", "Bearer "+h.Key())
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	fmt.Print(rec.Code, " ", rec.Body.String())
	// Output:
	// user-ada member implicit: false
	// user-grace owner implicit: true
	// 400 {"error":{"code":null,"message":"Project proj_old is archived.","param":"project_id","type":"invalid_request_error"}}
}

// AddProjectMember adds someone to a project at any time, as if an admin
// had; only a member of the organization can be added, and only once.
func ExampleHandler_AddProjectMember() {
	h := fake.NewHandler(fake.WithMembers(fake.Member{ID: "user-ada", Email: "ada@example.com"}))
	pm, err := h.AddProjectMember(fake.ProjectMember{ProjectID: fake.DefaultProjectID, Email: "ADA@example.com", Role: "owner"})
	fmt.Println(pm.UserID, pm.Role, err)

	_, err = h.AddProjectMember(fake.ProjectMember{ProjectID: fake.DefaultProjectID, UserID: "user-ada"})
	fmt.Println(errors.Is(err, fake.ErrProjectMemberExists))
	_, err = h.AddProjectMember(fake.ProjectMember{ProjectID: fake.DefaultProjectID, Email: "bob@example.com"})
	fmt.Println(errors.Is(err, fake.ErrNoMember))
	// Output:
	// user-ada owner <nil>
	// true
	// true
}

// Removing a member from the organization removes them from every project;
// RemovedProjectMembers keeps what ended, for a test to check that no
// access it must keep was removed.
func ExampleHandler_RemovedProjectMembers() {
	h := fake.NewHandler(
		fake.WithMembers(fake.Member{ID: "user-bob", Email: "bob@example.com"}),
		fake.WithProjects(fake.Project{ID: "proj_a", Name: "A"}),
		fake.WithProjectMembers(fake.ProjectMember{ProjectID: "proj_a", UserID: "user-bob"}),
	)
	req := httptest.NewRequestWithContext(context.Background(), http.MethodDelete, "/v1/organization/users/user-bob", nil)
	req.Header.Set("Authorization", "Bearer "+h.Key())
	h.ServeHTTP(httptest.NewRecorder(), req)

	fmt.Println("members of proj_a:", len(h.ProjectMembers("proj_a")))
	for _, pm := range h.RemovedProjectMembers("proj_a") {
		fmt.Println("removed:", pm.Email, pm.Role)
	}
	// Output:
	// members of proj_a: 0
	// removed: bob@example.com member
}

// SampleProjects seed a demo: two active projects and an archived one,
// beside the default project every fake has.
func ExampleSampleProjects() {
	h := fake.NewHandler(fake.WithProjects(fake.SampleProjects()...))
	for _, p := range h.Projects() {
		fmt.Println(p.ID, p.Name, "archived:", !p.ArchivedAt.IsZero())
	}
	// Output:
	// proj_legacy Legacy archived: true
	// proj_support Support archived: false
	// proj_research Research archived: false
	// proj_default Default project archived: false
}

// AddProject adds a project at any time; the default project's ID, like
// any ID once used, is taken.
func ExampleHandler_AddProject() {
	h := fake.NewHandler()
	p, err := h.AddProject(fake.Project{Name: "Research"})
	fmt.Println(strings.HasPrefix(p.ID, "proj_"), p.Name, err)
	_, err = h.AddProject(fake.Project{ID: fake.DefaultProjectID, Name: "Mine"})
	fmt.Println(errors.Is(err, fake.ErrProjectExists))
	// Output:
	// true Research <nil>
	// true
}
