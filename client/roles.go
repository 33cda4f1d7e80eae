// roles.go holds the roles the services speak of: a member's or an
// invitee's role in the organization, and a role in a project (a project
// member's, or one an invite grants), as plain strings so that callers
// never need to import gen.

package client

import (
	"github.com/goinvites/invites/gen"
)

// Role is an invitee's role in the organization.
type Role string

// Organization roles.
const (
	RoleReader Role = Role(gen.InviteRoleReader)
	RoleOwner  Role = Role(gen.InviteRoleOwner)
)

// ProjectRole is a role in one project: a project member's, or the one an
// invite grants.
type ProjectRole string

// Project roles.
const (
	ProjectRoleMember ProjectRole = ProjectRole(gen.ProjectRoleMember)
	ProjectRoleOwner  ProjectRole = ProjectRole(gen.ProjectRoleOwner)
)
