// invites.go holds InvitesService, its types and every one of its calls, as
// go-github keeps a service in one file: the calls that map one to one onto
// an endpoint, the walk over every page, and the look-ups built on them
// (FindByEmail, Ensure, and the search a create's recovery makes).

package client

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"time"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/internal/rules"
)

// InvitesService is the organization's invites: list, create, retrieve and
// delete, and the look-ups built on them. Reach it as Client.Invites.
type InvitesService service

// Status is where an invite stands.
type Status string

// Invite statuses.
const (
	StatusPending  Status = Status(gen.InviteStatusPending)
	StatusAccepted Status = Status(gen.InviteStatusAccepted)
	StatusExpired  Status = Status(gen.InviteStatusExpired)
)

// Invite is an invite to the organization.
//
// A zero time (IsZero) means the API sent null or nothing: ExpiresAt and
// AcceptedAt are often null. A timestamp of 0 is 1970-01-01 UTC, not the zero
// time. CreatedAt comes from created_at, or from invited_at, its older name.
// Times are in UTC.
type Invite struct {
	ID         string
	Email      string
	Role       Role
	Status     Status
	CreatedAt  time.Time
	ExpiresAt  time.Time
	AcceptedAt time.Time
	Projects   []ProjectGrant
}

// CreateParams describes an invite to create.
//
// Projects has three meanings: nil omits "projects" on the wire, and the
// invitee joins the default project; a non-nil empty slice ([]ProjectGrant{})
// sends "projects": [], and the invitee joins no project at all; otherwise
// exactly the projects listed.
type CreateParams struct {
	Email    string
	Role     Role
	Projects []ProjectGrant
}

// ListParams selects one page of invites, newest first.
type ListParams struct {
	Limit int    // 1 to 100; 0 lets the server choose (20)
	After string // the LastID of the previous page; "" for the first page
}

// Page is one page of invites, newest first.
type Page struct {
	Invites []Invite
	FirstID string // "" when the API sent null
	LastID  string // "" when the API sent null
	HasMore bool
}

// AllParams selects the invites All yields.
type AllParams struct {
	Status Status // only invites with this status; "" for all
	Limit  int    // invites per request, 1 to 100; 0 means 100 (fewest requests)
}

// Ensured is what Ensure made sure of: the pending invite, and whether it
// was there already or Ensure created it.
type Ensured struct {
	Invite  Invite
	Outcome EnsureOutcome
}

// EnsureOutcome tells what Ensure did.
type EnsureOutcome int

// Outcomes of Ensure. The zero value means nothing was done (an error).
const (
	EnsureExisting EnsureOutcome = iota + 1 // a matching pending invite already existed
	EnsureCreated                           // a new invite was created
)

// String returns "existing", "created", or "none".
func (o EnsureOutcome) String() string {
	switch o {
	case EnsureExisting:
		return "existing"
	case EnsureCreated:
		return "created"
	}
	return "none"
}

// do begins a call of this service and runs o in it (see service.do).
func (s *InvitesService) do(ctx context.Context, opts []CallOption, o *op) (*Response, error) {
	return (*service)(s).do(ctx, opts, o)
}

// Get retrieves one invite by ID.
func (s *InvitesService) Get(ctx context.Context, id string, opts ...CallOption) (*Invite, *Response, error) {
	if err := ValidateInviteID(id); err != nil {
		return nil, nil, err
	}
	var inv Invite
	resp, err := s.do(ctx, opts, &op{
		name:   "RetrieveInvite",
		method: http.MethodGet,
		build:  func(server string) (*http.Request, error) { return gen.NewRetrieveInviteRequest(server, id) },
		limit:  maxInviteBody,
		decode: func(b []byte) error { return decodeInvite(b, &inv) },
	})
	if err != nil {
		return nil, resp, err
	}
	return &inv, resp, nil
}

// List returns one page of invites, newest first. See All to walk them all.
// A page that cannot be part of a complete read (no data, has_more with no
// invites, a cursor that does not move past p.After) is an
// *IncompleteReadError, not a page.
func (s *InvitesService) List(ctx context.Context, p ListParams, opts ...CallOption) (*Page, *Response, error) {
	page, resp, err := s.list(ctx, p, opts)
	if err != nil {
		return nil, resp, err
	}
	return &Page{Invites: page.items, FirstID: page.firstID, LastID: page.lastID, HasMore: page.hasMore}, resp, nil
}

