package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
)

func ExampleUsersService_All() {
	srv, err := fake.Start("", fake.WithMembers(
		fake.Member{ID: "user-grace", Email: "grace@example.com", Role: "owner"},
		fake.Member{ID: "user-ci", Name: "CI", ServiceAccount: true},
	))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	for u, err := range c.Users.All(context.Background(), client.AllUsersParams{}) {
		if err != nil {
			log.Fatal(err) // a walk cut short is no list at all
		}
		fmt.Printf("%s %q %s managed=%t\n", u.ID, u.Email, u.Role, u.Managed())
	}
	// Output:
	// user-ci "" reader managed=true
	// user-grace "grace@example.com" owner managed=false
}

func ExampleUsersService_List() {
	srv, err := fake.Start("", fake.WithMembers(
		fake.Member{ID: "user-grace", Email: "grace@example.com"},
		fake.Member{ID: "user-alan", Email: "alan@example.com"},
	))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	page, _, err := c.Users.List(context.Background(), client.UserListParams{Limit: 1})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(page.Users[0].Email, page.HasMore, page.LastID)
	// Output: alan@example.com true user-alan
}

func ExampleUsersService_FindByEmail() {
	srv, err := fake.Start("", fake.WithMembers(fake.Member{ID: "user-grace", Email: "grace@example.com"}))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	u, _, err := c.Users.FindByEmail(context.Background(), "Grace@example.com")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.ID, u.Role)
	_, _, err = c.Users.FindByEmail(context.Background(), "ada@example.com")
	fmt.Println(errors.Is(err, client.ErrNoMatch))
	// Output:
	// user-grace reader
	// true
}

func ExampleUsersService_Get() {
	srv, err := fake.Start("", fake.WithMembers(fake.Member{ID: "user-ci", Name: "CI", ServiceAccount: true}))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	u, _, err := c.Users.Get(context.Background(), "user-ci")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.Name, u.IsServiceAccount)
	// Output: CI true
}

func ExampleUsersService_SetRole() {
	srv, err := fake.Start("", fake.WithMembers(fake.Member{ID: "user-grace", Email: "grace@example.com"}))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	u, _, err := c.Users.SetRole(context.Background(), "user-grace", client.RoleOwner)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.Email, u.Role)
	// Output: grace@example.com owner
}

func ExampleUsersService_Remove() {
	srv, err := fake.Start("", fake.WithMembers(fake.Member{ID: "user-grace", Email: "grace@example.com"}))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	if _, err := c.Users.Remove(ctx, "user-grace"); err != nil {
		log.Fatal(err)
	}
	_, _, err = c.Users.Get(ctx, "user-grace")
	fmt.Println(errors.Is(err, client.ErrNotFound))
	// Output: true
}

func ExampleErrAlreadyMember() {
	srv, err := fake.Start("", fake.WithMembers(fake.Member{ID: "user-grace", Email: "grace@example.com"}))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	_, _, err = c.Invites.Create(context.Background(), client.CreateParams{Email: "grace@example.com", Role: client.RoleReader})
	fmt.Println(errors.Is(err, client.ErrAlreadyMember))
	// Output: true
}
