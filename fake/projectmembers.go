// A project's members are the organization's members who may use it, each
// with a role in it (owner or member). The fake keeps the lifecycle the API
// documents and is reported to have: only a member of the organization can
// be added; an archived project refuses every member call; accepting an
// invite adds the person to the projects it named; leaving the
// organization ends every project membership; and the organization's
// owners are owners of every project without being added, which is how the
// fake shows them (see ProjectMember). Each project's members live in a
// sequence of their own, so their list pages like the others.

package fake

import (
	"errors"
	"fmt"
	"time"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/internal/rules"
)

// ProjectMember is a member of a project: one to seed with
// [WithProjectMembers] or [Handler.AddProjectMember], and one as
// [Handler.ProjectMembers] shows it.
//
// An owner of the organization is listed in every active project as its
// owner, Implicit, whether or not anyone added them, and stays so while
// they own the organization: adding them is refused as "already exists in
// project", and so are changing their role and removing them, as the real
// API is reported to refuse them. One who was added too (an invite's
// project, [Handler.AddProjectMember]) is shown as owner all the same, and
// keeps the role given if they stop owning the organization; one who was
// not leaves every project then. Archived projects keep the members they
// had.
type ProjectMember struct {
	// ProjectID is the project.
	ProjectID string `json:"project_id"`
	// UserID is the member's ID in the organization. To seed, name the
	// member by UserID or, when it is "", by Email.
	UserID string `json:"user_id,omitempty"`
	// Email and Name are the member's, as the organization's users show
	// them ("" for none); seeding reads Email only to find the member.
	Email string `json:"email,omitempty"`
	Name  string `json:"name,omitempty"`
	// Role is "owner" or "member", "member" when empty to seed; an owner
	// of the organization reads "owner".
	Role string `json:"role,omitempty"`
	// AddedAt is when the member was added to the project; the zero time
	// means the fake's now to seed.
	AddedAt time.Time `json:"added_at,omitzero"`
	// Implicit marks an owner of the organization no one added to the
	// project; seeding ignores it.
	Implicit bool `json:"implicit,omitempty"`
}

// Errors of [Handler.AddProjectMember] (and so of [Start] with
// [WithProjectMembers]), beside [ErrProjectNotFound]; test them with
// errors.Is.
var (
	// ErrNoMember is a person who is not a member of the organization.
	ErrNoMember = errors.New("fake: no member of the organization has this ID or email")
	// ErrProjectMemberExists is someone the project already lists, other
	// than an organization owner listed implicitly.
	ErrProjectMemberExists = errors.New("fake: already a member of this project")
)

// projectMember is a stored membership: who, the role given, and whether
// no one gave it (an organization owner's).
type projectMember struct {
	Seq      int64  `json:"seq"`
	UserID   string `json:"user_id"`
	Role     string `json:"role"`
	AddedAt  int64  `json:"added_at"`
	Implicit bool   `json:"implicit,omitempty"`
}

func (pm *projectMember) seq() int64 { return pm.Seq }
func (pm *projectMember) id() string { return pm.UserID }

const (
	roleOwner         = string(gen.ProjectUserCreateRequestRoleOwner)
	roleProjectMember = string(gen.ProjectUserCreateRequestRoleMember)
)

// ownsOrganization reports whether m is an owner of the organization.
func ownsOrganization(m *member) bool {
	return m.User.Role != nil && *m.User.Role == string(gen.UserRoleUpdateRequestRoleOwner)
}

// join makes userID a member of p with role, as of at.
func (p *project) join(userID, role string, at time.Time, implicit bool) *projectMember {
	pm := &projectMember{Seq: p.members.next(), UserID: userID, Role: role, AddedAt: p.since(at), Implicit: implicit}
	p.members.insert(pm)
	return pm
}

// since is when a membership that began at at began in p: no one is a
// member of a project before it was created.
func (p *project) since(at time.Time) int64 { return max(at.Unix(), p.Project.CreatedAt) }

// leave ends userID's membership of p, recording it when someone gave it.
func (h *Handler) leave(p *project, userID string) {
	pm := p.members.byID[userID]
	if !pm.Implicit {
		p.removed = append(p.removed, h.projectUser(pm))
	}
	p.members.remove(userID)
}

