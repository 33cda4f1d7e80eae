// users.go holds UsersService, its types and every one of its calls: the
// organization's members, whom invites become once accepted. Its calls
// have the invites' shape and guarantees: gen builds every request, a list
// walk cannot loop, and a retry can do no harm (a role change re-sent is
// the same change; a removal whose answer was lost and that then answers
// 404 is done).

package client

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/internal/rules"
)

// UsersService is the organization's members: list, retrieve, change the
// role of and remove them. Reach it as Client.Users. Members join through
// invites (InvitesService); there is no call to add one.
type UsersService service

// User is a member of the organization.
//
// The API sends email, name and role as nullable: "" means null. The list
// holds more than people: service accounts and members provisioned by SCIM
// are members too, and a sync must never change them (see Managed). Role
// may hold a value the client does not know ("member" appears in one
// description of the API); it is kept as sent.
type User struct {
	ID               string
	Email            string
	Name             string
	Role             Role
	AddedAt          time.Time // UTC; the zero time when the API sent none
	IsServiceAccount bool
	IsSCIMManaged    bool
}

// Managed reports whether something other than an admin's roster manages
// the member: a service account, or a member provisioned by SCIM, whom a
// directory would add back or whose key would stop working.
func (u User) Managed() bool { return u.IsServiceAccount || u.IsSCIMManaged }

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

// AllUsersParams selects the members All yields.
type AllUsersParams struct {
	Limit int // members per request, 1 to 100; 0 means 100 (fewest requests)
}

// do begins a call of this service and runs o in it (see service.do).
func (s *UsersService) do(ctx context.Context, opts []CallOption, o *op) (*Response, error) {
	return (*service)(s).do(ctx, opts, o)
}

// Get retrieves one member by user ID.
func (s *UsersService) Get(ctx context.Context, id string, opts ...CallOption) (*User, *Response, error) {
	return s.one(ctx, id, opts, "RetrieveUser", http.MethodGet, func(server string) (*http.Request, error) {
		return gen.NewRetrieveUserRequest(server, id)
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
	return s.one(ctx, id, opts, "ModifyUser", http.MethodPost, func(server string) (*http.Request, error) {
		return gen.NewModifyUserRequest(server, id, body)
	})
}

// one runs a call about one member that answers the member.
func (s *UsersService) one(ctx context.Context, id string, opts []CallOption, name, method string, build func(string) (*http.Request, error)) (*User, *Response, error) {
	if err := ValidateUserID(id); err != nil {
		return nil, nil, err
	}
	var u User
	resp, err := s.do(ctx, opts, &op{
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
	if err := ValidateUserID(id); err != nil {
		return nil, err
	}
	return s.do(ctx, opts, &op{
		name:   "DeleteUser",
		method: http.MethodDelete,
		build:  func(server string) (*http.Request, error) { return gen.NewDeleteUserRequest(server, id) },
		limit:  maxInviteBody,
	})
}

// List returns one page of members. See All to walk them all. A page that
// cannot be part of a complete read (no data, has_more with no members, a
// cursor that does not move past p.After) is an *IncompleteReadError, not
// a page.
func (s *UsersService) List(ctx context.Context, p UserListParams, opts ...CallOption) (*UserPage, *Response, error) {
	page, resp, err := s.list(ctx, p, opts)
	if err != nil {
		return nil, resp, err
	}
	return &UserPage{Users: page.items, FirstID: page.firstID, LastID: page.lastID, HasMore: page.hasMore}, resp, nil
}

// list is one page, checked: what List returns and All walks.
func (s *UsersService) list(ctx context.Context, p UserListParams, opts []CallOption) (pageOf[User], *Response, error) {
	if err := validateLimit("limit", p.Limit); err != nil {
		return pageOf[User]{}, nil, err
	}
	for _, e := range p.Emails {
		if err := ValidateEmail(e); err != nil {
			return pageOf[User]{}, nil, err
		}
	}
	params := userListParams(p)
	return usersList.read(ctx, (*service)(s), opts, p.After, func(server string) (*http.Request, error) {
		return gen.NewListUsersRequest(server, params)
	})
}

// All yields every member, one page at a time; only one page is held in
// memory. It reads as InvitesService.All does: it cannot loop, and it ends
// only after a page that says it is the last, or with an error (a page
// without data, one that says more follow but holds no member, or a
// cursor that does not advance: an *IncompleteReadError). Each page is one
// call, as List makes, and opts apply to each. An error ends the
// sequence: a caller that needs the whole list (to decide whom to remove)
// must treat it as no list at all.
func (s *UsersService) All(ctx context.Context, p AllUsersParams, opts ...CallOption) iter.Seq2[User, error] {
	return s.all(ctx, p, opts, nil)
}

// all is All that also keeps the Response of the last page in last.
func (s *UsersService) all(ctx context.Context, p AllUsersParams, opts []CallOption, last *Response) iter.Seq2[User, error] {
	fetch := func(ctx context.Context, lp ListParams) (pageOf[User], *Response, error) {
		return s.list(ctx, UserListParams{Limit: lp.Limit, After: lp.After}, opts)
	}
	return walk(ctx, p.Limit, fetch, nil, last)
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
	members := func(ctx context.Context, last *Response) iter.Seq2[User, error] {
		return s.all(ctx, AllUsersParams{}, opts, last)
	}
	return find(ctx, (*service)(s), opts, members, func(u User) bool { return u.Email != "" && rules.SameEmail(u.Email, email) },
		"no member "+email)
}
