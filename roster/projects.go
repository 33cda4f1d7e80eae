// Projects are read by people in plan reasons, tables and reports, and
// written back into rosters by export: the organization's default project
// must read the same everywhere, and never as "none", which grants no
// project at all.

package roster

import (
	"cmp"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/rosterfile"
)

// DefaultProject is the word for the organization's default project
// wherever a person reads projects (a table, a plan's reason): what an
// empty projects cell asks, and what an invite sent without projects
// grants. It is not a roster cell: a roster asks for the default project
// with an empty cell.
const DefaultProject = "default"

// InviteProjects is what an invite's projects, as the API shows them, ask
// for as an [rosterfile.Entry]'s Projects would: nil, the organization's
// default project, for an invite that shows no grant; otherwise its grants.
//
// The API shows an invite sent without projects (the default project) with
// no grant, or with the default project's own grant, which then reads as
// itself. An invite sent with "projects": [] also shows no grant: once
// sent, the two cannot be told apart, and both read as the default, the
// projects an invite gets when nothing is said.
func InviteProjects(shown []client.ProjectGrant) []client.ProjectGrant {
	if len(shown) == 0 {
		return nil
	}
	return shown
}

// DescribeProjects writes projects for a person: [DefaultProject] for nil,
// "none" ([rosterfile.NoProjects]) for an empty slice, and otherwise the
// grants as a roster cell holds them (proj_a:member;proj_b:owner).
func DescribeProjects(grants []client.ProjectGrant) string {
	return cmp.Or(rosterfile.FormatProjects(grants), DefaultProject)
}