// settleOwner makes m an implicit owner of p, if active, while m owns the
// organization, and ends the implicit ownership once m does not. An
// ownership begins when m joined (or p was created), or at since if that
// is later: the time of a promotion.
func (p *project) settleOwner(m *member, since time.Time) {
	if p.archived() {
		return
	}
	pm, in := p.members.byID[m.User.ID]
	switch owner := ownsOrganization(m); {
	case owner && !in:
		p.join(m.User.ID, roleOwner, maxTime(since, unixTime(&m.User.AddedAt)), true)
	case !owner && in && pm.Implicit:
		p.members.remove(m.User.ID)
	}
}

// settleMember brings m's implicit ownerships up to date in every project,
// after m joined (since: the zero time) or their role changed (since: now).
func (h *Handler) settleMember(m *member, since time.Time) {
	for _, p := range h.store.projects.records {
		p.settleOwner(m, since)
	}
}

// settleAll brings every implicit ownership of an active project up to
// date, after a load; archived projects keep what they had.
func (h *Handler) settleAll() {
	for _, m := range h.store.members.records {
		h.settleMember(m, time.Time{})
	}
	for _, p := range h.store.projects.records {
		if p.archived() {
			continue
		}
		for _, pm := range p.members.newestFirst() {
			if m, ok := h.store.members.byID[pm.UserID]; pm.Implicit && (!ok || !ownsOrganization(m)) {
				p.members.remove(pm.UserID)
			}
		}
	}
}

// leaveEveryProject ends userID's membership of every project, archived
// ones too, as leaving the organization does.
func (h *Handler) leaveEveryProject(userID string) {
	for _, p := range h.store.projects.records {
		if _, in := p.members.byID[userID]; in {
			h.leave(p, userID)
		}
	}
}

// grant gives m role in p as of at: a new membership, or the role given to
// an implicit owner, who is then a member in their own right. It reports
// false when m was already a member in their own right.
func grant(p *project, m *member, role string, at time.Time) bool {
	pm, in := p.members.byID[m.User.ID]
	switch {
	case !in:
		p.join(m.User.ID, role, at, false)
	case pm.Implicit:
		pm.Implicit, pm.Role, pm.AddedAt = false, role, p.since(at)
	default:
		return false
	}
	return true
}

// grantInvite gives m, who accepted r at now, the projects r named: its
// grants, or the default project (as a member) when its create named none.
// A project the fake does not hold or that is archived is passed over: the
// real API's behaviour is not known, and some report that invites' grants
// are not always applied.
func (h *Handler) grantInvite(r *record, m *member, now time.Time) {
	grants := r.Invite.Projects
	if len(grants) == 0 && r.DefaultProject {
		grants = []gen.InviteProject{{ID: DefaultProjectID, Role: gen.ProjectRoleMember}}
	}
	for _, g := range grants {
		if p, ok := h.store.projects.byID[g.ID]; ok && !p.archived() {
			grant(p, m, string(g.Role), now)
		}
	}
}

// projectUser is pm as the API shows it: the member's name and email, and
// "owner" while they own the organization, whatever role they were given.
func (h *Handler) projectUser(pm *projectMember) gen.ProjectUser {
	u := gen.ProjectUser{Object: gen.ProjectUserObjectOrganizationProjectUser, ID: pm.UserID, Role: pm.Role, AddedAt: pm.AddedAt}
	if m, ok := h.store.members.byID[pm.UserID]; ok {
		u.Name, u.Email = m.User.Name, m.User.Email
		if ownsOrganization(m) {
			u.Role = roleOwner
		}
	}
	return u
}

// projectMemberOf is u, a member of projectID, in the fake's own type.
func projectMemberOf(projectID string, u gen.ProjectUser, implicit bool) ProjectMember {
	return ProjectMember{
		ProjectID: projectID, UserID: u.ID, Email: orEmpty(u.Email), Name: orEmpty(u.Name),
		Role: u.Role, AddedAt: unixTime(&u.AddedAt), Implicit: implicit,
	}
}

// AddProjectMember adds a member of the organization to a project as if
// they had been added then, archived projects included (as if before the
// archive), and returns them as the fake shows them. An organization
// owner listed implicitly becomes a member in their own right, with the
// role given. It fails, adding no one, on a project the fake does not
// hold ([ErrProjectNotFound]), a person who is not a member
// ([ErrNoMember]), a role other than owner or member, and someone the
// project already lists in their own right ([ErrProjectMemberExists]).
func (h *Handler) AddProjectMember(pm ProjectMember) (ProjectMember, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	out, err := h.addProjectMember(pm)
	if err != nil {
		return ProjectMember{}, err
	}
	h.changed()
	return out, nil
}

