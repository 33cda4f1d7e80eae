// A member's access to the organization's projects is kept true to their
// roster row as their role is: compared with complete reads of the members
// of each project the sync manages, changed only where the row's projects
// cell says something, and never beyond the managed projects, so that a
// project nobody wrote down is never touched.

package roster

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/rosterfile"
)

// projectAccess is what a plan knows of the organization's projects; nil
// when they were not read, and then a plan leaves project access alone.
type projectAccess struct {
	byID    map[string]*client.Project // every project read
	order   []string                   // their IDs, as read
	managed []*client.Project          // the active projects the plan manages, as read
	// members are the members of each project whose members were read, by
	// project ID, then user ID.
	members map[string]map[string]*client.ProjectMember
	// orgOwners are the organization's owners, by user ID: owners of every
	// project by their organization role, whose project access no one
	// changes.
	orgOwners  map[string]bool
	createOnly bool
}

// readAccess is what org says of its projects, for a plan of entries with
// opts; nil when org holds no projects.
func readAccess(entries []rosterfile.Entry, org Org, opts PlanOptions) *projectAccess {
	if org.Projects == nil {
		return nil
	}
	pa := &projectAccess{
		byID: map[string]*client.Project{}, members: map[string]map[string]*client.ProjectMember{},
		orgOwners: orgOwners(org.Members), createOnly: opts.CreateOnly,
	}
	named := namedProjects(entries)
	for i := range org.Projects {
		p := &org.Projects[i]
		pa.byID[p.ID] = p
		pa.order = append(pa.order, p.ID)
		if !p.Archived() && (opts.ManageProjects == ScopeAll || named[p.ID]) {
			pa.managed = append(pa.managed, p)
		}
	}
	for id, list := range org.ProjectMembers {
		byUser := make(map[string]*client.ProjectMember, len(list))
		for i := range list {
			byUser[list[i].UserID] = &list[i]
		}
		pa.members[id] = byUser
	}
	return pa
}

// orgOwners are the user IDs of the organization's owners (service
// accounts aside, as the owner guard counts them).
func orgOwners(members []client.User) map[string]bool {
	out := map[string]bool{}
	for _, m := range members {
		if m.Role == client.RoleOwner && !m.IsServiceAccount {
			out[m.ID] = true
		}
	}
	return out
}

// plan is the actions that make m's access to the managed projects what
// e's projects cell says: none for an empty cell, nor for an owner of the
// organization (or one e makes an owner), who owns every project by that
// role. A cell naming a project org does not hold as active, by ID, gets
// one Held action and changes nothing: a cell the plan cannot read whole
// must not remove anyone from anything.
func (pa *projectAccess) plan(e *rosterfile.Entry, m *client.User) []Action {
	if pa == nil || e.Projects == nil || pa.orgOwners[m.ID] || e.Role == client.RoleOwner {
		return nil
	}
	base := Action{Email: e.Email, Member: m, Entry: withRole(e, m.Role)}
	var problems []string
	for _, g := range e.Projects {
		switch p := pa.byID[g.ID]; {
		case p == nil:
			problems = append(problems, fmt.Sprintf("project %s: no such project (resolve names with ResolveProjects)", strconv.Quote(g.ID)))
		case p.Archived():
			problems = append(problems, fmt.Sprintf("project %s: archived", describeProject(p)))
		}
	}
	if problems != nil {
		base.Kind, base.Reason = Held, "project access not planned: "+strings.Join(problems, "; ")
		return []Action{base}
	}
	var out []Action
	named := map[string]bool{}
	for _, g := range e.Projects {
		p := pa.byID[g.ID]
		named[p.ID] = true
		byUser, read := pa.members[p.ID]
		if !read { // unread tells of it once, for the project
			continue
		}
		a := base
		a.Project, a.ProjectRole = p, g.Role
		switch cur := byUser[m.ID]; {
		case cur == nil:
			out = append(out, pa.finish(a, AddToProject, fmt.Sprintf("not a member -> %s", g.Role)))
		case cur.Role != g.Role:
			a.ProjectMember = cur
			out = append(out, pa.finish(a, SetProjectRole, fmt.Sprintf("role %s -> %s", cur.Role, g.Role)))
		}
	}
	for _, p := range pa.managed {
		cur := pa.members[p.ID][m.ID]
		if cur == nil || named[p.ID] {
			continue
		}
		a := base
		a.Project, a.ProjectMember = p, cur
		why := "the roster's projects do not name it"
		if len(e.Projects) == 0 {
			why = "the roster's projects are " + rosterfile.NoProjects
		}
		out = append(out, pa.finish(a, RemoveFromProject, fmt.Sprintf("%s -> not a member (%s)", cur.Role, why)))
	}
	return out
}

