// users.go holds UsersService: the organization's members, whom invites
// become once accepted. Its calls have the invites' shape and guarantees:
// gen builds every request, a list walk cannot loop, and a retry can do no
// harm (a role change re-sent is the same change; a removal whose answer was
// lost and that then answers 404 is done).

package client

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/internal/rules"
)

// UsersService is the organization's members: list, retrieve, change the
// role of and remove them. Reach it as Client.Users. Members join through
// invites (InvitesService); there is no call to add one.
type UsersService service

// UserListParams selects one page of members.
type UserListParams struct {
	Limit int    // 1 to 100; 0 lets the server choose (20)
	After string // the LastID of the previous page; "" for the first page
	// Emails asks the server for these addresses only. The filter is
	// reported unreliable (answering no one for a member who exists), so an
	// empty page never proves that someone is not a member: FindByEmail
	// scans instead.
	Emails []string
}

// UserPage is one page of members.
type UserPage struct {
	Users   []User
	FirstID string // "" when the API sent null
	LastID  string // "" when the API sent null
	HasMore bool
}

// AllUsersParams selects the members AllUsers yields.
type AllUsersParams struct {
	Limit int // members per request, 1 to 100; 0 means 100 (fewest requests)
}

// Get retrieves one member by user ID.
func (s *UsersService) Get(ctx context.Context, id string, opts ...CallOption) (*User, *Response, error) {
	return s.one(ctx, id, opts, "RetrieveUser", http.MethodGet, func() (*http.Request, error) {
		return gen.NewRetrieveUserRequest(s.client.server, id)
	})
}

// SetRole changes a member's organization role (owner or reader) and
// returns the member as the API left them. A role change is the same change
// however often it is sent, so it is retried like a read.
func (s *UsersService) SetRole(ctx context.Context, id string, role Role, opts ...CallOption) (*User, *Response, error) {
	if err := ValidateRole(role); err != nil {
		return nil, nil, err
	}
	r := gen.UserRoleUpdateRequestRole(role)
	body := gen.ModifyUserJSONRequestBody{Role: &r}
	return s.one(ctx, id, opts, "ModifyUser", http.MethodPost, func() (*http.Request, error) {
		return gen.NewModifyUserRequest(s.client.server, id, body)
	})
}

// one runs a call about one member that answers the member.
func (s *UsersService) one(ctx context.Context, id string, opts []CallOption, name, method string, build func() (*http.Request, error)) (*User, *Response, error) {
	var u User
	resp, err := s.client.runByID(ctx, id, opts, &op{
		name:       name,
		method:     method,
		build:      build,
		limit:      maxInviteBody,
		repeatable: true,
		decode:     func(b []byte) error { return decodeUser(b, &u) },
	})
	if err != nil {
		return nil, resp, err
	}
	return &u, resp, nil
}

// Remove removes a member from the organization. It cannot be undone: the
// person needs a new invite to come back. When an attempt that may have
// been applied is followed by a 404, the member is gone, and Remove reports
// success.
func (s *UsersService) Remove(ctx context.Context, id string, opts ...CallOption) (*Response, error) {
	return s.client.runByID(ctx, id, opts, &op{
		name:   "DeleteUser",
		method: http.MethodDelete,
		build:  func() (*http.Request, error) { return gen.NewDeleteUserRequest(s.client.server, id) },
		limit:  maxInviteBody,
	})
}

// List returns one page of members. See All to walk them all.
func (s *UsersService) List(ctx context.Context, p UserListParams, opts ...CallOption) (*UserPage, *Response, error) {
	if err := validateLimit("limit", p.Limit); err != nil {
		return nil, nil, err
	}
	for _, e := range p.Emails {
		if err := ValidateEmail(e); err != nil {
			return nil, nil, err
		}
	}
	call, err := newCall(opts)
	if err != nil {
		return nil, nil, err
	}
	ctx, cancel := call.bound(ctx)
	defer cancel()
	return s.list(ctx, call, p)
}

func (s *UsersService) list(ctx context.Context, call *callConfig, p UserListParams) (*UserPage, *Response, error) {
	params := userListParams(p)
	var page UserPage
	resp, err := s.client.run(ctx, &op{
		name:   "ListUsers",
		method: http.MethodGet,
		build:  func() (*http.Request, error) { return gen.NewListUsersRequest(s.client.server, params) },
		call:   call,
		limit:  maxListBody,
		decode: func(b []byte) error { return decodeUserPage(b, &page) },
	})
	if err != nil {
		return nil, resp, err
	}
	return &page, resp, nil
}

// All yields every member, one page at a time; only one page is held in
// memory. It cannot loop, as InvitesService.All cannot: a cursor that does
// not advance ends it with an error matching ErrPagination. opts apply to
// each page's request. An error ends the sequence: a caller that needs the
// whole list (to decide whom to remove) must treat it as no list at all.
func (s *UsersService) All(ctx context.Context, p AllUsersParams, opts ...CallOption) iter.Seq2[User, error] {
	call, err := newCall(opts)
	if err != nil {
		return failed[User](err)
	}
	return s.all(ctx, call, p, nil)
}

func (s *UsersService) all(ctx context.Context, call *callConfig, p AllUsersParams, last *Response) iter.Seq2[User, error] {
	fetch := func(ctx context.Context, lp ListParams) (pageOf[User], *Response, error) {
		page, resp, err := s.list(ctx, call, UserListParams{Limit: lp.Limit, After: lp.After})
		if err != nil {
			return pageOf[User]{}, resp, err
		}
		return pageOf[User]{page.Users, page.LastID, page.HasMore}, resp, nil
	}
	return walk(ctx, call, p.Limit, fetch, func(u User) string { return u.ID }, nil, last)
}

// FindByEmail returns the member whose email is email (compared as
// every look-up does: without regard to case, after Unicode NFC). It scans the
// members rather than trust the API's emails filter, which is reported to
// miss members who exist; with none, the error matches ErrNoMatch. The
// Response is the last page's.
func (s *UsersService) FindByEmail(ctx context.Context, email string, opts ...CallOption) (*User, *Response, error) {
	if err := ValidateEmail(email); err != nil {
		return nil, nil, err
	}
	ctx, call, cancel, err := startCall(ctx, opts)
	defer cancel()
	if err != nil {
		return nil, nil, err
	}
	resp := &Response{}
	for u, err := range s.all(ctx, call, AllUsersParams{}, resp) {
		if err != nil {
			return nil, resp, err
		}
		if u.Email != "" && rules.SameEmail(u.Email, email) {
			return &u, resp, nil
		}
	}
	return nil, resp, fmt.Errorf("%w: no member %s", ErrNoMatch, email)
}