// addProjectMember is AddProjectMember under the lock, without saving the
// state file.
func (h *Handler) addProjectMember(want ProjectMember) (ProjectMember, error) {
	p, ok := h.store.projects.byID[want.ProjectID]
	if !ok {
		return ProjectMember{}, fmt.Errorf("%w: %q", ErrProjectNotFound, want.ProjectID)
	}
	var m *member
	switch {
	case want.UserID != "":
		m, ok = h.store.members.byID[want.UserID]
	case want.Email != "":
		m, ok = h.store.members.byAddress(want.Email)
	default:
		return ProjectMember{}, fmt.Errorf("fake: a member of project %q needs a user ID or an email", want.ProjectID)
	}
	if !ok {
		return ProjectMember{}, fmt.Errorf("%w: %q", ErrNoMember, want.UserID+want.Email)
	}
	if want.Role == "" {
		want.Role = roleProjectMember
	}
	if err := rules.ProjectRole(want.Role); err != nil {
		return ProjectMember{}, fmt.Errorf("fake: project role %q %w", want.Role, err)
	}
	if want.AddedAt.IsZero() {
		want.AddedAt = h.clock.now()
	}
	if !grant(p, m, want.Role, want.AddedAt) {
		return ProjectMember{}, fmt.Errorf("%w: %q in %q", ErrProjectMemberExists, m.User.ID, p.Project.ID)
	}
	stored := p.members.byID[m.User.ID]
	return projectMemberOf(p.Project.ID, h.projectUser(stored), false), nil
}

// ProjectMembers returns the members of the project with id, newest first
// (the order the list pages in), implicit owners included: none for a
// project the fake does not hold.
func (h *Handler) ProjectMembers(projectID string) []ProjectMember {
	h.mu.Lock()
	defer h.mu.Unlock()
	p, ok := h.store.projects.byID[projectID]
	if !ok {
		return nil
	}
	pms := p.members.newestFirst()
	out := make([]ProjectMember, 0, len(pms))
	for _, pm := range pms {
		out = append(out, projectMemberOf(projectID, h.projectUser(pm), pm.Implicit))
	}
	return out
}

// ProjectMember returns userID as a member of the project with id, if the
// project lists them.
func (h *Handler) ProjectMember(projectID, userID string) (ProjectMember, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p, ok := h.store.projects.byID[projectID]
	if !ok {
		return ProjectMember{}, false
	}
	pm, ok := p.members.byID[userID]
	if !ok {
		return ProjectMember{}, false
	}
	return projectMemberOf(projectID, h.projectUser(pm), pm.Implicit), true
}

// RemovedProjectMembers returns the memberships of the project with id
// that someone gave and that ended (a removal, or the member leaving the
// organization), in the order they ended, as they were then: for a test to
// prove that no access it must keep was removed. An organization owner's
// implicit ownership ending is not one.
func (h *Handler) RemovedProjectMembers(projectID string) []ProjectMember {
	h.mu.Lock()
	defer h.mu.Unlock()
	p, ok := h.store.projects.byID[projectID]
	if !ok {
		return nil
	}
	out := make([]ProjectMember, 0, len(p.removed))
	for _, u := range p.removed {
		out = append(out, projectMemberOf(projectID, u, false))
	}
	return out
}

// activeProject is the project with id for a member call: 404 for one the
// fake does not hold, 400 for an archived one.
func (h *Handler) activeProject(id string) (*project, *apiError) {
	p, ok := h.store.projects.byID[id]
	switch {
	case !ok:
		return nil, projectNotFound(id)
	case p.archived():
		return nil, projectArchived(id)
	}
	return p, nil
}

// listProjectUsers is a page of a project's members; a stale one is read as
// a replica behind the last add would (FaultStaleList).
func (h *Handler) listProjectUsers(projectID, after string, limit int, stale bool) (gen.ProjectUserListResponse, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p, bad := h.activeProject(projectID)
	if bad != nil {
		return gen.ProjectUserListResponse{}, bad
	}
	seq := p.members
	if stale {
		seq = seq.withoutNewest()
	}
	pms, more, ok := seq.pageAfter(after, limit, nil)
	if !ok {
		return gen.ProjectUserListResponse{}, badRequest("after", "", "No user found with id '%s' to list after.", after)
	}
	out := gen.ProjectUserListResponse{Object: string(gen.ProjectListResponseObjectList), Data: make([]gen.ProjectUser, 0, len(pms)), HasMore: more}
	for _, pm := range pms {
		out.Data = append(out.Data, h.projectUser(pm))
	}
	out.FirstID, out.LastID = pageBounds(out.Data, func(u *gen.ProjectUser) string { return u.ID })
	return out, nil
}

