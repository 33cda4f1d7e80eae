// Project grants as the CLI prints them: JSON objects for scripts, and the
// roster syntax (proj_a:member;proj_b:owner) in tables and CSV, written by
// package rosterfile, which also reads it (import, sync, create --project).
// An invite that shows no grant reads as one to the organization's default
// project, as package roster reads it: an empty CSV cell, "default" in a
// table.

package invitecmd

import (
	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
)

// Grant is one project an invite grants, as the CLI prints it.
type Grant struct {
	ID   string `json:"id"`
	Role string `json:"role"` // member or owner
}

// formatProjects writes grants as a roster's projects cell.
func formatProjects(grants []Grant) string {
	return rosterfile.FormatProjects(invitedProjects(grants))
}

// tableProjects writes grants for a person.
func tableProjects(grants []Grant) string {
	return roster.DescribeProjects(invitedProjects(grants))
}

// invitedProjects is what an invite showing grants asks for, as a roster
// entry's projects.
func invitedProjects(grants []Grant) []client.ProjectGrant {
	out := make([]client.ProjectGrant, len(grants))
	for i, g := range grants {
		out[i] = client.ProjectGrant{ID: g.ID, Role: client.ProjectRole(g.Role)}
	}
	return roster.InviteProjects(out)
}
