// projectmembers.go holds ProjectMembersService, its types and every one
// of its calls: who may use each project, and with what role. Only a
// member of the organization can be added; an archived project refuses
// every change. Its writes keep the guarantees of the other services: an
// add whose answer was lost is looked up before it is sent again, and one
// the project refuses because the person is there already with the role
// asked is done; a role change re-sent is the same change; a removal whose
// answer was lost and that then meets a 404 or "is not a member" is done.

package client

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"time"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/internal/rules"
)

// ProjectMembersService is the members of each project: list them,
// retrieve one, add one, change one's role, remove one. Reach it as
// Client.ProjectMembers. Every call names its project by ID (see
// ProjectsService.FindByName for one known by name).
type ProjectMembersService service

// ProjectMember is a member of one project, with their role in it (the
// API's project user). The organization's owners are reported to be
// owners of every project without being added, and the API may list them
// so; their role in a project cannot be changed.
type ProjectMember struct {
	ProjectID string // the project, as the call named it (the API does not say)
	UserID    string // the member's ID in the organization, as Client.Users knows them
	Email     string // "" when the API sent null
	Name      string // "" when the API sent null
	// Role is kept as sent, even a role the client does not know.
	Role    ProjectRole
	AddedAt time.Time // UTC; the zero time when the API sent none
}

// ProjectMemberListParams selects one page of a project's members.
type ProjectMemberListParams struct {
	Limit int    // 1 to 100; 0 lets the server choose (20)
	After string // the LastID of the previous page; "" for the first page
}

// ProjectMemberPage is one page of a project's members.
type ProjectMemberPage struct {
	Members []ProjectMember
	FirstID string // "" when the API sent null
	LastID  string // "" when the API sent null
	HasMore bool
}

// AllProjectMembersParams selects the members All yields.
type AllProjectMembersParams struct {
	Limit int // members per request, 1 to 100; 0 means 100 (fewest requests)
}

// AddProjectMemberParams says whom Add adds, and with what role. Name the
// person by UserID or by Email, one of them: either way they must be a
// member of the organization already.
type AddProjectMemberParams struct {
	UserID string
	Email  string
	Role   ProjectRole
}

// projectMembersList is how a page of the members of the project
// projectID is read: each member is told its project.
func projectMembersList(projectID string) listOf[ProjectMember] {
	return listOf[ProjectMember]{"members of project " + projectID, "ListProjectUsers",
		func(b []byte) (pageOf[ProjectMember], error) {
			return decodeList(b, func(w *wireProjectUser) ProjectMember { return w.member(projectID) })
		},
		func(m ProjectMember) string { return m.UserID }}
}

// do begins a call of this service and runs o in it (see service.do).
func (s *ProjectMembersService) do(ctx context.Context, opts []CallOption, o *op) (*Response, error) {
	return (*service)(s).do(ctx, opts, o)
}

// Get retrieves the member userID of the project projectID. Someone the
// project does not list is a 404 (ErrNotFound).
func (s *ProjectMembersService) Get(ctx context.Context, projectID, userID string, opts ...CallOption) (*ProjectMember, *Response, error) {
	return s.one(ctx, projectID, userID, opts, "RetrieveProjectUser", http.MethodGet, func(server string) (*http.Request, error) {
		return gen.NewRetrieveProjectUserRequest(server, projectID, userID)
	})
}

// SetRole changes the role of the member userID in the project projectID
// and returns the member as the API left them. A role change is the same
// change however often it is sent, so it is retried like a read. An
// organization owner's role in a project cannot be changed
// (ErrInvalidRequest).
func (s *ProjectMembersService) SetRole(ctx context.Context, projectID, userID string, role ProjectRole, opts ...CallOption) (*ProjectMember, *Response, error) {
	if err := ValidateProjectRole(role); err != nil {
		return nil, nil, err
	}
	r := gen.ProjectUserUpdateRequestRole(role)
	body := gen.ModifyProjectUserJSONRequestBody{Role: &r}
	return s.one(ctx, projectID, userID, opts, "ModifyProjectUser", http.MethodPost, func(server string) (*http.Request, error) {
		return gen.NewModifyProjectUserRequest(server, projectID, userID, body)
	})
}

// one runs a call about one member of a project that answers the member.
func (s *ProjectMembersService) one(ctx context.Context, projectID, userID string, opts []CallOption, name, method string, build func(string) (*http.Request, error)) (*ProjectMember, *Response, error) {
	if err := validateMember(projectID, userID); err != nil {
		return nil, nil, err
	}
	var m ProjectMember
	resp, err := s.do(ctx, opts, &op{
		name:       name,
		method:     method,
		build:      build,
		limit:      maxInviteBody,
		repeatable: true,
		decode:     func(b []byte) error { return decodeProjectMember(b, projectID, &m) },
	})
	if err != nil {
		return nil, resp, err
	}
	return &m, resp, nil
}

