// Removing a member cannot be undone, so the checks that keep a plan from
// removing the wrong people live together here, where they can be read and
// tested as one set of guard rails (how many such writes a plan may make is
// in planlimits.go).

package roster

import (
	"fmt"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/rules"
	"github.com/goinvites/invites/rosterfile"
)

// trimmedKey is what a plan compares emails by: [rules.EmailKey], the one
// key of an address, of the email without surrounding white space. A plan
// meets emails as other systems wrote them (a Go caller's entries, the
// API's members and invites), which may pad them, where a roster file's
// are trimmed as they are read.
func trimmedKey(email string) string { return rules.EmailKey(strings.TrimSpace(email)) }

// lookalikes maps each entry's [rules.VisibleKey] to its email, for the
// removal guard: a member whose address differs from a roster email only by
// spaces, invisible characters or compatibility forms is never removed
// for it.
func lookalikes(entries []rosterfile.Entry) map[string]string {
	out := make(map[string]string, len(entries))
	for _, e := range entries {
		out[rules.VisibleKey(e.Email)] = e.Email
	}
	return out
}

// LeavesNoOwner reports whether changes take the organization's last owner
// away: members hold an owner, and none is left once each member changes
// gets the role it maps to ("" for a removal). Service accounts do not
// count as owners: no one can sign in as one to manage the organization.
// Plan holds what would; the CLI's users commands refuse it.
func LeavesNoOwner(members []client.User, changes map[string]client.Role) bool {
	var owners []string
	after := map[string]bool{}
	for _, m := range members {
		if m.IsServiceAccount {
			continue
		}
		if m.Role == client.RoleOwner {
			owners = append(owners, m.ID)
		}
		if role, changed := changes[m.ID]; changed {
			after[m.ID] = role == client.RoleOwner
		}
	}
	return ownerless(owners, after)
}

// ownerless is the one rule of the owner guards, of the organization and
// of each project: something owned (owners, the IDs that own it now) is
// left with no owner when every owner is changed to not owning (after maps
// each ID changed to whether it owns once changed) and no one changed is
// made an owner.
func ownerless(owners []string, after map[string]bool) bool {
	for _, owns := range after {
		if owns {
			return false
		}
	}
	for _, id := range owners {
		if _, changed := after[id]; !changed {
			return false
		}
	}
	return len(owners) > 0
}

// holdOwnerless turns into Held every demotion and removal of an owner when
// together the plan's writes would leave the organization with no owner.
func holdOwnerless(members []client.User, actions []Action) []Action {
	changes := map[string]client.Role{}
	for _, a := range actions {
		switch {
		case a.Member == nil:
		case a.Kind == Remove:
			changes[a.Member.ID] = ""
		case a.Kind == SetRole:
			changes[a.Member.ID] = a.Entry.Role
		}
	}
	if !LeavesNoOwner(members, changes) {
		return actions
	}
	for i, a := range actions {
		if a.Member != nil && a.Member.Role == client.RoleOwner && (a.Kind == Remove || a.Kind == SetRole) {
			actions[i].Kind = Held
			actions[i].Reason = fmt.Sprintf("would leave the organization without an owner (%s)", a.Reason)
		}
	}
	return actions
}
