// Projects are where an organization's work happens (spend, rate limits,
// keys), so a client that keeps project access true needs a fake that keeps
// them as the API does: every organization has a default project, a project
// is archived but never deleted (and never unarchived), archived projects
// are left out of the list unless asked for, and the default project can be
// neither renamed nor archived. Projects live in a sequence like invites
// and members, so their list pages the same way.

package fake

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/internal/rules"
)

// The default project every fake holds, as every organization has one. Its
// ID is fixed, so that a test can name it without reading it first.
const (
	DefaultProjectID   = "proj_default"
	DefaultProjectName = "Default project"
)

// Project is a project of the organization: one to seed with
// [WithProjects] or [Handler.AddProject], where zero fields take the
// defaults given, and one as [Handler.Projects] shows it. The JSON names
// let a program read projects from a file.
type Project struct {
	// ID is the project's ID; "" draws one ("proj_" and 24 letters and
	// digits) from the seed.
	ID string `json:"id,omitempty"`
	// Name is the project's name, never empty; two projects may share one.
	Name string `json:"name"`
	// CreatedAt is when the project was created; the zero time means the
	// fake's now.
	CreatedAt time.Time `json:"created_at,omitzero"`
	// ArchivedAt is when the project was archived; the zero time for an
	// active project.
	ArchivedAt time.Time `json:"archived_at,omitzero"`
}

// Errors of [Handler.AddProject] and [Handler.AddProjectMember] (and so of
// [Start] with [WithProjects] and [WithProjectMembers]); test them with
// errors.Is.
var (
	// ErrProjectExists is a project ID already in use; IDs are never
	// reused, and DefaultProjectID is always taken.
	ErrProjectExists = errors.New("fake: a project already has this ID")
	// ErrProjectNotFound is a project ID the fake does not hold.
	ErrProjectNotFound = errors.New("fake: no project with this ID")
)

// Project statuses as the API shows them.
const (
	statusActive   = "active"
	statusArchived = "archived"
)

// project is a stored project: its sequence number, the project as the API
// shows it, and its members.
type project struct {
	Seq     int64       `json:"seq"`
	Project gen.Project `json:"project"`
	members sequence[*projectMember]
	// removed are the direct memberships that ended (a removal, or the
	// member leaving the organization), in order, as shown when they ended.
	removed []gen.ProjectUser
}

func (p *project) seq() int64 { return p.Seq }
func (p *project) id() string { return p.Project.ID }

func (p *project) archived() bool { return p.Project.ArchivedAt != nil }

func newProject(seq int64, v gen.Project) *project {
	return &project{Seq: seq, Project: v, members: newSequence[*projectMember]()}
}

// projectOf is p as the API shows it, in the fake's own type.
func projectOf(p gen.Project) Project {
	return Project{ID: p.ID, Name: orEmpty(p.Name), CreatedAt: unixTime(&p.CreatedAt), ArchivedAt: unixTime(p.ArchivedAt)}
}

// SampleProjects are a few projects for a demo or a sample state (the
// CLI's --fake and fake-server seed them): two active ones and one archived
// since mid-2025, each time a new slice.
func SampleProjects() []Project {
	created := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	return []Project{
		{ID: "proj_research", Name: "Research", CreatedAt: created},
		{ID: "proj_support", Name: "Support", CreatedAt: created.Add(24 * time.Hour)},
		{ID: "proj_legacy", Name: "Legacy", CreatedAt: created.Add(48 * time.Hour), ArchivedAt: time.Date(2025, 6, 30, 17, 0, 0, 0, time.UTC)},
	}
}

// AddProject adds a project as if it had been created (and archived, if
// ArchivedAt is set), and returns it as the fake shows it. The
// organization's owners are its owners at once (see [ProjectMember]). It
// fails, adding nothing, on an ID that is "", "." or ".." once drawn, or
// already used ([ErrProjectExists]), an empty name, and an ArchivedAt
// before CreatedAt.
func (h *Handler) AddProject(p Project) (Project, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	stored, err := h.addProject(p)
	if err != nil {
		return Project{}, err
	}
	h.changed()
	return projectOf(stored.Project), nil
}

// addProject is AddProject under the lock, without saving the state file.
func (h *Handler) addProject(p Project) (*project, error) {
	if p.ID != "" {
		if err := rules.ProjectID(p.ID); err != nil {
			return nil, fmt.Errorf("fake: project ID %q %w", p.ID, err)
		}
		if h.store.projects.taken(p.ID) {
			return nil, fmt.Errorf("%w: %q", ErrProjectExists, p.ID)
		}
	}
	if strings.TrimSpace(p.Name) == "" {
		return nil, fmt.Errorf("fake: project %q has no name", p.ID)
	}
	if p.CreatedAt.IsZero() {
		p.CreatedAt = h.clock.now()
	}
	if !p.ArchivedAt.IsZero() && p.ArchivedAt.Before(p.CreatedAt) {
		return nil, fmt.Errorf("fake: project %q archived (%v) before it was created (%v)", p.ID, p.ArchivedAt, p.CreatedAt)
	}
	if p.ID == "" {
		p.ID = h.newID("proj_", h.store.projects.taken)
	}
	v := gen.Project{
		Object: gen.ProjectObjectOrganizationProject, ID: p.ID, Name: &p.Name,
		CreatedAt: p.CreatedAt.Unix(), Status: optional(statusActive),
	}
	if !p.ArchivedAt.IsZero() {
		at := p.ArchivedAt.Unix()
		v.ArchivedAt, v.Status = &at, optional(statusArchived)
	}
	stored := h.insertProject(v)
	return stored, nil
}

