// requests.go builds each attempt's request. The endpoints' URLs come from
// gen's request builders, once per Client, so the paths are written only in
// gen; each request is then made directly. gen's builders parse the base URL
// twice and style every parameter on every call, which made each call about
// 10% slower than plain net/http; the tests hold these requests to the ones
// gen builds (FuzzRequestsMatchGen).

package client

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/goinvites/invites/gen"
)

// endpoints are the URLs gen builds for the base URL.
type endpoints struct {
	list string // the collection: list and create
	item string // one invite, less its ID
}

func newEndpoints(server string) (endpoints, error) {
	list, err := gen.NewListInvitesRequest(server, nil)
	if err != nil {
		return endpoints{}, err
	}
	item, err := gen.NewRetrieveInviteRequest(server, "x")
	if err != nil {
		return endpoints{}, err
	}
	return endpoints{list: list.URL.String(), item: strings.TrimSuffix(item.URL.String(), "x")}, nil
}

// itemRequest builds a GET or DELETE of one invite; the ID is escaped as
// gen escapes it, so that it stays one path segment.
func (c *Client) itemRequest(method, id string) func(context.Context) (*http.Request, error) {
	return func(ctx context.Context) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, method, c.urls.item+url.PathEscape(id), nil)
	}
}

// listRequest builds a GET of one page; omitted parameters are left out.
func (c *Client) listRequest(p ListParams) func(context.Context) (*http.Request, error) {
	u := c.urls.list
	sep := "?"
	if p.Limit != 0 {
		u += sep + "limit=" + strconv.Itoa(p.Limit)
		sep = "&"
	}
	if p.After != "" {
		u += sep + "after=" + url.QueryEscape(p.After)
	}
	return func(ctx context.Context) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	}
}

// createRequest builds a POST of body, a marshalled gen.InviteRequest. Each
// attempt gets a fresh reader; Content-Type comes with the client's headers.
func (c *Client) createRequest(body []byte) func(context.Context) (*http.Request, error) {
	return func(ctx context.Context) (*http.Request, error) {
		return http.NewRequestWithContext(ctx, http.MethodPost, c.urls.list, bytes.NewReader(body))
	}
}
