package client_test

import (
	"fmt"

	"github.com/goinvites/invites/client"
)

func ExampleValidateEmail() {
	for _, email := range []string{"ada@example.com", "ada@localhost", `"ada lovelace"@example.com`} {
		fmt.Println(client.ValidateEmail(email))
	}
	// Output:
	// <nil>
	// invalid email "ada@localhost": the domain needs a dot (a fully-qualified name such as example.com)
	// invalid email "\"ada lovelace\"@example.com": '"' before the @ would need quoting, which is not accepted
}

func ExampleParseRole() {
	role, err := client.ParseRole(" Owner ")
	fmt.Println(role, err)
	_, err = client.ParseRole("admin")
	fmt.Println(err)
	// Output:
	// owner <nil>
	// invalid role "admin": must be "reader" or "owner"
}

func ExampleValidateRole() {
	fmt.Println(client.ValidateRole(client.RoleOwner))
	fmt.Println(client.ValidateRole("Owner")) // ParseRole accepts this one
	// Output:
	// <nil>
	// invalid role "Owner": must be "reader" or "owner"
}

func ExampleValidateInviteID() {
	fmt.Println(client.ValidateInviteID("invite-abc"))
	fmt.Println(client.ValidateInviteID(".."))
	// Output:
	// <nil>
	// invalid id "..": a dot segment, which would address another path
}

func ExampleValidateUserID() {
	fmt.Println(client.ValidateUserID("user-abc"))
	fmt.Println(client.ValidateUserID(""))
	// Output:
	// <nil>
	// id is empty
}

func ExampleValidateProjectID() {
	fmt.Println(client.ValidateProjectID("proj_abc"))
	fmt.Println(client.ValidateProjectID(".."))
	// Output:
	// <nil>
	// invalid project_id "..": a dot segment, which would address another path
}

func ExampleValidateProjectRole() {
	fmt.Println(client.ValidateProjectRole(client.ProjectRoleOwner))
	fmt.Println(client.ValidateProjectRole("reader")) // an organization's role
	// Output:
	// <nil>
	// invalid role "reader": must be "member" or "owner"
}

func ExampleParseProjectRole() {
	role, err := client.ParseProjectRole(" Member ")
	fmt.Println(role, err)
	// Output: member <nil>
}
