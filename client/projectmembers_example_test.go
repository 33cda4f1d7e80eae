package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
)

func ExampleProjectMembersService_All() {
	srv, err := fake.Start("",
		fake.WithMembers(
			fake.Member{ID: "user-grace", Email: "grace@example.com", Role: "owner"},
			fake.Member{ID: "user-alan", Email: "alan@example.com", Role: "reader"},
		),
		fake.WithProjects(fake.Project{ID: "proj_research", Name: "Research"}),
		fake.WithProjectMembers(fake.ProjectMember{ProjectID: "proj_research", UserID: "user-alan", Role: "member"}),
	)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	for m, err := range c.ProjectMembers.All(context.Background(), "proj_research", client.AllProjectMembersParams{}) {
		if err != nil {
			log.Fatal(err) // a walk cut short is no list at all: decide nothing from it
		}
		fmt.Println(m.ProjectID, m.UserID, m.Email, m.Role)
	}
	// Output:
	// proj_research user-alan alan@example.com member
	// proj_research user-grace grace@example.com owner
}

func ExampleProjectMembersService_List() {
	srv, err := fake.Start("",
		fake.WithMembers(fake.Member{ID: "user-alan", Email: "alan@example.com"}),
		fake.WithProjects(fake.Project{ID: "proj_research", Name: "Research"}),
		fake.WithProjectMembers(fake.ProjectMember{ProjectID: "proj_research", UserID: "user-alan", Role: "owner"}),
	)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	page, _, err := c.ProjectMembers.List(context.Background(), "proj_research", client.ProjectMemberListParams{Limit: 10})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(page.Members), page.Members[0].UserID, page.HasMore)
	// Output: 1 user-alan false
}

func ExampleProjectMembersService_Get() {
	srv, err := fake.Start("",
		fake.WithMembers(fake.Member{ID: "user-alan", Email: "alan@example.com"}),
		fake.WithProjects(fake.Project{ID: "proj_research", Name: "Research"}),
		fake.WithProjectMembers(fake.ProjectMember{ProjectID: "proj_research", UserID: "user-alan", Role: "owner"}),
	)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	m, _, err := c.ProjectMembers.Get(context.Background(), "proj_research", "user-alan")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.Email, m.Role)
	_, _, err = c.ProjectMembers.Get(context.Background(), fake.DefaultProjectID, "user-alan")
	fmt.Println(errors.Is(err, client.ErrNotFound))
	// Output:
	// alan@example.com owner
	// true
}

func ExampleProjectMembersService_Add() {
	srv, err := fake.Start("",
		fake.WithMembers(
			fake.Member{ID: "user-alan", Email: "alan@example.com"},
			fake.Member{ID: "user-ada", Email: "ada@example.com"},
		),
		fake.WithProjects(fake.Project{ID: "proj_research", Name: "Research"}),
		fake.WithProjectMembers(fake.ProjectMember{ProjectID: "proj_research", UserID: "user-ada", Role: "member"}),
	)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// The answer to this add is lost after it was made: the client finds
	// Alan in the project and does not add him again.
	srv.FailNextAt(fake.EndpointCreateProjectUser, fake.FaultAmbiguousDrop, 1)
	m, _, err := c.ProjectMembers.Add(ctx, "proj_research", client.AddProjectMemberParams{UserID: "user-alan", Role: client.ProjectRoleOwner})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.UserID, m.Role, srv.Stats().SentTo(fake.EndpointCreateProjectUser))

	// Ada is there already: with the role asked, that is done.
	m, _, err = c.ProjectMembers.Add(ctx, "proj_research", client.AddProjectMemberParams{Email: "ada@example.com", Role: client.ProjectRoleMember})
	fmt.Println(m.UserID, m.Role, err)
	// With another role, Add says so and changes nothing (SetRole does).
	_, _, err = c.ProjectMembers.Add(ctx, "proj_research", client.AddProjectMemberParams{Email: "ada@example.com", Role: client.ProjectRoleOwner})
	var already *client.AlreadyInProjectError
	if errors.As(err, &already) {
		fmt.Println(already.Existing.Role, errors.Is(err, client.ErrAlreadyInProject))
	}

	// Only members of the organization can be added.
	_, _, err = c.ProjectMembers.Add(ctx, "proj_research", client.AddProjectMemberParams{Email: "stranger@example.com", Role: client.ProjectRoleMember})
	fmt.Println(errors.Is(err, client.ErrNotOrgMember))
	// Output:
	// user-alan owner 1
	// user-ada member <nil>
	// member true
	// true
}

func ExampleProjectMembersService_SetRole() {
	srv, err := fake.Start("",
		fake.WithMembers(fake.Member{ID: "user-alan", Email: "alan@example.com"}),
		fake.WithProjects(fake.Project{ID: "proj_research", Name: "Research"}),
		fake.WithProjectMembers(fake.ProjectMember{ProjectID: "proj_research", UserID: "user-alan", Role: "member"}),
	)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	// The answer is lost twice: the change is sent again, as it is the same change.
	srv.FailNextAt(fake.EndpointModifyProjectUser, fake.FaultAmbiguousError, 2)
	m, resp, err := c.ProjectMembers.SetRole(context.Background(), "proj_research", "user-alan", client.ProjectRoleOwner)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.Role, resp.Attempts)
	// Output: owner 3
}

func ExampleProjectMembersService_Remove() {
	srv, err := fake.Start("",
		fake.WithMembers(fake.Member{ID: "user-alan", Email: "alan@example.com"}),
		fake.WithProjects(fake.Project{ID: "proj_research", Name: "Research"}),
		fake.WithProjectMembers(fake.ProjectMember{ProjectID: "proj_research", UserID: "user-alan", Role: "member"}),
	)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	// The removal is made, its answer lost; sent again, the API says Alan
	// is not a member: the removal is done.
	srv.FailNextAt(fake.EndpointDeleteProjectUser, fake.FaultAmbiguousDrop, 1)
	_, err = c.ProjectMembers.Remove(context.Background(), "proj_research", "user-alan")
	fmt.Println(err, len(srv.RemovedProjectMembers("proj_research")))
	// Without a lost answer first, "not a member" is the error.
	_, err = c.ProjectMembers.Remove(context.Background(), "proj_research", "user-alan")
	fmt.Println(errors.Is(err, client.ErrNotInProject))
	// Output:
	// <nil> 1
	// true
}
