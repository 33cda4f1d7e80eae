// lookup.go answers "is this address already invited?", the question behind
// every bulk onboarding, with as few requests as the rate limit demands.

package client

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// FindByEmail returns the pending invite for email (compared without regard
// to case), the newest if there are several. It pages through invites until
// it finds one; with none, the error matches ErrNotFound.
func (c *Client) FindByEmail(ctx context.Context, email string) (*Invite, error) {
	if err := validateEmail(email); err != nil {
		return nil, err
	}
	for inv, err := range c.All(ctx, AllParams{Status: StatusPending}) {
		if err != nil {
			return nil, err
		}
		if strings.EqualFold(inv.Email, email) {
			return &inv, nil
		}
	}
	return nil, fmt.Errorf("%w: no pending invite for %s", ErrNotFound, email)
}

// Ensure makes sure a pending invite matching p exists: it returns the one
// that does (EnsureExisting) or creates it (EnsureCreated). A pending invite
// for the email with another role, or other projects when p.Projects is not
// nil, is not replaced: the error is a *MismatchError holding it. With nil
// Projects (the default project, whose ID the client cannot know) only the
// role is compared.
func (c *Client) Ensure(ctx context.Context, p CreateParams) (*Invite, EnsureOutcome, error) {
	if err := validateCreate(p); err != nil {
		return nil, 0, err
	}
	existing, err := c.FindByEmail(ctx, p.Email)
	switch {
	case err == nil:
		return matching(existing, p)
	case !errors.Is(err, ErrNotFound):
		return nil, 0, err
	}
	inv, _, err := c.Create(ctx, p)
	if err == nil {
		return inv, EnsureCreated, nil
	}
	// Someone else invited the address since the look-up.
	if errors.Is(err, ErrConflict) || errors.Is(err, ErrInvalidRequest) {
		if existing, ferr := c.FindByEmail(ctx, p.Email); ferr == nil {
			return matching(existing, p)
		}
	}
	return nil, 0, err
}

func matching(inv *Invite, p CreateParams) (*Invite, EnsureOutcome, error) {
	var fields []string
	if inv.Role != p.Role {
		fields = append(fields, "role")
	}
	if p.Projects != nil && !SameGrants(inv.Projects, p.Projects) {
		fields = append(fields, "projects")
	}
	if fields != nil {
		return nil, 0, &MismatchError{Existing: *inv, Wanted: p, Fields: fields}
	}
	return inv, EnsureExisting, nil
}
