package client_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/goinvites/invites/client"
)

func ExampleErrAlreadyInvited() {
	c := newExample()
	defer c.Close()
	// ada's invite is pending: a second one is refused, as the API refuses it.
	_, _, err := c.Invites.Create(context.Background(), client.CreateParams{Email: "ada@example.com", Role: client.RoleOwner})
	fmt.Println(errors.Is(err, client.ErrAlreadyInvited), errors.Is(err, client.ErrAlreadyMember))
	// Output: true false
}
