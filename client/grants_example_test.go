package client_test

import (
	"fmt"

	"github.com/goinvites/invites/client"
)

func ExampleSameGrants() {
	invite := []client.ProjectGrant{{ID: "proj_a", Role: client.ProjectRoleMember}, {ID: "proj_b", Role: client.ProjectRoleOwner}}
	wanted := []client.ProjectGrant{{ID: "proj_b", Role: client.ProjectRoleOwner}, {ID: "proj_a", Role: client.ProjectRoleMember}}
	fmt.Println(client.SameGrants(invite, wanted))
	fmt.Println(client.SameGrants(invite, wanted[:1]))
	// Output:
	// true
	// false
}