// list is one page, checked: what List returns and All walks.
func (s *InvitesService) list(ctx context.Context, p ListParams, opts []CallOption) (pageOf[Invite], *Response, error) {
	if err := validateLimit("limit", p.Limit); err != nil {
		return pageOf[Invite]{}, nil, err
	}
	params := listParams(p)
	return invitesList.read(ctx, (*service)(s), opts, p.After, func(server string) (*http.Request, error) {
		return gen.NewListInvitesRequest(server, params)
	})
}

// All yields every invite, newest first, fetching one page at a time; only
// one page is held in memory. With p.Status set it yields only those
// invites (the API cannot filter, so every page is still fetched). Each
// page is one call, as List makes, and opts apply to each: WithCallTimeout
// bounds each page, not the walk.
//
// It stops after a page with has_more false, and only there: a read is
// complete or it fails. When the server's cursor does not advance (the
// same last_id again, or null while has_more is true), it continues after
// the page's last invite instead. A page without data, one that says more
// follow but holds no invite, or one whose cursor does not advance either
// way ends the sequence with an *IncompleteReadError (ErrIncompleteRead;
// ErrPagination for the cursor): the invites yielded before it are not the
// list. Any error ends the sequence; breaking out of the loop stops the
// requests.
func (s *InvitesService) All(ctx context.Context, p AllParams, opts ...CallOption) iter.Seq2[Invite, error] {
	return s.all(ctx, p, opts, nil)
}

// all is All that also keeps the Response of the last page in last.
func (s *InvitesService) all(ctx context.Context, p AllParams, opts []CallOption, last *Response) iter.Seq2[Invite, error] {
	if err := validateStatus(p.Status); err != nil {
		return failed[Invite](err)
	}
	fetch := func(ctx context.Context, lp ListParams) (pageOf[Invite], *Response, error) {
		return s.list(ctx, lp, opts)
	}
	keep := func(inv Invite) bool { return p.Status == "" || inv.Status == p.Status }
	return walk(ctx, p.Limit, fetch, keep, last)
}

// clockSkew allows for the server's clock running behind ours when asking
// whether an invite was created since an attempt began.
const clockSkew = 2 * time.Second