// insertProject stores v as the newest project, its owners the
// organization's.
func (h *Handler) insertProject(v gen.Project) *project {
	p := newProject(h.store.projects.next(), v)
	h.store.projects.insert(p)
	for _, m := range h.store.members.records {
		p.settleOwner(m, time.Time{})
	}
	return p
}

// ensureDefaultProject adds the default project to a store without one (a
// new fake, or a state file from before projects).
func (h *Handler) ensureDefaultProject() {
	if _, ok := h.store.projects.byID[DefaultProjectID]; ok {
		return
	}
	name := DefaultProjectName
	h.insertProject(gen.Project{
		Object: gen.ProjectObjectOrganizationProject, ID: DefaultProjectID, Name: &name,
		CreatedAt: h.clock.now().Unix(), Status: optional(statusActive),
	})
}

// Project returns the project with id, archived or not, as the fake shows
// it.
func (h *Handler) Project(id string) (Project, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p, ok := h.store.projects.byID[id]
	if !ok {
		return Project{}, false
	}
	return projectOf(p.Project), true
}

// Projects returns every project, archived ones included, newest first
// (the order the list pages in).
func (h *Handler) Projects() []Project {
	h.mu.Lock()
	defer h.mu.Unlock()
	ps := h.store.projects.newestFirst()
	out := make([]Project, 0, len(ps))
	for _, p := range ps {
		out = append(out, projectOf(p.Project))
	}
	return out
}

// listProjects is a page of the projects list, archived ones only when
// asked for; a stale one is read as a replica behind the last create would
// (FaultStaleList).
func (h *Handler) listProjects(after string, limit int, archived, stale bool) (gen.ProjectListResponse, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	seq := h.store.projects
	if stale {
		seq = seq.withoutNewest()
	}
	var keep func(*project) bool
	if !archived {
		keep = func(p *project) bool { return !p.archived() }
	}
	ps, more, ok := seq.pageAfter(after, limit, keep)
	if !ok {
		return gen.ProjectListResponse{}, badRequest("after", "", "No project found with id '%s' to list after.", after)
	}
	out := gen.ProjectListResponse{Object: gen.ProjectListResponseObjectList, Data: make([]gen.Project, 0, len(ps)), HasMore: more}
	for _, p := range ps {
		// A shallow copy is enough for an answer encoded at once: the fake
		// replaces a project's pointers, never writes through them.
		out.Data = append(out.Data, p.Project)
	}
	out.FirstID, out.LastID = pageBounds(out.Data, func(p *gen.Project) string { return p.ID })
	return out, nil
}

// createProject creates an active project; its residency and external key
// are kept as given.
func (h *Handler) createProject(req gen.ProjectCreateRequest) (gen.Project, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if strings.TrimSpace(req.Name) == "" {
		return gen.Project{}, badRequest("name", "invalid_value", "Invalid 'name': a project needs a name.")
	}
	name := req.Name
	p := h.insertProject(gen.Project{
		Object: gen.ProjectObjectOrganizationProject, ID: h.newID("proj_", h.store.projects.taken), Name: &name,
		CreatedAt: h.clock.now().Unix(), Status: optional(statusActive),
		Residency: req.Residency, ExternalKeyID: req.ExternalKeyID,
	})
	h.changed()
	return p.Project, nil
}

// readProject is the answer to a read of the project with id.
func (h *Handler) readProject(id string) (gen.Project, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p, ok := h.store.projects.byID[id]
	if !ok {
		return gen.Project{}, false
	}
	return p.Project, true
}

// modifyProject renames a project or changes its external key. The default
// project's name is refused, as documented; an archived project is refused
// whole, read-only as its members are.
func (h *Handler) modifyProject(id string, req gen.ProjectUpdateRequest) (gen.Project, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p, ok := h.store.projects.byID[id]
	switch {
	case !ok:
		return gen.Project{}, projectNotFound(id)
	case p.archived():
		return gen.Project{}, projectArchived(id)
	case req.Name == nil && req.ExternalKeyID == nil:
		return gen.Project{}, badRequest("name", "missing_required_parameter", "Missing required parameter: 'name'.")
	case req.Name != nil && id == DefaultProjectID:
		return gen.Project{}, badRequest("name", "", "The default project cannot be renamed.")
	case req.Name != nil && strings.TrimSpace(*req.Name) == "":
		return gen.Project{}, badRequest("name", "invalid_value", "Invalid 'name': a project needs a name.")
	}
	if req.Name != nil {
		name := *req.Name
		p.Project.Name = &name
	}
	if req.ExternalKeyID != nil {
		key := *req.ExternalKeyID
		p.Project.ExternalKeyID = &key
	}
	h.changed()
	return p.Project, nil
}

// archiveProject archives a project for good. Archiving one already
// archived answers it as it is, so that a client re-sending an archive
// whose answer was lost sees it done; the default project is refused.
func (h *Handler) archiveProject(id string) (gen.Project, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	p, ok := h.store.projects.byID[id]
	switch {
	case !ok:
		return gen.Project{}, projectNotFound(id)
	case id == DefaultProjectID:
		return gen.Project{}, badRequest("project_id", "", "The default project cannot be archived.")
	case p.archived():
		return p.Project, nil
	}
	at := h.clock.now().Unix()
	p.Project.ArchivedAt, p.Project.Status = &at, optional(statusArchived)
	h.changed()
	return p.Project, nil
}
