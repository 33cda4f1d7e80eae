// A saved plan is applied only if what it touches is as it was when it was
// made: the check names every change, so that the admin sees why a plan a
// colleague approved is refused, and the saved actions are then bound to
// the fresh read, so that Apply acts on the organization as it is now.

package roster

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/rules"
	"github.com/goinvites/invites/rosterfile"
)

// ErrPlanChanged is matched by a *PlanChangedError.
var ErrPlanChanged = errors.New("roster: the organization changed since the plan was made")

// PlanChangedError is a saved plan refused because something it touches
// changed since it was made.
type PlanChangedError struct {
	Changes []Change // in the order of the plan's org part
}

func (e *PlanChangedError) Error() string {
	parts := make([]string, len(e.Changes))
	for i, c := range e.Changes {
		parts[i] = c.String()
	}
	return fmt.Sprintf("the organization changed since the plan was made, in %d thing(s) it touches: %s", len(parts), strings.Join(parts, "; "))
}

// Is matches ErrPlanChanged.
func (e *PlanChangedError) Is(target error) bool { return target == ErrPlanChanged }

// Change is one difference between the organization a plan was made from
// and a fresh read, in something the plan touches.
type Change struct {
	Email     string // as the plan saw it
	UserID    string // the member that changed, if it was a member
	InviteID  string // the invite that changed, if it was an invite
	ProjectID string // the project whose membership changed, if it was one
	// What says what changed, as in "member ada@example.com: role reader ->
	// owner", "invite to bob@example.com accepted" or `project "Research"
	// (proj_a): ada@example.com added as member`.
	What string
	// Planned is what the plan writes for this email; none for an owner
	// that the guard against leaving no owner counted on.
	Planned []Kind
}

// String is What and why it matters to the plan.
func (c Change) String() string {
	if len(c.Planned) == 0 {
		return c.What + " (an owner the plan counts on, as it demotes or removes one)"
	}
	kinds := make([]string, len(c.Planned))
	for i, k := range c.Planned {
		kinds[i] = string(k)
	}
	return c.What + " (the plan: " + strings.Join(kinds, ", ") + ")"
}

// orgIndex is an organization as a saved plan looks things up in it.
type orgIndex struct {
	users     map[string]*client.User   // by ID
	invites   map[string]*client.Invite // by ID
	membersOf map[string][]*client.User // by EmailKey
	// invitesOf holds the pending and expired invites, by EmailKey: an
	// accepted one counts for nothing in a plan.
	invitesOf map[string][]*client.Invite
	projects  map[string]*client.Project // by ID
	// projectMembers are the memberships of the projects whose members were
	// read, by project ID, then user ID.
	projectMembers map[string]map[string]*client.ProjectMember
}

func indexOrg(org Org) orgIndex {
	idx := orgIndex{
		users: map[string]*client.User{}, invites: map[string]*client.Invite{},
		membersOf: map[string][]*client.User{}, invitesOf: map[string][]*client.Invite{},
		projects: map[string]*client.Project{}, projectMembers: map[string]map[string]*client.ProjectMember{},
	}
	for i := range org.Projects {
		idx.projects[org.Projects[i].ID] = &org.Projects[i]
	}
	for id, list := range org.ProjectMembers {
		idx.projectMembers[id] = map[string]*client.ProjectMember{}
		for i := range list {
			idx.projectMembers[id][list[i].UserID] = &list[i]
		}
	}
	for i := range org.Members {
		m := &org.Members[i]
		idx.users[m.ID] = m
		idx.membersOf[trimmedKey(m.Email)] = append(idx.membersOf[trimmedKey(m.Email)], m)
	}
	for i := range org.Invites {
		inv := &org.Invites[i]
		idx.invites[inv.ID] = inv
		if inv.Status == client.StatusPending || inv.Status == client.StatusExpired {
			idx.invitesOf[trimmedKey(inv.Email)] = append(idx.invitesOf[trimmedKey(inv.Email)], inv)
		}
	}
	return idx
}

// save is what idx holds for email.
func (idx orgIndex) save(email string) SavedEmail {
	k := trimmedKey(email)
	e := SavedEmail{Email: email, Members: []SavedMember{}, Invites: []SavedInvite{}}
	for _, m := range idx.membersOf[k] {
		e.Members = append(e.Members, SavedMember{ID: m.ID, Role: m.Role, ServiceAccount: m.IsServiceAccount, SCIMManaged: m.IsSCIMManaged})
	}
	for _, inv := range idx.invitesOf[k] {
		e.Invites = append(e.Invites, SavedInvite{ID: inv.ID, Status: inv.Status, Role: inv.Role, Projects: rosterfile.FormatProjects(inv.Projects)})
	}
	return e
}

