// lookup.go answers "is this address already invited?", the question behind
// every bulk onboarding, with as few requests as the rate limit demands.

package client

import (
	"context"
	"errors"
	"fmt"

	"github.com/goinvites/invites/internal/rules"
)

// FindByEmail returns the pending invite for email (compared without regard
// to case and after Unicode NFC normalization), the newest if there are several. It pages through invites until
// it finds one; with none, the error matches ErrNotFound. The Response is
// the last page's.
func (c *Client) FindByEmail(ctx context.Context, email string, opts ...CallOption) (*Invite, *Response, error) {
	if err := ValidateEmail(email); err != nil {
		return nil, nil, err
	}
	ctx, call, cancel, err := startCall(ctx, opts)
	defer cancel()
	if err != nil {
		return nil, nil, err
	}
	return c.findByEmail(ctx, call, email)
}

func (c *Client) findByEmail(ctx context.Context, call *callConfig, email string) (*Invite, *Response, error) {
	resp := &Response{}
	for inv, err := range c.all(ctx, call, AllParams{Status: StatusPending}, resp) {
		if err != nil {
			return nil, resp, err
		}
		if rules.SameEmail(inv.Email, email) {
			return &inv, resp, nil
		}
	}
	return nil, resp, fmt.Errorf("%w: no pending invite for %s", ErrNotFound, email)
}

// Ensure makes sure a pending invite matching p exists: it returns the one
// that does (EnsureExisting) or creates it (EnsureCreated). A pending invite
// for the email with another role, or other projects when p.Projects is not
// nil, is not replaced: the error is a *MismatchError holding it. With nil
// Projects (the default project, whose ID the client cannot know) only the
// role is compared. The Response is that of the last request Ensure made:
// the create, or the look-up's last page.
func (c *Client) Ensure(ctx context.Context, p CreateParams, opts ...CallOption) (*Invite, EnsureOutcome, *Response, error) {
	if err := validateCreate(p); err != nil {
		return nil, 0, nil, err
	}
	ctx, call, cancel, err := startCall(ctx, opts)
	defer cancel()
	if err != nil {
		return nil, 0, nil, err
	}
	existing, resp, err := c.findByEmail(ctx, call, p.Email)
	switch {
	case err == nil:
		return matching(existing, resp, p)
	case !errors.Is(err, ErrNotFound):
		return nil, 0, resp, err
	}
	inv, resp, err := c.create(ctx, call, p)
	if err == nil {
		return inv, EnsureCreated, resp, nil
	}
	// Someone else invited the address since the look-up.
	if errors.Is(err, ErrConflict) || errors.Is(err, ErrInvalidRequest) {
		if existing, fresp, ferr := c.findByEmail(ctx, call, p.Email); ferr == nil {
			return matching(existing, fresp, p)
		}
	}
	return nil, 0, resp, err
}

func matching(inv *Invite, resp *Response, p CreateParams) (*Invite, EnsureOutcome, *Response, error) {
	var fields []string
	if inv.Role != p.Role {
		fields = append(fields, "role")
	}
	if p.Projects != nil && !SameGrants(inv.Projects, p.Projects) {
		fields = append(fields, "projects")
	}
	if fields != nil {
		return nil, 0, resp, &MismatchError{Existing: *inv, Wanted: p, Fields: fields}
	}
	return inv, EnsureExisting, resp, nil
}