// Remove removes the member userID from the project projectID: they can no
// longer use it (their organization membership stays). When an attempt
// that may have been applied is followed by a 404 or by the refusal of
// someone the project does not list (ErrNotInProject), the member is gone,
// and Remove reports success; without such an attempt, that refusal is the
// error. An organization owner cannot be removed (ErrInvalidRequest).
func (s *ProjectMembersService) Remove(ctx context.Context, projectID, userID string, opts ...CallOption) (*Response, error) {
	if err := validateMember(projectID, userID); err != nil {
		return nil, err
	}
	return s.do(ctx, opts, &op{
		name:   "DeleteProjectUser",
		method: http.MethodDelete,
		build: func(server string) (*http.Request, error) {
			return gen.NewDeleteProjectUserRequest(server, projectID, userID)
		},
		limit: maxInviteBody,
	})
}

// Add adds a member of the organization to the project projectID with
// p.Role, and returns them as the project lists them.
//
// Add never sends again blindly: after a failure that may have reached the
// server (a timeout, a dropped connection, a 5xx, or a 2xx whose body
// cannot be read), it first looks the person up in the project (one read
// by user ID; by email, a scan of the project's members) and returns them
// if they are there, sending again only when they are not. Someone the
// project lists already with the role asked, whether a look-up finds them
// or the API refuses the add ("already exists in project"), is done: Add
// returns them and no error. With another role, Add returns them and an
// *AlreadyInProjectError (ErrAlreadyInProject); it changes no one's role
// (SetRole does). Someone who is not a member of the organization is
// refused (ErrNotOrgMember), and so is any add to an archived project
// (ErrProjectArchived). When the client cannot learn the outcome (a
// look-up fails, or the context ends after a request was sent), the error
// is an *OutcomeUnknownError naming the project and the person: Add again
// later, which takes them as done if they are there. The Response
// describes the last add attempt.
func (s *ProjectMembersService) Add(ctx context.Context, projectID string, p AddProjectMemberParams, opts ...CallOption) (*ProjectMember, *Response, error) {
	if err := validateAdd(projectID, p); err != nil {
		return nil, nil, err
	}
	ctx, _, cancel, err := (*service)(s).begin(ctx, opts)
	defer cancel()
	if err != nil {
		return nil, nil, err
	}
	body := addBody(p)
	var found *ProjectMember
	var added ProjectMember
	resp, err := s.do(ctx, opts, &op{
		name:   "CreateProjectUser",
		method: http.MethodPost,
		build: func(server string) (*http.Request, error) {
			return gen.NewCreateProjectUserRequest(server, projectID, body)
		},
		limit:  maxInviteBody,
		decode: func(b []byte) error { return decodeProjectMember(b, projectID, &added) },
		recover: recovery{email: p.Email, projectID: projectID, userID: p.UserID, find: func(ctx context.Context) (bool, error) {
			var lerr error
			found, lerr = s.listed(ctx, projectID, p, opts)
			return found != nil, lerr
		}},
	})
	switch {
	case found != nil:
		return asAsked(found, p.Role, resp, nil)
	case err == nil:
		return &added, resp, nil
	case !errors.Is(err, ErrAlreadyInProject):
		return nil, resp, err
	}
	// Listed already: by someone else, or by an earlier attempt whose
	// answer was lost and that a look-up missed.
	existing, lerr := s.listed(ctx, projectID, p, opts)
	if lerr != nil || existing == nil {
		return nil, resp, err
	}
	return asAsked(existing, p.Role, resp, err)
}

// addBody is p as gen's model: the one of UserID and Email that is set.
func addBody(p AddProjectMemberParams) gen.CreateProjectUserJSONRequestBody {
	return gen.CreateProjectUserJSONRequestBody{
		UserID: optional(p.UserID),
		Email:  optional(p.Email),
		Role:   gen.ProjectUserCreateRequestRole(p.Role),
	}
}

// asAsked is what Add returns for m, whom the project lists already: m,
// done, when m has the role asked; else m and an *AlreadyInProjectError,
// holding the API's refusal when one came.
func asAsked(m *ProjectMember, role ProjectRole, resp *Response, refusal error) (*ProjectMember, *Response, error) {
	if m.Role == role {
		return m, resp, nil
	}
	return m, resp, &AlreadyInProjectError{Existing: *m, Wanted: role, Err: refusal}
}

// listed is the person p names as the project projectID lists them, nil
// when it does not: by user ID, one read; by email, a scan of its members.
func (s *ProjectMembersService) listed(ctx context.Context, projectID string, p AddProjectMemberParams, opts []CallOption) (*ProjectMember, error) {
	var m *ProjectMember
	var err error
	if p.UserID != "" {
		m, _, err = s.Get(ctx, projectID, p.UserID, opts...)
	} else {
		members := func(ctx context.Context, last *Response) iter.Seq2[ProjectMember, error] {
			return s.all(ctx, projectID, AllProjectMembersParams{}, opts, last)
		}
		m, _, err = find(ctx, (*service)(s), opts, members,
			func(m ProjectMember) bool { return m.Email != "" && rules.SameEmail(m.Email, p.Email) },
			"no member "+p.Email+" in project "+projectID)
	}
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrNoMatch) {
		return nil, nil
	}
	return m, err
}