// changes compares the plan's org part with idx, a fresh read.
func (p *SavedPlan) changes(idx orgIndex) []Change {
	planned := map[string][]Kind{}
	for _, a := range p.Actions {
		if k := trimmedKey(a.Email); a.Kind.Writes() && !slices.Contains(planned[k], a.Kind) {
			planned[k] = append(planned[k], a.Kind)
		}
	}
	var out []Change
	for _, e := range p.Org {
		k := trimmedKey(e.Email)
		add := func(userID, inviteID, what string) {
			out = append(out, Change{Email: e.Email, UserID: userID, InviteID: inviteID, What: what, Planned: planned[k]})
		}
		was := map[string]bool{}
		for _, s := range e.Members {
			was[s.ID] = true
			if what := s.changed(e.Email, idx.users[s.ID]); what != "" {
				add(s.ID, "", what)
			}
		}
		for _, m := range idx.membersOf[k] {
			if !was[m.ID] {
				add(m.ID, "", "new member "+m.Email)
			}
		}
		for _, s := range e.Invites {
			was[s.ID] = true
			if what := s.changed(e.Email, idx.invites[s.ID]); what != "" {
				add("", s.ID, what)
			}
		}
		for _, inv := range idx.invitesOf[k] {
			if !was[inv.ID] {
				add("", inv.ID, fmt.Sprintf("new %s invite to %s", inv.Status, inv.Email))
			}
		}
	}
	return out
}

// changed says how m, as read now (nil: gone), differs from s; "" if not.
func (s SavedMember) changed(email string, m *client.User) string {
	var diffs []string
	switch {
	case m == nil:
		return "member " + email + " removed"
	case trimmedKey(m.Email) != trimmedKey(email):
		diffs = append(diffs, "email -> "+m.Email)
	}
	if m.Role != s.Role {
		diffs = append(diffs, fmt.Sprintf("role %s -> %s", s.Role, m.Role))
	}
	if m.IsServiceAccount != s.ServiceAccount {
		diffs = append(diffs, fmt.Sprintf("service account %t -> %t", s.ServiceAccount, m.IsServiceAccount))
	}
	if m.IsSCIMManaged != s.SCIMManaged {
		diffs = append(diffs, fmt.Sprintf("managed by SCIM %t -> %t", s.SCIMManaged, m.IsSCIMManaged))
	}
	if diffs == nil {
		return ""
	}
	return "member " + email + ": " + strings.Join(diffs, ", ")
}

// changed says how inv, as read now (nil: gone), differs from s; "" if not.
func (s SavedInvite) changed(email string, inv *client.Invite) string {
	switch {
	case inv == nil:
		return "invite to " + email + " deleted"
	case inv.Status != s.Status && (inv.Status == client.StatusAccepted || inv.Status == client.StatusExpired):
		return fmt.Sprintf("invite to %s %s", email, inv.Status)
	}
	var diffs []string
	if inv.Status != s.Status {
		diffs = append(diffs, fmt.Sprintf("status %s -> %s", s.Status, inv.Status))
	}
	if inv.Role != s.Role {
		diffs = append(diffs, fmt.Sprintf("role %s -> %s", s.Role, inv.Role))
	}
	if saved, err := rosterfile.ParseProjects(s.Projects); err != nil || !client.SameGrants(saved, inv.Projects) {
		diffs = append(diffs, fmt.Sprintf("projects %s -> %s", DescribeProjects(InviteProjects(saved)), DescribeProjects(InviteProjects(inv.Projects))))
	}
	if diffs == nil {
		return ""
	}
	return "invite to " + email + ": " + strings.Join(diffs, ", ")
}

// ReadOptions are what a fresh read must hold for [SavedPlan.Bind]: the
// members and the invites and, for a plan that writes project access, the
// projects and the members of each project its writes touch.
func (p *SavedPlan) ReadOptions() ReadOrgOptions {
	if len(p.Projects) == 0 {
		return ReadOrgOptions{}
	}
	touched := map[string]bool{}
	for _, sp := range p.Projects {
		touched[sp.ID] = true
	}
	return ReadOrgOptions{Projects: true, Manage: func(pr client.Project) bool { return touched[pr.ID] }}
}

