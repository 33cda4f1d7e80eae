// Exporting the organization as a roster gives an admin a file to start
// from that already holds: planned against the same organization, it asks
// nothing.

package roster

import (
	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/rosterfile"
)

// FromOrg returns the roster org already satisfies: one entry per member
// with an email and a role a roster can hold (owner or reader), then one
// entry per email with a pending invite and no member, with the role and
// exact projects of the newest pending invite, in the order the invites
// come. Managed members are listed like any other: a roster that names
// them changes nothing.
//
// A member's projects are those org holds the members of
// (Org.ProjectMembers): their memberships there, in the order of
// Org.Projects, or none; left empty when org holds no project's members,
// and for an owner of the organization, who owns every project by that
// role. Plan(FromOrg(org), org, opts) has no action but Keep, the Revokes of
// second pending invites and of pending invites to members, and Unlisted
// or Managed for members FromOrg cannot list.
func FromOrg(org Org) []rosterfile.Entry {
	var entries []rosterfile.Entry
	seen := map[string]bool{}
	grants := memberships(org)
	for _, m := range org.Members {
		k := trimmedKey(m.Email)
		if m.Email == "" || seen[k] || (m.Role != client.RoleOwner && m.Role != client.RoleReader) {
			continue
		}
		seen[k] = true
		e := rosterfile.Entry{Email: m.Email, Role: m.Role}
		if org.ProjectMembers != nil && m.Role != client.RoleOwner {
			e.Projects = append([]client.ProjectGrant{}, grants[m.ID]...)
		}
		entries = append(entries, e)
	}
	for _, inv := range org.Invites {
		k := trimmedKey(inv.Email)
		if inv.Status != client.StatusPending || seen[k] {
			continue
		}
		seen[k] = true
		entries = append(entries, rosterfile.Entry{Email: inv.Email, Role: inv.Role, Projects: nonNil(inv.Projects)})
	}
	return entries
}

// memberships are each member's grants in the projects whose members org
// holds, by user ID, in the order of org.Projects.
func memberships(org Org) map[string][]client.ProjectGrant {
	out := map[string][]client.ProjectGrant{}
	for _, p := range org.Projects {
		for _, pm := range org.ProjectMembers[p.ID] {
			out[pm.UserID] = append(out[pm.UserID], client.ProjectGrant{ID: p.ID, Role: pm.Role})
		}
	}
	return out
}
