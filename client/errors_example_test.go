package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
)

func ExampleErrAlreadyInvited() {
	srv, err := fake.Start("")
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ada := client.CreateParams{Email: "ada@example.com", Role: client.RoleOwner}
	if _, _, err := c.Invites.Create(context.Background(), ada); err != nil {
		log.Fatal(err)
	}
	// ada's invite is pending: a second one is refused, as the API refuses it.
	_, _, err = c.Invites.Create(context.Background(), ada)
	fmt.Println(errors.Is(err, client.ErrAlreadyInvited), errors.Is(err, client.ErrAlreadyMember))
	// Output: true false
}
