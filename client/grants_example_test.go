package client_test

import (
	"fmt"

	"github.com/goinvites/invites/client"
)

func ExampleSameGrants() {
	invite := []client.ProjectGrant{{ID: "proj_a", Role: client.ProjectMember}, {ID: "proj_b", Role: client.ProjectOwner}}
	wanted := []client.ProjectGrant{{ID: "proj_b", Role: client.ProjectOwner}, {ID: "proj_a", Role: client.ProjectMember}}
	fmt.Println(client.SameGrants(invite, wanted))
	fmt.Println(client.SameGrants(invite, wanted[:1]))
	// Output:
	// true
	// false
}
