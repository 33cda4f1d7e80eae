// An admin trying the users commands offline needs members to try them on:
// fake-server --members FILE and --fake-members FILE seed them from a JSON
// file, and a new --fake state starts with a few samples. The file is read
// and checked here, once for both, with the rules the client applies.

package fakecmd

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/cmdutil"
)

// membersFileHelp is what a members file holds, for the help.
const membersFileHelp = `a JSON array of members,
each with "email", "name", "role" (owner or reader, default reader),
"service_account" and "scim_managed" (true or false), and optionally "id"
and "added_at" (RFC 3339), such as
  [{"email":"ada@example.com","name":"Ada","role":"owner"},
   {"name":"CI","service_account":true}]`

// fakeSampleMembers are the members a new --fake state starts with, beside
// those its accepted sample invites make: one of each kind the users
// commands treat apart.
var fakeSampleMembers = []fake.Member{
	{Email: "owner@example.com", Name: "Olive Owner", Role: string(client.RoleOwner)},
	{Email: "reader@example.com", Name: "Reed Reader"},
	{Name: "CI deploy", Role: string(client.RoleOwner), ServiceAccount: true},
	{Email: "sso@example.com", Name: "Sam SSO", SCIMManaged: true},
}

// readMembersFile reads the members a fake is seeded with from path; flag
// names the flag that gave it, for the error.
func readMembersFile(flag, path string) ([]fake.Member, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, cmdutil.Usagef("%s: %w", flag, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var members []fake.Member
	if err := dec.Decode(&members); err != nil {
		return nil, cmdutil.Usagef("%s %s: not a JSON array of members: %w", flag, path, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, cmdutil.Usagef("%s %s: not a JSON array of members: something follows the array", flag, path)
	}
	for i, m := range members {
		if err := checkFakeMember(m); err != nil {
			return nil, cmdutil.Usagef("%s %s: member %d: %s", flag, path, i+1, cmdutil.DescribeError(err))
		}
	}
	return members, nil
}

// checkFakeMember applies to a member from a file the rules the client
// applies to what it sends. The fake itself refuses two members with one
// email or ID.
func checkFakeMember(m fake.Member) error {
	if m.ID != "" {
		if err := client.ValidateUserID(m.ID); err != nil {
			return err
		}
	}
	if m.Email != "" {
		if err := client.ValidateEmail(m.Email); err != nil {
			return err
		}
	}
	if m.Role != "" {
		return client.ValidateRole(client.Role(m.Role))
	}
	return nil
}

// stateExists reports whether a fake's state file is there to be loaded,
// in which case the fake seeds nothing.
func stateExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// notSeeded is the note for a members file that a fake did not use: members
// seed a new state only, as invites do, so that a member removed stays
// removed.
func notSeeded(flag, state string) string {
	return fmt.Sprintf("(%s not used: %s already holds a state, whose members are kept; remove it to seed a new one)", flag, state)
}