// Bind checks the plan against org, a fresh read of the organization, as
// [SavedPlan.Check] does, and returns its actions bound to that read (each
// Member and Invite points into org), ready for [Apply]: the saved actions,
// not a new plan. It refuses, matching ErrPlanInvalid, actions that Plan
// would never have made from org, as a file edited by hand may hold: a
// write to a service account or SCIM-managed member, the removal of a
// member the plan's entries list or one whose email looks like theirs, a
// write Plan holds as a look-alike's, writes that leave the organization
// without an owner or a project without one of its own, a write to an
// organization owner's project access, a removal of project access the
// action's entry grants; and, as
// ReadSavedPlan does, actions that do not name what their kind needs. The
// plan's age is CheckAge's to judge.
//
// An action that sends nothing keeps the member or invite the plan saw
// when org no longer holds it.
func (p *SavedPlan) Bind(org Org) ([]Action, error) {
	if err := p.validate(); err != nil { // a plan built in code, not read
		return nil, err
	}
	if err := p.Check(org); err != nil {
		return nil, err
	}
	idx := indexOrg(org)
	actions := make([]Action, len(p.Actions))
	for i, s := range p.Actions {
		a, err := s.bind(idx)
		if err == nil {
			err = s.bindProject(&a, idx)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: action %d (%s %s): %w", ErrPlanInvalid, i+1, s.Kind, s.Email, err)
		}
		actions[i] = a
	}
	if err := guardSaved(actions, org); err != nil {
		return nil, err
	}
	return actions, nil
}

// bind is s with the member and invite it names as idx holds them. An
// action that sends nothing keeps what the plan saw of one idx lacks.
func (s SavedAction) bind(idx orgIndex) (Action, error) {
	a := Action{Kind: s.Kind, Email: s.Email, Reason: s.Reason}
	var err error
	if s.After != nil {
		a.Entry = &rosterfile.Entry{Email: s.Email, Role: s.After.Role}
		if a.Entry.Projects, err = rosterfile.ParseProjects(s.After.Projects); err != nil {
			return a, err
		}
	}
	if s.UserID != "" {
		a.Member = idx.users[s.UserID]
		if a.Member == nil && !s.Kind.Writes() && s.Before != nil {
			a.Member = &client.User{ID: s.UserID, Email: s.Email, Role: s.Before.Role}
		}
	}
	if s.InviteID != "" {
		a.Invite = idx.invites[s.InviteID]
		if a.Invite == nil && !s.Kind.Writes() && s.Before != nil {
			a.Invite = &client.Invite{ID: s.InviteID, Email: s.Email, Role: s.Before.Role}
			if a.Invite.Projects, err = rosterfile.ParseProjects(s.Before.Projects); err != nil {
				return a, err
			}
		}
	}
	if (s.UserID != "") != (a.Member != nil) || (s.InviteID != "") != (a.Invite != nil) {
		return a, errors.New("its member or invite is not in the organization")
	}
	return a, nil
}

// guardSaved applies Plan's guard rails to bound actions.
func guardSaved(actions []Action, org Org) error {
	rostered := map[string]bool{}
	var entries []rosterfile.Entry
	for _, a := range actions {
		if a.Entry != nil {
			rostered[trimmedKey(a.Email)] = true
			entries = append(entries, *a.Entry)
		}
	}
	looks := lookalikes(entries)
	changes := map[string]client.Role{}
	var problems []error
	for i, a := range actions {
		if !a.Kind.Writes() || a.Member == nil {
			continue
		}
		_, looksListed := looks[rules.VisibleKey(a.Email)]
		switch {
		case a.Member.Managed():
			problems = append(problems, fmt.Errorf("action %d (%s %s): %s, never changed", i+1, a.Kind, a.Email, managedKind(a.Member)))
		case a.Kind == Remove && (rostered[trimmedKey(a.Email)] || looksListed):
			problems = append(problems, fmt.Errorf("action %d (%s %s): the plan's entries list this email, or one that looks like it", i+1, a.Kind, a.Email))
		case a.Kind == Remove:
			changes[a.Member.ID] = ""
		case a.Kind == SetRole:
			changes[a.Member.ID] = a.Entry.Role
		}
	}
	if LeavesNoOwner(org.Members, changes) {
		problems = append(problems, errors.New("its writes leave the organization without an owner"))
	}
	problems = append(problems, guardProjects(actions, org)...)
	held := holdLookalikes(org, slices.Clone(actions))
	for i, a := range actions {
		if a.Kind.Writes() && held[i].Kind == Held {
			problems = append(problems, fmt.Errorf("action %d (%s %s): %s", i+1, a.Kind, a.Email, held[i].Reason))
		}
	}
	if err := errors.Join(problems...); err != nil {
		return fmt.Errorf("%w: %w", ErrPlanInvalid, err)
	}
	return nil
}
