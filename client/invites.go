// invites.go holds the calls that map one to one onto an endpoint: each
// checks its input, builds its request (requests.go), and decodes the answer.

package client

import (
	"context"
	"net/http"
)

// Get retrieves one invite by ID.
func (c *Client) Get(ctx context.Context, id string) (*Invite, *Response, error) {
	if err := validateID(id); err != nil {
		return nil, nil, err
	}
	a, resp, err := c.run(ctx, &op{
		method: http.MethodGet,
		build:  c.itemRequest(http.MethodGet, id),
		header: c.getHeader,
		limit:  maxInviteBody,
	})
	if err != nil {
		return nil, resp, err
	}
	return decodeInto(c, &a, resp, decodeInvite)
}

// List returns one page of invites, newest first. See All to walk them all.
func (c *Client) List(ctx context.Context, p ListParams) (*Page, *Response, error) {
	if err := validateLimit("limit", p.Limit); err != nil {
		return nil, nil, err
	}
	a, resp, err := c.run(ctx, &op{
		method: http.MethodGet,
		build:  c.listRequest(p),
		header: c.getHeader,
		limit:  maxListBody,
	})
	if err != nil {
		return nil, resp, err
	}
	return decodeInto(c, &a, resp, decodePage)
}

// Delete deletes a pending invite; an accepted invite cannot be deleted
// (ErrInvalidRequest). When an attempt that may have been applied is
// followed by a 404, the invite is gone, and Delete reports success.
func (c *Client) Delete(ctx context.Context, id string) (*Response, error) {
	if err := validateID(id); err != nil {
		return nil, err
	}
	a, resp, err := c.run(ctx, &op{
		method: http.MethodDelete,
		build:  c.itemRequest(http.MethodDelete, id),
		header: c.getHeader,
		limit:  maxInviteBody,
	})
	a.release()
	return resp, err
}

// decodeInto decodes a successful attempt's body and releases it.
func decodeInto[T any](c *Client, a *attempt, resp *Response, decode func([]byte) (T, error)) (*T, *Response, error) {
	defer a.release()
	v, err := decode(a.body())
	if err != nil {
		return nil, resp, c.decodeError(resp.StatusCode, resp.RequestID, a.body(), err)
	}
	return &v, resp, nil
}
