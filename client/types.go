// types.go holds the types callers use, so they never need to import gen:
// plain values (time.Time, nil-able slices) instead of the generated
// pointers and Unix seconds.

package client

import (
	"time"

	"github.com/goinvites/invites/gen"
)

// Role is an invitee's role in the organization.
type Role string

// Organization roles.
const (
	RoleReader Role = Role(gen.InviteRoleReader)
	RoleOwner  Role = Role(gen.InviteRoleOwner)
)

// Status is where an invite stands.
type Status string

// Invite statuses.
const (
	StatusPending  Status = Status(gen.InviteStatusPending)
	StatusAccepted Status = Status(gen.InviteStatusAccepted)
	StatusExpired  Status = Status(gen.InviteStatusExpired)
)

// ProjectRole is an invitee's role in one project.
type ProjectRole string

// Project roles.
const (
	ProjectMember ProjectRole = ProjectRole(gen.ProjectRoleMember)
	ProjectOwner  ProjectRole = ProjectRole(gen.ProjectRoleOwner)
)

// ProjectGrant is one project an invitee joins on accepting.
type ProjectGrant struct {
	ID   string
	Role ProjectRole
}

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
