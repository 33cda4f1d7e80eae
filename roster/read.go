// A plan that may remove members is only as safe as the reads it is made
// from: ReadOrg reads the members and the invites whole, or not at all.

package roster

import (
	"context"
	"sync"

	"github.com/goinvites/invites/client"
)

// ReadOrg reads every member and every invite (of every status) of the
// organization: the Org a [Plan] needs. The two reads run side by side, as
// the API limits the rate of each endpoint on its own. Any failed page fails
// the whole read, and no partial Org is returned: a plan made from a member
// list cut short would remove whoever the missing pages hold.
func ReadOrg(ctx context.Context, c *client.Client) (Org, error) {
	var (
		org        Org
		membersErr error
		wg         sync.WaitGroup
	)
	wg.Go(func() { org.Members, membersErr = ReadMembers(ctx, c) })
	invites, invitesErr := collect(c.Invites.All(ctx, client.AllParams{}))
	wg.Wait()
	switch {
	case membersErr != nil:
		return Org{}, membersErr
	case invitesErr != nil:
		return Org{}, invitesErr
	}
	org.Invites = invites
	return org, nil
}

// ReadMembers reads every member of the organization, or fails whole: a
// decision about who to change or remove is never made from part of the
// list.
func ReadMembers(ctx context.Context, c *client.Client) ([]client.User, error) {
	return collect(c.Users.All(ctx, client.AllUsersParams{}))
}

// collect gathers a sequence whole, or returns its first error.
func collect[T any](seq func(yield func(T, error) bool)) ([]T, error) {
	var all []T
	for v, err := range seq {
		if err != nil {
			return nil, err
		}
		all = append(all, v)
	}
	return all, nil
}
