// People are known to an admin by email, not by invite ID, so get and
// delete accept an email wherever they take an ID. An email is resolved
// with one scan of the invites (the API cannot look one up), and a name
// that matches several invites is refused with their IDs rather than
// guessed at.

package invitecmd

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/rules"
)

// invitesFor reads the invites once and returns, for each of emails
// (keyed by rules.EmailKey), its invites, newest first.
func invitesFor(ctx context.Context, c *client.Client, emails []string) (map[string][]client.Invite, error) {
	found := map[string][]client.Invite{}
	for _, e := range emails {
		found[rules.EmailKey(e)] = nil
	}
	for inv, err := range c.Invites.All(ctx, client.AllParams{}) {
		if err != nil {
			return nil, err
		}
		k := rules.EmailKey(inv.Email)
		if _, wanted := found[k]; wanted {
			found[k] = append(found[k], inv)
		}
	}
	return found, nil
}

// resolveEmail picks the invite email names for a command: among its
// invites, the first group in prefer that has any must have exactly one.
func resolveEmail(email string, invites []client.Invite, prefer ...[]client.Status) (client.Invite, error) {
	if len(invites) == 0 {
		return client.Invite{}, fmt.Errorf("%w: no invite for %s", client.ErrNoMatch, email)
	}
	for _, statuses := range prefer {
		var match []client.Invite
		for _, inv := range invites {
			for _, s := range statuses {
				if inv.Status == s {
					match = append(match, inv)
				}
			}
		}
		switch len(match) {
		case 0:
			continue
		case 1:
			return match[0], nil
		}
		ids := make([]string, len(match))
		for i, inv := range match {
			ids[i] = fmt.Sprintf("%s (%s)", inv.ID, inv.Status)
		}
		return client.Invite{}, fmt.Errorf("%s matches %d invites (%s); give one by ID", email, len(match), strings.Join(ids, ", "))
	}
	return client.Invite{}, errors.New(email + "'s only invite was accepted, and an accepted invite cannot be deleted")
}

var (
	// getPrefers: a live invite (pending or accepted) over expired ones.
	getPrefers = [][]client.Status{{client.StatusPending, client.StatusAccepted}, {client.StatusExpired}}
	// deletePrefers: the pending invite, else an expired one; never an
	// accepted one, which the API refuses to delete.
	deletePrefers = [][]client.Status{{client.StatusPending}, {client.StatusExpired}}
)