// finish gives a the kind and reason of a change to its member's access
// to its project: kind, unless the member is managed (never changed) or
// the plan only adds (a change that is not an add is a Mismatch).
func (pa *projectAccess) finish(a Action, kind Kind, what string) Action {
	switch {
	case a.Member.Managed():
		a.Kind, what = Managed, fmt.Sprintf("%s, %s not changed", managedKind(a.Member), what)
	case pa.createOnly && kind != AddToProject:
		a.Kind = Mismatch
	default:
		a.Kind = kind
	}
	a.Reason = projectReason(a.Project, what)
	return a
}

// unread is one Held action for each managed project whose members org
// does not hold: no one's access to it is planned without them.
func (pa *projectAccess) unread() []Action {
	if pa == nil {
		return nil
	}
	var out []Action
	for _, p := range pa.managed {
		if _, read := pa.members[p.ID]; !read {
			out = append(out, Action{Kind: Held, Project: p,
				Reason: projectReason(p, "its members were not read, so no one's access to it is planned")})
		}
	}
	return out
}

// holdOwnerless turns into Held every removal and demotion of a project's
// owner when together the plan's writes would leave that project without
// an owner of its own (see ownerless).
func (pa *projectAccess) holdOwnerless(actions []Action) []Action {
	for _, id := range pa.ownerless(actions) {
		for i, a := range actions {
			if a.ProjectID() == id && losesProjectOwner(a) {
				actions[i].Kind = Held
				actions[i].Reason = projectReason(a.Project, fmt.Sprintf("would leave the project without an owner of its own (%s)", strings.TrimPrefix(a.Reason, projectReason(a.Project, ""))))
			}
		}
	}
	return actions
}

// ownerless are the IDs of the projects that the writes of project access
// among actions leave without an owner of their own, in the order the
// projects were read. The organization's owners do not count: they own
// every project by their organization role, and counting them would let
// any project lose the people who run it.
func (pa *projectAccess) ownerless(actions []Action) []string {
	if pa == nil {
		return nil
	}
	after := map[string]map[string]bool{} // project ID -> user ID -> owns it after the plan
	for _, a := range actions {
		if a.Member == nil || a.Project == nil || !a.Kind.aboutProject() {
			continue
		}
		if after[a.Project.ID] == nil {
			after[a.Project.ID] = map[string]bool{}
		}
		after[a.Project.ID][a.Member.ID] = a.ProjectRole == client.ProjectRoleOwner
	}
	var out []string
	for _, id := range pa.order {
		if changes := after[id]; changes != nil && ownerless(pa.owners(id), changes) {
			out = append(out, id)
		}
	}
	return out
}

// owners are the IDs of the members who own project id in their own
// right: its owners that are not the organization's.
func (pa *projectAccess) owners(id string) []string {
	var out []string
	for userID, pm := range pa.members[id] {
		if pm.Role == client.ProjectRoleOwner && !pa.orgOwners[userID] {
			out = append(out, userID)
		}
	}
	return out
}

// losesProjectOwner reports whether a takes an owner's role in a project
// away.
func losesProjectOwner(a Action) bool {
	return a.ProjectMember != nil && a.ProjectMember.Role == client.ProjectRoleOwner &&
		(a.Kind == RemoveFromProject || a.Kind == SetProjectRole && a.ProjectRole != client.ProjectRoleOwner)
}

// describeProject is how a reason names a project: its name and ID,
// `"Research" (proj_a)`, or its ID alone when it has no name.
func describeProject(p *client.Project) string {
	if p.Name == "" {
		return p.ID
	}
	return strconv.Quote(p.Name) + " (" + p.ID + ")"
}

// projectReason is what, said of project p.
func projectReason(p *client.Project, what string) string {
	return "project " + describeProject(p) + ": " + what
}

// onProject is reason, said of a's project when it is about one.
func (a Action) onProject(reason string) string {
	if a.Project == nil {
		return reason
	}
	return projectReason(a.Project, reason)
}
