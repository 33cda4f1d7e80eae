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
// to case and after Unicode NFC normalization), the newest if there are
// several. It pages through invites until it finds one; with none, the error matches ErrNoMatch (not ErrNotFound:
// no request answered 404). The Response is the last page's.
func (s *InvitesService) FindByEmail(ctx context.Context, email string, opts ...CallOption) (*Invite, *Response, error) {
	if err := ValidateEmail(email); err != nil {
		return nil, nil, err
	}
	ctx, call, cancel, err := startCall(ctx, opts)
	defer cancel()
	if err != nil {
		return nil, nil, err
	}
	return s.findByEmail(ctx, call, email)
}

func (s *InvitesService) findByEmail(ctx context.Context, call *callConfig, email string) (*Invite, *Response, error) {
	resp := &Response{}
	for inv, err := range s.all(ctx, call, AllParams{Status: StatusPending}, resp) {
		if err != nil {
			return nil, resp, err
		}
		if rules.SameEmail(inv.Email, email) {
			return &inv, resp, nil
		}
	}
	return nil, resp, fmt.Errorf("%w: no pending invite for %s", ErrNoMatch, email)
}

// Ensure makes sure a pending invite matching p exists: Ensured holds the
// one that does (EnsureExisting) or the one it created (EnsureCreated). A
// pending invite for the email with another role, or other projects when
// p.Projects is not nil, is not replaced: the error is a *MismatchError
// holding it. With nil Projects (the default project, whose ID the client
// cannot know) only the role is compared. The Response is that of the last
// request Ensure made: the create, or the look-up's last page.
func (s *InvitesService) Ensure(ctx context.Context, p CreateParams, opts ...CallOption) (*Ensured, *Response, error) {
	if err := validateCreate(p); err != nil {
		return nil, nil, err
	}
	ctx, call, cancel, err := startCall(ctx, opts)
	defer cancel()
	if err != nil {
		return nil, nil, err
	}
	existing, resp, err := s.findByEmail(ctx, call, p.Email)
	switch {
	case err == nil:
		return compareExisting(existing, resp, p)
	case !errors.Is(err, ErrNoMatch):
		return nil, resp, err
	}
	inv, resp, err := s.create(ctx, call, p)
	if err == nil {
		return &Ensured{Invite: *inv, Outcome: EnsureCreated}, resp, nil
	}
	// Someone else invited the address since the look-up.
	if errors.Is(err, ErrConflict) || errors.Is(err, ErrInvalidRequest) {
		if existing, fresp, ferr := s.findByEmail(ctx, call, p.Email); ferr == nil {
			return compareExisting(existing, fresp, p)
		}
	}
	return nil, resp, err
}

// compareExisting is what Ensure returns for the pending invite it found:
// it, or a *MismatchError naming what differs from p.
func compareExisting(inv *Invite, resp *Response, p CreateParams) (*Ensured, *Response, error) {
	var fields []string
	if inv.Role != p.Role {
		fields = append(fields, "role")
	}
	if p.Projects != nil && !SameGrants(inv.Projects, p.Projects) {
		fields = append(fields, "projects")
	}
	if fields != nil {
		return nil, resp, &MismatchError{Existing: *inv, Wanted: p, Fields: fields}
	}
	return &Ensured{Invite: *inv, Outcome: EnsureExisting}, resp, nil
}
