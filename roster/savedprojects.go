// A saved plan's writes of project access depend on memberships the way
// its other writes depend on members and invites: an add assumes the
// member is not in the project yet, a role change or a removal the role
// they had, a removal of an owner the owners who stay. So the plan keeps
// those memberships, and a fresh read must show them unchanged.

package roster

import (
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/goinvites/invites/client"
)

// touchedProjects are, for each project a write of actions touches, in
// plan order, the memberships in it (as org holds them) of each member a
// write touches, and of every owner of its own when a write takes an
// owner's role away.
func touchedProjects(actions []Action, org Org) []SavedProject {
	out := []SavedProject{}
	at := map[string]int{}                  // project ID -> index in out
	touches := map[string]map[string]bool{} // project ID -> user IDs written to
	ownerLeaves := map[string]bool{}
	for _, a := range actions {
		if !a.Kind.aboutProject() || a.Project == nil || a.Member == nil {
			continue
		}
		id := a.Project.ID
		if _, ok := at[id]; !ok {
			at[id] = len(out)
			out = append(out, SavedProject{ID: id, Name: a.Project.Name, Members: []SavedProjectMember{}})
			touches[id] = map[string]bool{}
		}
		touches[id][a.Member.ID] = true
		ownerLeaves[id] = ownerLeaves[id] || losesProjectOwner(a)
	}
	owners := orgOwners(org.Members)
	for id, i := range at {
		for _, pm := range org.ProjectMembers[id] {
			if touches[id][pm.UserID] || ownerLeaves[id] && pm.Role == client.ProjectRoleOwner && !owners[pm.UserID] {
				out[i].Members = append(out[i].Members, SavedProjectMember{UserID: pm.UserID, Email: pm.Email, Role: pm.Role})
			}
		}
	}
	return out
}

// validate refuses a project part no plan writes.
func (sp SavedProject) validate() error {
	problems := []error{client.ValidateProjectID(sp.ID)}
	for _, m := range sp.Members {
		problems = append(problems, client.ValidateUserID(m.UserID), client.ValidateProjectRole(m.Role))
	}
	if err := errors.Join(problems...); err != nil {
		return fmt.Errorf("project %s: %w", strconv.Quote(sp.ID), err)
	}
	return nil
}

// validate refuses the project of a write of kind that no plan makes: a
// role asked for a removal or none for an add, a project the plan's
// project part does not hold.
func (s SavedProjectAccess) validate(kind Kind, projects map[string]bool) error {
	problems := []error{client.ValidateProjectID(s.ID)}
	switch {
	case kind == RemoveFromProject && (s.After != "" || s.Before == ""):
		problems = append(problems, errors.New("a removal from a project asks no role, and takes one away"))
	case kind == AddToProject && s.Before != "":
		problems = append(problems, errors.New("an add to a project is of someone not in it"))
	case kind == SetProjectRole && s.Before == "":
		problems = append(problems, errors.New("a project role change is of someone in it"))
	case kind != RemoveFromProject:
		problems = append(problems, client.ValidateProjectRole(s.After))
	}
	if !projects[s.ID] {
		problems = append(problems, fmt.Errorf("project %s is not in the plan's project part", strconv.Quote(s.ID)))
	}
	return errors.Join(problems...)
}

// projectChanges compares the plan's project part with org, a fresh read.
func (p *SavedPlan) projectChanges(idx orgIndex) []Change {
	var out []Change
	for _, sp := range p.Projects {
		was := map[string]SavedProjectMember{}
		for _, m := range sp.Members {
			was[m.UserID] = m
		}
		planned := map[string][]Kind{} // user ID -> the plan's writes to them here; "" -> all of them
		var users []string             // the users to compare, in plan order, then the owners counted on
		emails := map[string]string{}
		for _, a := range p.Actions {
			if a.Project == nil || a.Project.ID != sp.ID || !a.Kind.Writes() {
				continue
			}
			if _, seen := emails[a.UserID]; !seen {
				users = append(users, a.UserID)
				emails[a.UserID] = a.Email
			}
			for _, k := range []string{a.UserID, ""} { // "": the project's, for a change of the whole project
				if !slices.Contains(planned[k], a.Kind) {
					planned[k] = append(planned[k], a.Kind)
				}
			}
		}
		for _, m := range sp.Members {
			if _, seen := emails[m.UserID]; !seen {
				users = append(users, m.UserID)
				emails[m.UserID] = m.Email
			}
		}
		name := describeProject(&client.Project{ID: sp.ID, Name: sp.Name})
		add := func(userID, what string) {
			out = append(out, Change{Email: emails[userID], UserID: userID, ProjectID: sp.ID, What: "project " + name + ": " + what, Planned: planned[userID]})
		}
		switch now := idx.projects[sp.ID]; {
		case now == nil:
			add("", "no longer listed")
			continue
		case now.Archived():
			add("", "archived")
			continue
		}
		members, read := idx.projectMembers[sp.ID]
		if !read {
			add("", "its members were not read")
			continue
		}
		for _, id := range users {
			before, after := was[id].Role, client.ProjectRole("")
			if pm := members[id]; pm != nil {
				after = pm.Role
			}
			switch {
			case before == after:
			case before == "":
				add(id, fmt.Sprintf("%s added as %s", emails[id], after))
			case after == "":
				add(id, fmt.Sprintf("%s no longer in it", emails[id]))
			default:
				add(id, fmt.Sprintf("%s's role %s -> %s", emails[id], before, after))
			}
		}
	}
	return out
}

// bindProject points a, bound from s, at its project and membership as
// idx holds them; an action that sends nothing keeps what the plan saw of
// a project idx lacks.
func (s SavedAction) bindProject(a *Action, idx orgIndex) error {
	if s.Project == nil {
		return nil
	}
	a.Project, a.ProjectRole = idx.projects[s.Project.ID], s.Project.After
	if a.Project == nil && !s.Kind.Writes() {
		a.Project = &client.Project{ID: s.Project.ID, Name: s.Project.Name}
	}
	if a.Project == nil {
		return errors.New("its project is not in the organization")
	}
	if a.Member != nil {
		a.ProjectMember = idx.projectMembers[s.Project.ID][a.Member.ID]
	}
	return nil
}

// guardProjects applies Plan's guard rails of project access to bound
// actions: no write to an owner of the organization's project access, no
// removal of access the action's own entry grants, no project left
// without an owner of its own.
func guardProjects(actions []Action, org Org) []error {
	owners := orgOwners(org.Members)
	var problems []error
	for i, a := range actions {
		if !a.Kind.aboutProject() || a.Member == nil || a.Project == nil {
			continue
		}
		switch {
		case owners[a.Member.ID]:
			problems = append(problems, fmt.Errorf("action %d (%s %s): an owner of the organization, whose project access is never changed", i+1, a.Kind, a.Email))
		case a.Kind == RemoveFromProject && a.Entry != nil && slices.ContainsFunc(a.Entry.Projects, func(g client.ProjectGrant) bool { return g.ID == a.Project.ID }):
			problems = append(problems, fmt.Errorf("action %d (%s %s): the roster grants this access", i+1, a.Kind, a.Email))
		}
	}
	pa := readAccess(nil, org, PlanOptions{})
	for _, id := range pa.ownerless(actions) {
		problems = append(problems, fmt.Errorf("its writes leave project %s without an owner of its own", describeProject(pa.byID[id])))
	}
	return problems
}
