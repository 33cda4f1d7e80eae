// pagination.go walks every page of any list, for every service's All,
// without trusting the server to end the walk: mocks and buggy servers
// answer has_more forever with the same cursor, and a pager that trusts
// has_more alone never stops.

package client

import (
	"context"
	"fmt"
	"iter"
)

// defaultPageSize is All's page size when none is given: the largest the
// API allows, as every request counts against a small rate limit.
const defaultPageSize = 100

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
// page in last (when not nil). Each page is one call of its own (a List),
// which fetch begins and bounds.
func walk[T any](ctx context.Context, limit int,
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
			page, resp, err := fetch(ctx, params)
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
