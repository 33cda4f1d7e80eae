// A plan that may remove members is only as safe as the reads it is made
// from: ReadOrg reads the members and the invites whole, or not at all.

package roster

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/goinvites/invites/client"
)

// ErrInvalidArgument is matched by the error of a call given a nil context
// or no client made by [client.New] (nil, or a zero Client): nothing was
// read or sent.
var ErrInvalidArgument = errors.New("roster: invalid argument")

// checkCall refuses, before anything starts, the arguments that would
// make a read or a worker panic in a goroutine no caller can recover.
func checkCall(ctx context.Context, c *client.Client) error {
	switch {
	case ctx == nil:
		return fmt.Errorf("%w: nil context (use context.Background())", ErrInvalidArgument)
	case c == nil || c.Invites == nil || c.Users == nil:
		return fmt.Errorf("%w: no client (make one with client.New)", ErrInvalidArgument)
	}
	return nil
}

// ReadOrg reads every member and every invite (of every status) of the
// organization: the Org a [Plan] needs. The two reads run side by side, as
// the API limits the rate of each endpoint on its own. Any failed page fails
// the whole read, and no partial Org is returned: a plan made from a member
// list cut short would remove whoever the missing pages hold. The first
// read to fail stops the other, and its error is the one returned.
func ReadOrg(ctx context.Context, c *client.Client) (Org, error) {
	if err := checkCall(ctx, c); err != nil {
		return Org{}, err
	}
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	var (
		first error
		once  sync.Once
	)
	fail := func(err error) {
		once.Do(func() { first = err; stop() })
	}
	var (
		members []client.User
		wg      sync.WaitGroup
	)
	wg.Go(func() {
		var err error
		if members, err = ReadMembers(ctx, c); err != nil {
			fail(err)
		}
	})
	invites, err := collect(c.Invites.All(ctx, client.AllParams{}))
	if err != nil {
		fail(err)
	}
	wg.Wait()
	if first != nil {
		return Org{}, first
	}
	return Org{Members: members, Invites: invites}, nil
}

// ReadMembers reads every member of the organization, or fails whole: a
// decision about who to change or remove is never made from part of the
// list.
func ReadMembers(ctx context.Context, c *client.Client) ([]client.User, error) {
	if err := checkCall(ctx, c); err != nil {
		return nil, err
	}
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
