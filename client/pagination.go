// pagination.go walks every page without trusting the server to end the
// walk: mocks and buggy servers answer has_more forever with the same cursor,
// and a pager that trusts has_more alone never stops.

package client

import (
	"context"
	"fmt"
	"iter"
)

// defaultPageSize is All's page size when none is given: the largest the
// API allows, as every request counts against a small rate limit.
const defaultPageSize = 100

// All yields every invite, newest first, fetching one page at a time; only
// one page is held in memory. With p.Status set it yields only those
// invites (the API cannot filter, so every page is still fetched). opts
// apply to each page's request: WithCallTimeout bounds each page, not the
// walk.
//
// It stops after a page with has_more false or no invites. When the server's
// cursor does not advance (the same last_id again, or null while has_more is
// true), it continues after the page's last invite instead; when that does not
// advance either, it yields an error matching ErrPagination and stops. An
// error ends the sequence; breaking out of the loop stops the requests.
func (s *InvitesService) All(ctx context.Context, p AllParams, opts ...CallOption) iter.Seq2[Invite, error] {
	call, err := newCall(opts)
	if err != nil {
		return func(yield func(Invite, error) bool) { yield(Invite{}, err) }
	}
	return s.all(ctx, call, p, nil)
}

// all is All that also keeps the Response of the last page in last.
func (s *InvitesService) all(ctx context.Context, call *callConfig, p AllParams, last *Response) iter.Seq2[Invite, error] {
	return func(yield func(Invite, error) bool) {
		if err := validateStatus(p.Status); err != nil {
			yield(Invite{}, err)
			return
		}
		if err := validateLimit("limit", p.Limit); err != nil {
			yield(Invite{}, err)
			return
		}
		params := ListParams{Limit: p.Limit, After: ""}
		if params.Limit == 0 {
			params.Limit = defaultPageSize
		}
		for {
			page, resp, err := s.page(ctx, call, params)
			if last != nil && resp != nil {
				*last = *resp
			}
			if err != nil {
				yield(Invite{}, err)
				return
			}
			next, err := nextCursor(params.After, page)
			if err != nil {
				yield(Invite{}, err)
				return
			}
			for _, inv := range page.Invites {
				if (p.Status == "" || inv.Status == p.Status) && !yield(inv, nil) {
					return
				}
			}
			if next == "" {
				return
			}
			params.After = next
		}
	}
}

// page is one page of a walk, bounded by the call's timeout alone.
func (s *InvitesService) page(ctx context.Context, call *callConfig, p ListParams) (*Page, *Response, error) {
	ctx, cancel := call.bound(ctx)
	defer cancel()
	return s.list(ctx, call, p)
}

// nextCursor is the cursor after page, "" at the end of the list.
func nextCursor(after string, page *Page) (string, error) {
	if !page.HasMore || len(page.Invites) == 0 {
		return "", nil
	}
	if page.LastID != "" && page.LastID != after {
		return page.LastID, nil
	}
	if last := page.Invites[len(page.Invites)-1].ID; last != "" && last != after {
		return last, nil
	}
	return "", fmt.Errorf("%w: the page after %q ends at %q again", ErrPagination, after, page.LastID)
}
