// roles.go holds the roles both services speak of: a member's or an
// invitee's role in the organization, and an invitee's role in a project,
// as plain strings so that callers never need to import gen.

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

// ProjectRole is an invitee's role in one project.
type ProjectRole string

// Project roles.
const (
	ProjectMember ProjectRole = ProjectRole(gen.ProjectRoleMember)
	ProjectOwner  ProjectRole = ProjectRole(gen.ProjectRoleOwner)
)
