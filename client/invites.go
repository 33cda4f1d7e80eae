// invites.go holds InvitesService and its calls that map one to one onto an
// endpoint: each checks its input, has gen build its request, and decodes
// the answer.

package client

import (
	"context"
	"net/http"

	"github.com/goinvites/invites/gen"
)

// InvitesService is the organization's invites: list, create, retrieve and
// delete, and the look-ups built on them. Reach it as Client.Invites.
type InvitesService service

// Get retrieves one invite by ID.
func (s *InvitesService) Get(ctx context.Context, id string, opts ...CallOption) (*Invite, *Response, error) {
	var inv Invite
	resp, err := s.client.runByID(ctx, id, opts, &op{
		name:   "RetrieveInvite",
		method: http.MethodGet,
		build:  func() (*http.Request, error) { return gen.NewRetrieveInviteRequest(s.client.server, id) },
		limit:  maxInviteBody,
		decode: func(b []byte) error { return decodeInvite(b, &inv) },
	})
	if err != nil {
		return nil, resp, err
	}
	return &inv, resp, nil
}

// List returns one page of invites, newest first. See All to walk them all.
func (s *InvitesService) List(ctx context.Context, p ListParams, opts ...CallOption) (*Page, *Response, error) {
	if err := validateLimit("limit", p.Limit); err != nil {
		return nil, nil, err
	}
	call, err := newCall(opts)
	if err != nil {
		return nil, nil, err
	}
	return s.page(ctx, call, p)
}

func (s *InvitesService) list(ctx context.Context, call *callConfig, p ListParams) (*Page, *Response, error) {
	params := listParams(p)
	var page Page
	resp, err := s.client.run(ctx, &op{
		name:   "ListInvites",
		method: http.MethodGet,
		build:  func() (*http.Request, error) { return gen.NewListInvitesRequest(s.client.server, params) },
		call:   call,
		limit:  maxListBody,
		decode: func(b []byte) error { return decodePage(b, &page) },
	})
	if err != nil {
		return nil, resp, err
	}
	return &page, resp, nil
}

// Delete deletes a pending invite; an accepted invite cannot be deleted
// (ErrInvalidRequest). When an attempt that may have been applied is
// followed by a 404, the invite is gone, and Delete reports success.
func (s *InvitesService) Delete(ctx context.Context, id string, opts ...CallOption) (*Response, error) {
	return s.client.runByID(ctx, id, opts, &op{
		name:   "DeleteInvite",
		method: http.MethodDelete,
		build:  func() (*http.Request, error) { return gen.NewDeleteInviteRequest(s.client.server, id) },
		limit:  maxInviteBody,
	})
}
