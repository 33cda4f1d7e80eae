// Exporting the organization as a roster gives an admin a file to start
// from that already holds: planned against the same organization, it asks
// nothing.

package roster

import (
	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/rosterfile"
)

// FromOrg returns the roster org already satisfies: one entry per member
// with an email and a role a roster can hold (owner or reader), with no
// projects (a member's are not shown by the API), then one entry per email
// with a pending invite and no member, with the role and projects of the
// newest pending invite ([InviteProjects]: nil, the organization's default,
// for an invite that shows none, so that an invite made again from the
// entry grants what it did), in the order the invites come. Managed members
// are listed like any other: a roster that names them changes nothing.
// Plan(FromOrg(org), org, opts) has no action but Keep, the Revokes of
// second pending invites and of pending invites to members, and Unlisted
// or Managed for members FromOrg cannot list.
func FromOrg(org Org) []rosterfile.Entry {
	var entries []rosterfile.Entry
	seen := map[string]bool{}
	for _, m := range org.Members {
		k := trimmedKey(m.Email)
		if m.Email == "" || seen[k] || (m.Role != client.RoleOwner && m.Role != client.RoleReader) {
			continue
		}
		seen[k] = true
		entries = append(entries, rosterfile.Entry{Email: m.Email, Role: m.Role})
	}
	for _, inv := range org.Invites {
		k := trimmedKey(inv.Email)
		if inv.Status != client.StatusPending || seen[k] {
			continue
		}
		seen[k] = true
		entries = append(entries, rosterfile.Entry{Email: inv.Email, Role: inv.Role, Projects: InviteProjects(inv.Projects)})
	}
	return entries
}
