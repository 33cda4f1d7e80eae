// projects.go holds ProjectsService, its types and every one of its calls:
// the organization's projects, where its work happens (spend, rate limits,
// keys, and who may use them). The client reads them only: a sync keeps
// people's access to projects true, it does not make or archive projects.
// Its calls have the other services' shape and guarantees: gen builds every
// request, a list is complete or fails, and a name is resolved from one
// complete read or not at all.

package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/internal/rules"
)

// ProjectsService is the organization's projects: list them, retrieve one,
// find one by name. Reach it as Client.Projects; a project's members are
// Client.ProjectMembers.
type ProjectsService service

// Project is a project of the organization. A project is archived, never
// deleted, and never comes back: an archived project keeps its members but
// refuses every change to them.
type Project struct {
	ID         string
	Name       string    // "" when the API sent null
	CreatedAt  time.Time // UTC
	ArchivedAt time.Time // UTC; the zero time while the project is active
	Status     string    // "active" or "archived", as sent ("" when not sent)
}

// Archived reports whether the project is archived, by its status or by
// the time it was archived, whichever the API sent.
func (p Project) Archived() bool { return p.Status == projectArchived || !p.ArchivedAt.IsZero() }

// projectArchived is an archived project's status.
const projectArchived = "archived"

// ProjectListParams selects one page of projects, newest first.
type ProjectListParams struct {
	Limit int    // 1 to 100; 0 lets the server choose (20)
	After string // the LastID of the previous page; "" for the first page
	// IncludeArchived lists archived projects too; the API leaves them out
	// by default.
	IncludeArchived bool
}

// ProjectPage is one page of projects.
type ProjectPage struct {
	Projects []Project
	FirstID  string // "" when the API sent null
	LastID   string // "" when the API sent null
	HasMore  bool
}

// AllProjectsParams selects the projects All yields.
type AllProjectsParams struct {
	Limit           int  // projects per request, 1 to 100; 0 means 100 (fewest requests)
	IncludeArchived bool // archived projects too
}

// projectsList is how a page of projects is read.
var projectsList = listOf[Project]{"projects", "ListProjects",
	func(b []byte) (pageOf[Project], error) { return decodeList(b, (*wireProject).project) },
	func(p Project) string { return p.ID }}

// do begins a call of this service and runs o in it (see service.do).
func (s *ProjectsService) do(ctx context.Context, opts []CallOption, o *op) (*Response, error) {
	return (*service)(s).do(ctx, opts, o)
}

// Get retrieves one project by ID, archived or not.
func (s *ProjectsService) Get(ctx context.Context, id string, opts ...CallOption) (*Project, *Response, error) {
	if err := ValidateProjectID(id); err != nil {
		return nil, nil, err
	}
	var p Project
	resp, err := s.do(ctx, opts, &op{
		name:   "RetrieveProject",
		method: http.MethodGet,
		build:  func(server string) (*http.Request, error) { return gen.NewRetrieveProjectRequest(server, id) },
		limit:  maxInviteBody,
		decode: func(b []byte) error { return decodeAs(b, &p, (*wireProject).project) },
	})
	if err != nil {
		return nil, resp, err
	}
	return &p, resp, nil
}

// List returns one page of projects, newest first. See All to walk them
// all. A page that cannot be part of a complete read (no data, has_more
// with no projects, a cursor that does not move past p.After) is an
// *IncompleteReadError, not a page.
func (s *ProjectsService) List(ctx context.Context, p ProjectListParams, opts ...CallOption) (*ProjectPage, *Response, error) {
	page, resp, err := s.list(ctx, p, opts)
	if err != nil {
		return nil, resp, err
	}
	return &ProjectPage{Projects: page.items, FirstID: page.firstID, LastID: page.lastID, HasMore: page.hasMore}, resp, nil
}

// list is one page, checked: what List returns and All walks.
func (s *ProjectsService) list(ctx context.Context, p ProjectListParams, opts []CallOption) (pageOf[Project], *Response, error) {
	if err := validateLimit("limit", p.Limit); err != nil {
		return pageOf[Project]{}, nil, err
	}
	params := projectListParams(p)
	return projectsList.read(ctx, (*service)(s), opts, p.After, func(server string) (*http.Request, error) {
		return gen.NewListProjectsRequest(server, params)
	})
}

// All yields every project (archived ones only with p.IncludeArchived),
// one page at a time; only one page is held in memory. It reads as
// InvitesService.All does: it cannot loop, and it ends only after a page
// that says it is the last, or with an error (a page without data, one
// that says more follow but holds no project, or a cursor that does not
// advance: an *IncompleteReadError). Each page is one call, as List makes,
// and opts apply to each. An error ends the sequence: the projects
// yielded before it are not the list.
func (s *ProjectsService) All(ctx context.Context, p AllProjectsParams, opts ...CallOption) iter.Seq2[Project, error] {
	return s.all(ctx, p, opts, nil)
}

// all is All that also keeps the Response of the last page in last.
func (s *ProjectsService) all(ctx context.Context, p AllProjectsParams, opts []CallOption, last *Response) iter.Seq2[Project, error] {
	fetch := func(ctx context.Context, lp ListParams) (pageOf[Project], *Response, error) {
		return s.list(ctx, ProjectListParams{Limit: lp.Limit, After: lp.After, IncludeArchived: p.IncludeArchived}, opts)
	}
	return walk(ctx, p.Limit, fetch, nil, last)
}

// FindByName returns the one project named name, compared exactly (the
// API lets two projects share a name, so a name is an ID only when it
// names one). It reads every project (archived ones too with
// includeArchived) before it answers: none is an error matching
// ErrNoMatch; several, an *AmbiguousNameError (ErrAmbiguousName) listing
// their IDs. The Response is the last page's.
func (s *ProjectsService) FindByName(ctx context.Context, name string, includeArchived bool, opts ...CallOption) (*Project, *Response, error) {
	if strings.TrimSpace(name) == "" {
		return nil, nil, invalid("name", name, rules.ErrEmpty.Error())
	}
	ctx, _, cancel, err := (*service)(s).begin(ctx, opts)
	defer cancel()
	if err != nil {
		return nil, nil, err
	}
	resp := &Response{}
	var named []Project
	for p, err := range s.all(ctx, AllProjectsParams{IncludeArchived: includeArchived}, opts, resp) {
		if err != nil {
			return nil, resp, err
		}
		if p.Name == name {
			named = append(named, p)
		}
	}
	switch len(named) {
	case 0:
		return nil, resp, fmt.Errorf("%w: no project named %q", ErrNoMatch, name)
	case 1:
		return &named[0], resp, nil
	}
	ids := make([]string, len(named))
	for i, p := range named {
		ids[i] = p.ID
	}
	return nil, resp, &AmbiguousNameError{Name: name, IDs: ids}
}

// AmbiguousNameError is a name that more than one project has, from
// FindByName: name the project by its ID instead. It matches
// ErrAmbiguousName.
type AmbiguousNameError struct {
	Name string
	IDs  []string // the projects with that name, in the order the API lists them
}

// Error returns one line naming the projects; like the other failure types
// it has no "client: " prefix.
func (e *AmbiguousNameError) Error() string {
	return fmt.Sprintf("%d projects are named %q (%s): name one by its ID", len(e.IDs), e.Name, strings.Join(e.IDs, ", "))
}

// Is matches ErrAmbiguousName.
func (e *AmbiguousNameError) Is(target error) bool { return target == ErrAmbiguousName }

// ErrAmbiguousName is matched by the *AmbiguousNameError of a look-up by a
// name that several projects share.
var ErrAmbiguousName = errors.New("client: several projects have that name")
