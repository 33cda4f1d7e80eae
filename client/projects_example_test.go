package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
)

func ExampleProjectsService_All() {
	srv, err := fake.Start("", fake.WithProjects(
		fake.Project{ID: "proj_research", Name: "Research"},
		fake.Project{ID: "proj_legacy", Name: "Legacy",
			CreatedAt: time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC), ArchivedAt: time.Date(2025, 6, 30, 17, 0, 0, 0, time.UTC)},
	))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	for p, err := range c.Projects.All(context.Background(), client.AllProjectsParams{IncludeArchived: true}) {
		if err != nil {
			log.Fatal(err) // a walk cut short is no list at all
		}
		fmt.Println(p.ID, p.Name, p.Status, p.Archived())
	}
	// Output:
	// proj_legacy Legacy archived true
	// proj_research Research active false
	// proj_default Default project active false
}

func ExampleProjectsService_List() {
	srv, err := fake.Start("", fake.WithProjects(fake.Project{ID: "proj_research", Name: "Research"}))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	page, _, err := c.Projects.List(context.Background(), client.ProjectListParams{Limit: 1})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(page.Projects[0].Name, page.HasMore, page.LastID)
	// Output: Research true proj_research
}

func ExampleProjectsService_Get() {
	srv, err := fake.Start("", fake.WithProjects(fake.Project{ID: "proj_research", Name: "Research"}))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	p, _, err := c.Projects.Get(context.Background(), "proj_research")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Name, p.Archived())
	_, _, err = c.Projects.Get(context.Background(), "proj_gone")
	fmt.Println(errors.Is(err, client.ErrNotFound))
	// Output:
	// Research false
	// true
}

func ExampleProjectsService_FindByName() {
	srv, err := fake.Start("", fake.WithProjects(
		fake.Project{ID: "proj_research", Name: "Research"},
		fake.Project{ID: "proj_support_eu", Name: "Support"},
		fake.Project{ID: "proj_support_us", Name: "Support"},
	))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	p, _, err := c.Projects.FindByName(context.Background(), "Research", false)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.ID)
	_, _, err = c.Projects.FindByName(context.Background(), "Support", false)
	var ambiguous *client.AmbiguousNameError
	if errors.As(err, &ambiguous) {
		fmt.Println(ambiguous.IDs)
	}
	_, _, err = c.Projects.FindByName(context.Background(), "Sales", false)
	fmt.Println(errors.Is(err, client.ErrNoMatch))
	// Output:
	// proj_research
	// [proj_support_us proj_support_eu]
	// true
}
