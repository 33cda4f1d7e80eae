// pagination.go walks every page of any list, for every service's All,
// without trusting the server to end the walk: mocks and buggy servers
// answer has_more forever with the same cursor, and a pager that trusts
// has_more alone never stops.

package client

import (
	"context"
	"fmt"
	"iter"
	"net/http"
)

// defaultPageSize is All's page size when none is given: the largest the
// API allows, as every request counts against a small rate limit.
const defaultPageSize = 100

// pageOf is one page of any list, as decoded (decodeList) and checked
// (listOf.check).
type pageOf[T any] struct {
	items   []T // nil when the page had no data at all
	firstID string
	lastID  string
	hasMore bool
	next    string // the cursor after the page, "" at the end: set by check
}

// listOf is what reading a page of a list needs to know of it: its name,
// for errors; its operation, as gen names it (what the pacer paces); how
// to decode a page; and the ID of an item, which the API takes as a cursor.
type listOf[T any] struct {
	name      string
	operation string
	decode    func([]byte) (pageOf[T], error)
	id        func(T) string
}

var (
	invitesList = listOf[Invite]{"invites", "ListInvites",
		func(b []byte) (pageOf[Invite], error) { return decodeList(b, (*wireInvite).invite) },
		func(inv Invite) string { return inv.ID }}
	usersList = listOf[User]{"users", "ListUsers",
		func(b []byte) (pageOf[User], error) { return decodeList(b, (*wireUser).user) },
		func(u User) string { return u.ID }}
)

// read is the call for one page of the list, asked for after the cursor
// after, whose request build makes: the page decoded and checked.
func (l listOf[T]) read(ctx context.Context, s *service, opts []CallOption, after string,
	build func(server string) (*http.Request, error),
) (pageOf[T], *Response, error) {
	var page pageOf[T]
	resp, err := s.do(ctx, opts, &op{
		name:   l.operation,
		method: http.MethodGet,
		build:  build,
		limit:  maxListBody,
		decode: func(b []byte) (err error) { page, err = l.decode(b); return err },
	})
	if err == nil {
		err = l.check(after, &page, resp)
	}
	return page, resp, err
}

// check is the one rule for a page of any list, asked for after the cursor
// after: it can be part of a complete read, or it is an
// *IncompleteReadError naming it. A page without data, or whose has_more
// is true while it holds nothing, or whose cursor does not advance past
// after, is refused: taking any of them for the end of the list would
// end a read with pages unread. check sets p.next to the page's last_id,
// or when that does not advance to its last item's ID.
func (l listOf[T]) check(after string, p *pageOf[T], answer *Response) error {
	fail := func(reason IncompleteReason) error {
		return &IncompleteReadError{List: l.name, After: after, Reason: reason, Items: len(p.items),
			HasMore: p.hasMore, LastID: p.lastID, RequestID: answer.RequestID}
	}
	n := len(p.items)
	switch {
	case p.items == nil:
		return fail(PageWithoutData)
	case !p.hasMore:
		p.next = ""
	case n == 0:
		return fail(EmptyPageWithMore)
	case p.lastID != "" && p.lastID != after:
		p.next = p.lastID
	case l.id(p.items[n-1]) != "" && l.id(p.items[n-1]) != after:
		p.next = l.id(p.items[n-1])
	default:
		return fail(CursorStuck)
	}
	return nil
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
// page in last (when not nil). Each page is one call of its own, which
// fetch begins and checks (listOf.check), so a walk ends only after a page
// that says it is the last, or with an error.
func walk[T any](ctx context.Context, limit int,
	fetch func(context.Context, ListParams) (pageOf[T], *Response, error),
	keep func(T) bool, last *Response,
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
			for _, item := range page.items {
				if (keep == nil || keep(item)) && !yield(item, nil) {
					return
				}
			}
			if page.next == "" {
				return
			}
			params.After = page.next
		}
	}
}

// find is a look-up over a walk, one call (begun and bounded as one): the
// first item that match accepts, with the Response of the last page read;
// with none, an error matching ErrNoMatch, saying missing.
func find[T any](ctx context.Context, s *service, opts []CallOption,
	items func(ctx context.Context, last *Response) iter.Seq2[T, error], match func(T) bool, missing string,
) (*T, *Response, error) {
	ctx, _, cancel, err := s.begin(ctx, opts)
	defer cancel()
	if err != nil {
		return nil, nil, err
	}
	resp := &Response{}
	for item, err := range items(ctx, resp) {
		if err != nil {
			return nil, resp, err
		}
		if match(item) {
			return &item, resp, nil
		}
	}
	return nil, resp, fmt.Errorf("%w: %s", ErrNoMatch, missing)
}
