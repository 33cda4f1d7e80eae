// Exporting the invites as a roster gives an admin a file to start from
// that already holds: planned against the same invites, it asks nothing.

package roster

import (
	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/rules"
)

// FromInvites returns the roster the invites already satisfy: one entry per
// email with a pending or accepted invite, in the order the invites come,
// with the role and exact projects of the invite a plan judges the email by
// (the newest pending one, else the newest accepted one). Emails with only
// expired invites are left out. Plan(FromInvites(invs), invs, opts) has no
// action but Keep, and Revokes of second pending invites to one email.
func FromInvites(invites []client.Invite) []Entry {
	var entries []Entry
	seen := map[string]int{} // rules.EmailKey -> index in entries
	judged := map[string]client.Status{}
	for _, inv := range invites {
		if inv.Status != client.StatusPending && inv.Status != client.StatusAccepted {
			continue
		}
		k := rules.EmailKey(inv.Email)
		e := Entry{Email: inv.Email, Role: inv.Role, Projects: nonNil(inv.Projects)}
		i, ok := seen[k]
		switch {
		case !ok:
			seen[k], judged[k] = len(entries), inv.Status
			entries = append(entries, e)
		case judged[k] == client.StatusAccepted && inv.Status == client.StatusPending:
			entries[i], judged[k] = e, inv.Status
		}
	}
	return entries
}