// List returns one page of the members of the project projectID. See All
// to walk them all. A page that cannot be part of a complete read (no
// data, has_more with no members, a cursor that does not move past
// p.After) is an *IncompleteReadError, not a page.
func (s *ProjectMembersService) List(ctx context.Context, projectID string, p ProjectMemberListParams, opts ...CallOption) (*ProjectMemberPage, *Response, error) {
	page, resp, err := s.list(ctx, projectID, p, opts)
	if err != nil {
		return nil, resp, err
	}
	return &ProjectMemberPage{Members: page.items, FirstID: page.firstID, LastID: page.lastID, HasMore: page.hasMore}, resp, nil
}

// list is one page, checked: what List returns and All walks.
func (s *ProjectMembersService) list(ctx context.Context, projectID string, p ProjectMemberListParams, opts []CallOption) (pageOf[ProjectMember], *Response, error) {
	if err := ValidateProjectID(projectID); err != nil {
		return pageOf[ProjectMember]{}, nil, err
	}
	if err := validateLimit("limit", p.Limit); err != nil {
		return pageOf[ProjectMember]{}, nil, err
	}
	params := projectMemberListParams(p)
	return projectMembersList(projectID).read(ctx, (*service)(s), opts, p.After, func(server string) (*http.Request, error) {
		return gen.NewListProjectUsersRequest(server, projectID, params)
	})
}

// All yields every member of the project projectID, one page at a time;
// only one page is held in memory. It reads as InvitesService.All does: it
// cannot loop, and it ends only after a page that says it is the last, or
// with an error (a page without data, one that says more follow but holds
// no member, or a cursor that does not advance: an *IncompleteReadError).
// Each page is one call, as List makes, and opts apply to each. An error
// ends the sequence: a caller that decides from the whole list (whom to
// remove, whether a project keeps an owner) must treat it as no list at
// all. An archived project's members cannot be read (ErrProjectArchived).
func (s *ProjectMembersService) All(ctx context.Context, projectID string, p AllProjectMembersParams, opts ...CallOption) iter.Seq2[ProjectMember, error] {
	return s.all(ctx, projectID, p, opts, nil)
}

// all is All that also keeps the Response of the last page in last.
func (s *ProjectMembersService) all(ctx context.Context, projectID string, p AllProjectMembersParams, opts []CallOption, last *Response) iter.Seq2[ProjectMember, error] {
	if err := ValidateProjectID(projectID); err != nil {
		return failed[ProjectMember](err)
	}
	fetch := func(ctx context.Context, lp ListParams) (pageOf[ProjectMember], *Response, error) {
		// Field by field: a conversion would break when ListParams gains a field.
		return s.list(ctx, projectID, ProjectMemberListParams{Limit: lp.Limit, After: lp.After}, opts) //nolint:staticcheck // S1016, as said
	}
	return walk(ctx, p.Limit, fetch, nil, last)
}

// validateMember checks the IDs of a call about one member of a project.
func validateMember(projectID, userID string) error {
	if err := ValidateProjectID(projectID); err != nil {
		return err
	}
	return ruleError("user_id", userID, rules.UserID(userID))
}

// validateAdd checks an add before anything is sent: a project, exactly
// one of a user ID and an email, each by its rule, and a role.
func validateAdd(projectID string, p AddProjectMemberParams) error {
	if err := ValidateProjectID(projectID); err != nil {
		return err
	}
	switch {
	case p.UserID == "" && p.Email == "":
		return invalid("user_id or email", "", rules.ErrEmpty.Error())
	case p.UserID != "" && p.Email != "":
		return invalid("email", p.Email, "give a user ID or an email, not both")
	case p.UserID != "":
		if err := ruleError("user_id", p.UserID, rules.UserID(p.UserID)); err != nil {
			return err
		}
	default:
		if err := ValidateEmail(p.Email); err != nil {
			return err
		}
	}
	return ValidateProjectRole(p.Role)
}

// AlreadyInProjectError is an Add that found the person in the project
// already, with another role than the one asked: Add changes no one's role
// (SetRole does). It matches ErrAlreadyInProject.
type AlreadyInProjectError struct {
	Existing ProjectMember // the member as the project lists them
	Wanted   ProjectRole   // the role Add was asked for
	Err      error         // the API's refusal, when one came; nil when a look-up found them
}

// Error returns one line naming the member, the project and both roles;
// like the other failure types it has no "client: " prefix.
func (e *AlreadyInProjectError) Error() string {
	return fmt.Sprintf("%s is in project %s already as %s, not %s", e.Existing.UserID, e.Existing.ProjectID, e.Existing.Role, e.Wanted)
}

// Is matches ErrAlreadyInProject.
func (e *AlreadyInProjectError) Is(target error) bool { return target == ErrAlreadyInProject }

// Unwrap returns the API's refusal, nil when none came.
func (e *AlreadyInProjectError) Unwrap() error { return e.Err }
