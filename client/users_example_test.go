package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
)

// withCI seeds a service account beside grace, whom accepting her invite
// made a member.
var withCI = fake.WithMembers(fake.Member{ID: "user-ci", Name: "CI", Role: "reader", ServiceAccount: true})

func ExampleUsersService_All() {
	c := newExample(withCI)
	defer c.Close()
	for u, err := range c.Users.All(context.Background(), client.AllUsersParams{}) {
		if err != nil {
			log.Fatal(err) // a walk cut short is no list at all
		}
		fmt.Printf("%q %s managed=%t\n", u.Email, u.Role, u.Managed())
	}
	// Unordered output:
	// "grace@example.com" reader managed=false
	// "" reader managed=true
}

func ExampleUsersService_List() {
	c := newExample(withCI)
	defer c.Close()
	page, _, err := c.Users.List(context.Background(), client.UserListParams{Limit: 1})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(page.Users), page.HasMore)
	// Output: 1 true
}

func ExampleUsersService_FindByEmail() {
	c := newExample()
	defer c.Close()
	u, _, err := c.Users.FindByEmail(context.Background(), "Grace@example.com")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.Email, u.Role)
	_, _, err = c.Users.FindByEmail(context.Background(), "ada@example.com") // invited, not yet a member
	fmt.Println(errors.Is(err, client.ErrNoMatch))
	// Output:
	// grace@example.com reader
	// true
}

func ExampleUsersService_Get() {
	c := newExample(withCI)
	defer c.Close()
	u, _, err := c.Users.Get(context.Background(), "user-ci")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.Name, u.IsServiceAccount)
	// Output: CI true
}

func ExampleUsersService_SetRole() {
	c := newExample()
	defer c.Close()
	grace, _, err := c.Users.FindByEmail(context.Background(), "grace@example.com")
	if err != nil {
		log.Fatal(err)
	}
	u, _, err := c.Users.SetRole(context.Background(), grace.ID, client.RoleOwner)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.Email, u.Role)
	// Output: grace@example.com owner
}

func ExampleUsersService_Remove() {
	c := newExample()
	defer c.Close()
	grace, _, err := c.Users.FindByEmail(context.Background(), "grace@example.com")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := c.Users.Remove(context.Background(), grace.ID); err != nil {
		log.Fatal(err)
	}
	_, _, err = c.Users.Get(context.Background(), grace.ID)
	fmt.Println(errors.Is(err, client.ErrNotFound))
	// Output: true
}

func ExampleErrAlreadyMember() {
	c := newExample()
	defer c.Close()
	_, _, err := c.Invites.Create(context.Background(), client.CreateParams{Email: "grace@example.com", Role: client.RoleReader})
	fmt.Println(errors.Is(err, client.ErrAlreadyMember))
	// Output: true
}
