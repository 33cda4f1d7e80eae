package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
)

// Each example runs against the project's fake Admin API (package fake),
// started inline, so that its output is checked and it can be copied as it
// is; a program's own tests can do the same. In real use, client.New()
// reads OPENAI_ADMIN_KEY and needs no options.

func ExampleInvitesService_Create() {
	srv, err := fake.Start("")
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	inv, _, err := c.Invites.Create(context.Background(), client.CreateParams{
		Email: "alan@example.com",
		Role:  client.RoleReader,
		// nil: the default project; []client.ProjectGrant{}: no project at all.
		Projects: []client.ProjectGrant{{ID: "proj_1", Role: client.ProjectRoleOwner}},
	})
	var unknown *client.OutcomeUnknownError
	switch {
	case errors.As(err, &unknown):
		// A request was sent and its outcome could not be learned: do not
		// create again blindly; Ensure the invite later, which looks first.
		log.Fatalf("ensure %s later: %v", unknown.Email, err)
	case err != nil:
		log.Fatal(err)
	}
	fmt.Println(inv.Email, inv.Status, inv.Projects)
	// Output: alan@example.com pending [{proj_1 owner}]
}

func ExampleInvitesService_Get() {
	srv, err := fake.Start("")
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	created, _, err := c.Invites.Create(ctx, client.CreateParams{Email: "ada@example.com", Role: client.RoleOwner})
	if err != nil {
		log.Fatal(err)
	}

	inv, resp, err := c.Invites.Get(ctx, created.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inv.Email, inv.Role, inv.Status)
	fmt.Println("accepted:", !inv.AcceptedAt.IsZero(), "request ID given:", resp.RequestID != "")
	// Output:
	// ada@example.com owner pending
	// accepted: false request ID given: true
}

func ExampleInvitesService_List() {
	srv, err := fake.Start("")
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for _, email := range []string{"grace@example.com", "ada@example.com", "linus@example.com"} {
		if _, _, err := c.Invites.Create(ctx, client.CreateParams{Email: email, Role: client.RoleReader}); err != nil {
			log.Fatal(err)
		}
	}

	page, _, err := c.Invites.List(ctx, client.ListParams{Limit: 2})
	if err != nil {
		log.Fatal(err) // a page that cannot be part of a complete read is an error too
	}
	for _, inv := range page.Invites {
		fmt.Println(inv.Email)
	}
	next, _, err := c.Invites.List(ctx, client.ListParams{Limit: 2, After: page.LastID})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(next.Invites[0].Email, "more:", next.HasMore)
	// Output:
	// linus@example.com
	// ada@example.com
	// grace@example.com more: false
}

func ExampleInvitesService_All() {
	srv, err := fake.Start("")
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for _, email := range []string{"grace@example.com", "ada@example.com", "linus@example.com"} {
		if _, _, err := c.Invites.Create(ctx, client.CreateParams{Email: email, Role: client.RoleReader}); err != nil {
			log.Fatal(err)
		}
	}

	var pending []string
	for inv, err := range c.Invites.All(ctx, client.AllParams{Status: client.StatusPending, Limit: 2}) {
		if err != nil {
			// A walk cut short is no list at all: the invites so far are
			// not all of them (an *IncompleteReadError says which page).
			log.Fatal(err)
		}
		pending = append(pending, inv.Email)
	}
	fmt.Println(pending)
	// Output: [linus@example.com ada@example.com grace@example.com]
}

func ExampleInvitesService_Delete() {
	srv, err := fake.Start("")
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	ada, _, err := c.Invites.Create(ctx, client.CreateParams{Email: "ada@example.com", Role: client.RoleReader})
	if err != nil {
		log.Fatal(err)
	}
	grace, _, err := c.Invites.Create(ctx, client.CreateParams{Email: "grace@example.com", Role: client.RoleReader})
	if err != nil {
		log.Fatal(err)
	}
	if err := srv.Accept(grace.ID); err != nil { // grace joins: her invite is accepted
		log.Fatal(err)
	}

	if _, err := c.Invites.Delete(ctx, ada.ID); err != nil {
		log.Fatal(err)
	}
	_, err = c.Invites.Delete(ctx, grace.ID) // an accepted invite cannot be deleted
	var apiErr *client.APIError
	fmt.Println(errors.Is(err, client.ErrInvalidRequest), errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest)
	// Output: true true
}

func ExampleInvitesService_FindByEmail() {
	srv, err := fake.Start("")
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	if _, _, err := c.Invites.Create(ctx, client.CreateParams{Email: "ada@example.com", Role: client.RoleOwner}); err != nil {
		log.Fatal(err)
	}

	inv, _, err := c.Invites.FindByEmail(ctx, "ADA@example.com") // any case
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inv.Email, inv.Role)
	_, _, err = c.Invites.FindByEmail(ctx, "grace@example.com")
	fmt.Println(errors.Is(err, client.ErrNoMatch))
	fmt.Println(err)
	// Output:
	// ada@example.com owner
	// true
	// client: no match: no pending invite for grace@example.com
}

func ExampleInvitesService_Ensure() {
	srv, err := fake.Start("")
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	ada := client.CreateParams{Email: "ada@example.com", Role: client.RoleOwner}

	for range 2 { // the second time, the invite is there
		got, _, err := c.Invites.Ensure(ctx, ada)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(got.Invite.Email, got.Outcome)
	}
	_, _, err = c.Invites.Ensure(ctx, client.CreateParams{Email: "ada@example.com", Role: client.RoleReader})
	var mismatch *client.MismatchError
	if errors.As(err, &mismatch) {
		fmt.Println(mismatch.Existing.Role, mismatch.Fields)
	}
	// Output:
	// ada@example.com created
	// ada@example.com existing
	// owner [role]
}
