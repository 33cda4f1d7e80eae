package roster_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
)

// A sync over project access: read the projects, resolve the names the
// roster writes, plan, apply; the second run finds nothing to do.
func ExampleReadOrgWith() {
	// A fake Admin API stands in for OpenAI's; a real program would call
	// client.New() with OPENAI_ADMIN_KEY set.
	srv, err := fake.Start("127.0.0.1:0",
		fake.WithMembers(fake.Member{ID: "user-boss", Email: "boss@example.com", Role: "owner"},
			fake.Member{ID: "user-ada", Email: "ada@example.com", Role: "reader"}),
		fake.WithProjects(fake.Project{ID: "proj_research", Name: "Research"}, fake.Project{ID: "proj_support", Name: "Support"}),
		fake.WithProjectMembers(fake.ProjectMember{ProjectID: "proj_research", UserID: "user-ada", Role: "member"}))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	file, err := rosterfile.Read(strings.NewReader("email,role,projects\nboss@example.com,owner,\nada@example.com,reader,Support:owner\ngrace@example.com,reader,Research:member\n"))
	if err != nil {
		log.Fatal(err)
	}
	for run := 1; run <= 2; run++ {
		// The members, the invites, every project, and the members of the
		// projects the roster names, read side by side, whole or not at all.
		org, err := roster.ReadOrgWith(ctx, c, roster.ReadOrgOptions{Projects: true, Manage: roster.ManagedProjects(file.Entries(), roster.ScopeNamed)})
		if err != nil {
			log.Fatal(err)
		}
		entries, err := roster.ResolveProjects(file.Entries(), org.Projects) // "Support" is proj_support
		if err != nil {
			log.Fatal(err)
		}
		limits := roster.Limits{MaxProjectRemovals: 1}
		for r := range roster.Apply(ctx, c, roster.Plan(entries, org, roster.PlanOptions{}), roster.ApplyOptions{Limits: limits}) {
			if r.Action.Kind.Writes() {
				fmt.Printf("run %d: %s %s: %s\n", run, r.Action.Email, r.Outcome(), r.Action.Reason)
			}
		}
	}
	// Output:
	// run 1: ada@example.com done: project "Support" (proj_support): not a member -> owner
	// run 1: ada@example.com done: project "Research" (proj_research): member -> not a member (the roster's projects do not name it)
	// run 1: grace@example.com done: no member, no pending invite
}

func ExamplePlan_projects() {
	entries := []rosterfile.Entry{
		{Email: "ada@example.com", Projects: []client.ProjectGrant{{ID: "proj_a", Role: client.ProjectRoleOwner}}},
		{Email: "grace@example.com", Projects: []client.ProjectGrant{}}, // none
		{Email: "alan@example.com"}, // an empty cell: left alone
	}
	org := roster.Org{ // as ReadOrgWith returns it
		Members: []client.User{
			{ID: "user-1", Email: "ada@example.com", Role: client.RoleReader},
			{ID: "user-2", Email: "grace@example.com", Role: client.RoleReader},
			{ID: "user-3", Email: "alan@example.com", Role: client.RoleReader},
		},
		Projects: []client.Project{{ID: "proj_a", Name: "Research"}, {ID: "proj_b", Name: "Sandbox"}},
		ProjectMembers: map[string][]client.ProjectMember{
			"proj_a": {{ProjectID: "proj_a", UserID: "user-2", Role: client.ProjectRoleOwner}, {ProjectID: "proj_a", UserID: "user-3", Role: client.ProjectRoleMember}},
		},
	}
	for _, a := range roster.Plan(entries, org, roster.PlanOptions{}) {
		if a.Project != nil {
			fmt.Printf("%-20s %-17s %s\n", a.Kind, a.Email, a.Reason)
		}
	}
	// Output:
	// add-to-project       ada@example.com   project "Research" (proj_a): not a member -> owner
	// remove-from-project  grace@example.com project "Research" (proj_a): owner -> not a member (the roster's projects are none)
}

func ExampleResolveProjects() {
	projects := []client.Project{ // as Org.Projects holds them
		{ID: "proj_a", Name: "Research"},
		{ID: "proj_b", Name: "Support"}, {ID: "proj_c", Name: "Support"},
	}
	entries := []rosterfile.Entry{{Email: "ada@example.com", Projects: []client.ProjectGrant{{ID: "Research", Role: client.ProjectRoleMember}}}}
	resolved, err := roster.ResolveProjects(entries, projects)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rosterfile.FormatProjects(resolved[0].Projects))

	entries = append(entries, rosterfile.Entry{Email: "alan@example.com", Projects: []client.ProjectGrant{{ID: "Support", Role: client.ProjectRoleMember}}})
	_, err = roster.ResolveProjects(entries, projects)
	fmt.Println(err, errors.Is(err, roster.ErrAmbiguousProject))
	// Output:
	// proj_a:member
	// entry 2 (alan@example.com): project "Support": 2 active projects have this name (proj_b, proj_c); write the ID true
}

func ExampleResolveProjectRows() {
	file, err := rosterfile.Read(strings.NewReader("email,projects\nada@example.com,Research:member\nalan@example.com,Reserch:member\n"))
	if err != nil {
		log.Fatal(err)
	}
	projects := []client.Project{{ID: "proj_a", Name: "Research"}}
	for _, r := range roster.ResolveProjectRows(file.Rows, projects) {
		if !r.Valid() {
			fmt.Printf("line %d: %s\n", r.Line, r.Problem())
			continue
		}
		fmt.Printf("line %d: %s\n", r.Line, rosterfile.FormatProjects(r.Projects))
	}
	// Output:
	// line 2: proj_a:member
	// line 3: project "Reserch": no project has this ID or name
}

func ExampleParseProjectScope() {
	scope, err := roster.ParseProjectScope("all") // a --manage-projects flag
	if err != nil {
		log.Fatal(err)
	}
	manage := roster.ManagedProjects(nil, scope)
	fmt.Println(scope, manage(client.Project{ID: "proj_x"}))
	fmt.Println(roster.ScopeNamed, roster.ManagedProjects(nil, roster.ScopeNamed)(client.Project{ID: "proj_x"}))
	// Output:
	// all true
	// named false
}
