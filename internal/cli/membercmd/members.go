// set-role and remove decide from one complete read of the members: whom an
// argument names, whether the member is managed by a provider, and whether
// the change would leave the organization with no owner. A read cut short
// is no read at all, since "not in the list" must never be taken from half
// a list.

package membercmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/roster"
)

// readMembers makes a client and reads every member with it, or fails.
func readMembers(ctx context.Context, newClient cmdutil.ClientFunc) (*client.Client, []client.User, error) {
	c, err := newClient(ctx)
	if err != nil {
		return nil, nil, err
	}
	members, err := roster.ReadMembers(ctx, c)
	return c, members, err
}

// memberNamed is the member arg names among members: by email (any case)
// when it has "@", else by ID.
func memberNamed(members []client.User, arg string) (client.User, error) {
	if m, ok := cmdutil.FindPerson(members, arg, userWho); ok {
		return m, nil
	}
	return client.User{}, fmt.Errorf("no member has the %s %s (all %d members were read)", cmdutil.PersonArgKind(arg), arg, len(members))
}

// userWho is a member's ID and email, as people are named.
func userWho(m client.User) (string, string) { return m.ID, m.Email }

// describeMember names a member for a message: its ID, and its email, else
// its name.
func describeMember(m client.User) string { return cmdutil.DescribePerson(m.ID, m.Email, m.Name) }

// roleText is a member's role for a message: the API may send none.
func roleText(r client.Role) string {
	if r == "" {
		return "no role"
	}
	return string(r)
}

// managedRefusal says who manages a managed member, and so why changing it by
// hand is refused; "" for a member an admin manages.
func managedRefusal(m client.User) string {
	switch {
	case m.IsServiceAccount:
		return "a service account, managed by its provider (the project and key it belongs to)"
	case m.IsSCIMManaged:
		return "managed through SCIM by its identity provider, which would undo the change"
	}
	return ""
}

// refuseManaged refuses a change to any managed member among targets,
// naming each and who manages it, unless force.
func refuseManaged(verb string, targets []client.User, force bool) error {
	if force {
		return nil
	}
	var errs []error
	for _, m := range targets {
		if by := managedRefusal(m); by != "" {
			errs = append(errs, fmt.Errorf("refusing to %s %s: %s; pass --force to do it anyway", verb, describeMember(m), by))
		}
	}
	if errs == nil {
		return nil
	}
	return &cmdutil.UsageError{Err: errors.Join(errs...)}
}

// leavesNoOwner reports whether removing the members in leaving (by ID),
// or taking their owner role, would leave the organization with no owner:
// roster's rule, the one sync's plan holds to.
func leavesNoOwner(members []client.User, leaving map[string]bool) bool {
	changes := make(map[string]client.Role, len(leaving))
	for id := range leaving {
		changes[id] = ""
	}
	return roster.LeavesNoOwner(members, changes)
}
