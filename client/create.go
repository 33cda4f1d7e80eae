// create.go makes sure a create is applied at most once. The API has no
// idempotency keys, so after an attempt that may have reached the server,
// the only safe way to know whether it created the invite is to look.

package client

import (
	"context"
	"net/http"
	"time"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/internal/rules"
)

// clockSkew allows for the server's clock running behind ours when asking
// whether an invite was created since an attempt began.
const clockSkew = 2 * time.Second

// Create invites a user to the organization. See CreateParams for what a
// nil and an empty Projects mean.
//
// Create never re-sends blindly: after a failure that may have reached the
// server (a timeout, a dropped connection, a 5xx), it first looks for a
// pending invite to the same email created since it began, and returns that
// one if it finds it. Only a 429, or a connection that was never made, is
// retried at once. If the server rejects the second attempt as a duplicate,
// the invite the first made is found and returned. A 2xx answer means the
// invite was created, even when its body cannot be read: Create then looks
// the invite up and never sends again. When a look-up fails, or finds
// nothing after a 2xx, the error matches ErrOutcomeUnknown. When the invite
// is found by a look-up, the Response still describes the last create
// attempt.
func (s *InvitesService) Create(ctx context.Context, p CreateParams, opts ...CallOption) (*Invite, *Response, error) {
	if err := validateCreate(p); err != nil {
		return nil, nil, err
	}
	ctx, call, cancel, err := startCall(ctx, opts)
	defer cancel()
	if err != nil {
		return nil, nil, err
	}
	return s.create(ctx, call, p)
}

func (s *InvitesService) create(ctx context.Context, call *callConfig, p CreateParams) (*Invite, *Response, error) {
	body := createBody(p)
	c := s.client
	since := time.Now().Add(-clockSkew).Truncate(time.Second)
	var found *Invite
	var inv Invite
	resp, err := c.run(ctx, &op{
		name:   "InviteUser",
		method: http.MethodPost,
		build:  func() (*http.Request, error) { return gen.NewInviteUserRequest(c.server, body) },
		call:   call,
		limit:  maxInviteBody,
		decode: func(b []byte) error { return decodeInvite(b, &inv) },
		recover: func(ctx context.Context) (bool, error) {
			var lerr error
			found, lerr = s.findCreated(ctx, call, p, since)
			return found != nil, lerr
		},
	})
	switch {
	case found != nil:
		return found, resp, nil
	case err == nil:
		return &inv, resp, nil
	}
	return nil, resp, err
}

// createBody is p as gen's model: nil Projects stays nil, so that gen leaves
// "projects" out.
func createBody(p CreateParams) gen.InviteRequest {
	r := gen.InviteRequest{Email: p.Email, Role: gen.InviteRequestRole(p.Role)}
	if p.Projects != nil {
		projects := make([]gen.InviteProject, len(p.Projects))
		for i, g := range p.Projects {
			projects[i] = gen.InviteProject{ID: g.ID, Role: gen.ProjectRole(g.Role)}
		}
		r.Projects = &projects
	}
	return r
}

// findCreated looks for a pending invite to p's email and role created at
// or after since. Lists come newest first, so the scan ends at the first
// invite created before since.
func (s *InvitesService) findCreated(ctx context.Context, call *callConfig, p CreateParams, since time.Time) (*Invite, error) {
	for inv, err := range s.all(ctx, call, AllParams{}, nil) {
		if err != nil {
			return nil, err
		}
		if !inv.CreatedAt.IsZero() && inv.CreatedAt.Before(since) {
			return nil, nil
		}
		if inv.Status == StatusPending && inv.Role == p.Role && rules.SameEmail(inv.Email, p.Email) {
			return &inv, nil
		}
	}
	return nil, nil
}
