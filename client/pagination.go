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
	if err := validateStatus(p.Status); err != nil {
		return failed[Invite](err)
	}
	fetch := func(ctx context.Context, lp ListParams) (pageOf[Invite], *Response, error) {
		page, resp, err := s.list(ctx, call, lp)
		if err != nil {
			return pageOf[Invite]{}, resp, err
		}
		return pageOf[Invite]{page.Invites, page.LastID, page.HasMore}, resp, nil
	}
	keep := func(inv Invite) bool { return p.Status == "" || inv.Status == p.Status }
	return walk(ctx, call, p.Limit, fetch, func(inv Invite) string { return inv.ID }, keep, last)
}

// pageOf is what a walk needs of one page of any list.
type pageOf[T any] struct {
	items   []T
	lastID  string
	hasMore bool
}

// failed is a sequence that yields err alone.
func failed[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// walk yields the items of every page fetch reads, from the first, that
// keep accepts (all when keep is nil), and keeps the Response of the last
// page in last (when not nil). Each page is bounded by the call's timeout.
func walk[T any](ctx context.Context, call *callConfig, limit int,
	fetch func(context.Context, ListParams) (pageOf[T], *Response, error),
	idOf func(T) string, keep func(T) bool, last *Response,
) iter.Seq2[T, error] {
	if err := validateLimit("limit", limit); err != nil {
		return failed[T](err)
	}
	if limit == 0 {
		limit = defaultPageSize
	}
	return func(yield func(T, error) bool) {
		var zero T
		params := ListParams{Limit: limit}
		for {
			pctx, cancel := call.bound(ctx)
			page, resp, err := fetch(pctx, params)
			cancel()
			if last != nil && resp != nil {
				*last = *resp
			}
			if err != nil {
				yield(zero, err)
				return
			}
			lastItem := ""
			if n := len(page.items); n > 0 {
				lastItem = idOf(page.items[n-1])
			}
			next, err := nextCursor(params.After, page.hasMore, len(page.items), page.lastID, lastItem)
			if err != nil {
				yield(zero, err)
				return
			}
			for _, item := range page.items {
				if (keep == nil || keep(item)) && !yield(item, nil) {
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

// nextCursor is the cursor after a page of n items that began after after,
// "" at the end of the list: the page's last_id, else its last item's ID,
// whichever advances.
func nextCursor(after string, hasMore bool, n int, lastID, lastItem string) (string, error) {
	if !hasMore || n == 0 {
		return "", nil
	}
	if lastID != "" && lastID != after {
		return lastID, nil
	}
	if lastItem != "" && lastItem != after {
		return lastItem, nil
	}
	return "", fmt.Errorf("%w: the page after %q ends at %q again", ErrPagination, after, lastID)
}
