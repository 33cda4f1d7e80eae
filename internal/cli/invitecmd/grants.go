// Project grants as the CLI prints them: JSON objects for scripts, and the
// roster syntax (proj_a:member;proj_b:owner) in tables and CSV, written by
// package roster, which also reads it (import, sync, create --project).

package invitecmd

import (
	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/rosterfile"
)

// Grant is one project an invite grants, as the CLI prints it.
type Grant struct {
	ID   string `json:"id"`
	Role string `json:"role"` // member or owner
}

// formatProjects writes grants in the roster syntax; an invite with no
// project shows an empty cell.
func formatProjects(grants []Grant) string {
	if len(grants) == 0 {
		return ""
	}
	out := make([]client.ProjectGrant, len(grants))
	for i, g := range grants {
		out[i] = client.ProjectGrant{ID: g.ID, Role: client.ProjectRole(g.Role)}
	}
	return rosterfile.FormatProjects(out)
}