// addProjectUser adds a member of the organization, named by user_id or by
// email (one of them), to an active project.
func (h *Handler) addProjectUser(projectID string, req gen.ProjectUserCreateRequest) (gen.ProjectUser, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p, bad := h.activeProject(projectID)
	if bad != nil {
		return gen.ProjectUser{}, bad
	}
	var m *member
	var ok bool
	switch {
	case req.UserID != nil && req.Email != nil:
		return gen.ProjectUser{}, badRequest("email", "", "Give user_id or email, not both.")
	case req.UserID != nil:
		m, ok = h.store.members.byID[*req.UserID]
		if !ok {
			return gen.ProjectUser{}, notInOrganization("user_id", *req.UserID)
		}
	case req.Email != nil:
		m, ok = h.store.members.byAddress(*req.Email)
		if !ok {
			return gen.ProjectUser{}, notInOrganization("email", *req.Email)
		}
	default:
		return gen.ProjectUser{}, badRequest("user_id", "missing_required_parameter", "Missing required parameter: 'user_id' or 'email'.")
	}
	if _, in := p.members.byID[m.User.ID]; in {
		return gen.ProjectUser{}, badRequest("user_id", "", "User %s already exists in project %s.", m.User.ID, projectID)
	}
	pm := p.join(m.User.ID, string(req.Role), h.clock.now(), false)
	h.changed()
	return h.projectUser(pm), nil
}

// listedIn is userID's membership of an active project, for a read or a
// role change: 404 for someone the project does not list.
func (h *Handler) listedIn(projectID, userID string) (*projectMember, *apiError) {
	p, bad := h.activeProject(projectID)
	if bad != nil {
		return nil, bad
	}
	pm, ok := p.members.byID[userID]
	if !ok {
		return nil, projectUserNotFound(projectID, userID)
	}
	return pm, nil
}

// readProjectUser is the answer to a read of userID in an active project.
func (h *Handler) readProjectUser(projectID, userID string) (gen.ProjectUser, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	pm, bad := h.listedIn(projectID, userID)
	if bad != nil {
		return gen.ProjectUser{}, bad
	}
	return h.projectUser(pm), nil
}

// modifyProjectUser changes a member's role in an active project; the same
// role again is no error. An organization owner's role is refused unless
// it stays owner.
func (h *Handler) modifyProjectUser(projectID, userID string, req gen.ProjectUserUpdateRequest) (gen.ProjectUser, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	pm, bad := h.listedIn(projectID, userID)
	if bad != nil {
		return gen.ProjectUser{}, bad
	}
	if req.Role == nil {
		return gen.ProjectUser{}, badRequest("role", "missing_required_parameter", "Missing required parameter: 'role'.")
	}
	if ownsOrganization(h.store.members.byID[userID]) {
		if string(*req.Role) != roleOwner {
			return gen.ProjectUser{}, badRequest("role", "", "User %s is an owner of the organization: their role in project %s cannot be changed.", userID, projectID)
		}
		return h.projectUser(pm), nil
	}
	pm.Role = string(*req.Role)
	h.changed()
	return h.projectUser(pm), nil
}

// removeProjectUser ends a membership of an active project: someone it does
// not list is refused as the API refuses them, and so is an organization
// owner.
func (h *Handler) removeProjectUser(projectID, userID string) *apiError {
	h.mu.Lock()
	defer h.mu.Unlock()
	p, bad := h.activeProject(projectID)
	if bad != nil {
		return bad
	}
	if _, ok := p.members.byID[userID]; !ok {
		return badRequest("user_id", "", "User %s is not a member of project %s.", userID, projectID)
	}
	if ownsOrganization(h.store.members.byID[userID]) {
		return badRequest("user_id", "", "User %s is an owner of the organization and cannot be removed from project %s.", userID, projectID)
	}
	h.leave(p, userID)
	h.changed()
	return nil
}