// Create invites a user to the organization. See CreateParams for what a
// nil and an empty Projects mean.
//
// Create never re-sends blindly: after a failure that may have reached the
// server (a timeout, a dropped connection, a 5xx), it first looks for a
// pending invite to the same email and role created since it began, and
// returns that one if it finds it. Only a 429, or a request that never had
// a connection, is retried at once. A look-up that misses an invite just
// made (a list lagging behind the create) lets the create be sent again:
// then only the server's refusal of a second pending invite prevents a
// duplicate, and if it refuses, the invite the first attempt made is found
// and returned. With WithMaxRetries(0), a create is sent again only after
// a 429, which the server refused. A 2xx answer means the invite was created,
// even when its body cannot be read: Create then looks the invite up and
// never sends again. When a look-up fails, finds nothing after a 2xx, or
// the context ends after a request was sent, the error is an
// *OutcomeUnknownError (ErrOutcomeUnknown) naming the email: Ensure it
// later. A context that ended before anything was sent gives an error
// matching ErrNotSent. When the invite is found by a look-up, the Response
// still describes the last create attempt.
func (s *InvitesService) Create(ctx context.Context, p CreateParams, opts ...CallOption) (*Invite, *Response, error) {
	if err := validateCreate(p); err != nil {
		return nil, nil, err
	}
	body := createBody(p)
	since := time.Now().Add(-clockSkew).Truncate(time.Second)
	var found *Invite
	var inv Invite
	resp, err := s.do(ctx, opts, &op{
		name:   "InviteUser",
		method: http.MethodPost,
		build:  func(server string) (*http.Request, error) { return gen.NewInviteUserRequest(server, body) },
		limit:  maxInviteBody,
		decode: func(b []byte) error { return decodeInvite(b, &inv) },
		recover: recovery{email: p.Email, find: func(ctx context.Context) (bool, error) {
			var lerr error
			found, lerr = s.findCreated(ctx, p, since, opts)
			return found != nil, lerr
		}},
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
func (s *InvitesService) findCreated(ctx context.Context, p CreateParams, since time.Time, opts []CallOption) (*Invite, error) {
	for inv, err := range s.all(ctx, AllParams{}, opts, nil) {
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

// Delete deletes a pending invite; an accepted invite cannot be deleted
// (ErrInvalidRequest). When an attempt that may have been applied is
// followed by a 404, the invite is gone, and Delete reports success.
func (s *InvitesService) Delete(ctx context.Context, id string, opts ...CallOption) (*Response, error) {
	if err := ValidateInviteID(id); err != nil {
		return nil, err
	}
	return s.do(ctx, opts, &op{
		name:   "DeleteInvite",
		method: http.MethodDelete,
		build:  func(server string) (*http.Request, error) { return gen.NewDeleteInviteRequest(server, id) },
		limit:  maxInviteBody,
	})
}

// FindByEmail returns the pending invite for email (compared without regard
// to case and after Unicode NFC normalization), the newest if there are
// several. It pages through invites until it finds one; with none, the
// error matches ErrNoMatch (not ErrNotFound: no request answered 404). The
// Response is the last page's.
func (s *InvitesService) FindByEmail(ctx context.Context, email string, opts ...CallOption) (*Invite, *Response, error) {
	if err := ValidateEmail(email); err != nil {
		return nil, nil, err
	}
	pending := func(ctx context.Context, last *Response) iter.Seq2[Invite, error] {
		return s.all(ctx, AllParams{Status: StatusPending}, opts, last)
	}
	return find(ctx, (*service)(s), opts, pending, func(inv Invite) bool { return rules.SameEmail(inv.Email, email) },
		"no pending invite for "+email)
}

// Ensure makes sure a pending invite matching p exists: Ensured holds the
// one that does (EnsureExisting) or the one it created (EnsureCreated). A
// pending invite for the email with another role, or other projects when
// p.Projects is not nil, is not replaced: the error is a *MismatchError
// holding it. With nil Projects (the default project, whose ID the client
// cannot know) only the role is compared. The Response is that of the last
// request Ensure made: the create, or the look-up's last page.
func (s *InvitesService) Ensure(ctx context.Context, p CreateParams, opts ...CallOption) (*Ensured, *Response, error) {
	if err := validateCreate(p); err != nil {
		return nil, nil, err
	}
	ctx, _, cancel, err := (*service)(s).begin(ctx, opts)
	defer cancel()
	if err != nil {
		return nil, nil, err
	}
	existing, resp, err := s.FindByEmail(ctx, p.Email, opts...)
	switch {
	case err == nil:
		return compareExisting(existing, resp, p)
	case !errors.Is(err, ErrNoMatch):
		return nil, resp, err
	}
	inv, resp, err := s.Create(ctx, p, opts...)
	if err == nil {
		return &Ensured{Invite: *inv, Outcome: EnsureCreated}, resp, nil
	}
	// Someone else invited the address since the look-up.
	if errors.Is(err, ErrConflict) || errors.Is(err, ErrInvalidRequest) {
		if existing, fresp, ferr := s.FindByEmail(ctx, p.Email, opts...); ferr == nil {
			return compareExisting(existing, fresp, p)
		}
	}
	return nil, resp, err
}

// compareExisting is what Ensure returns for the pending invite it found:
// it, or a *MismatchError naming what differs from p.
func compareExisting(inv *Invite, resp *Response, p CreateParams) (*Ensured, *Response, error) {
	var fields []string
	if inv.Role != p.Role {
		fields = append(fields, "role")
	}
	if p.Projects != nil && !SameGrants(inv.Projects, p.Projects) {
		fields = append(fields, "projects")
	}
	if fields != nil {
		return nil, resp, &MismatchError{Existing: *inv, Wanted: p, Fields: fields}
	}
	return &Ensured{Invite: *inv, Outcome: EnsureExisting}, resp, nil
}
