// People write projects by name ("Research"), the API knows them by ID. A
// name is resolved from the one read of the projects a sync makes anyway,
// and one that names no project, an archived one or several is an error on
// its roster line before anything is sent: a plan that guessed would add
// people to the wrong project, or remove them from the right one.

package roster

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/rosterfile"
)

// The errors a *ProjectNameError matches, one for each reason a projects
// cell's project cannot be resolved.
var (
	// ErrUnknownProject: no project has this ID or name.
	ErrUnknownProject = errors.New("roster: no such project")
	// ErrArchivedProject: the only projects of this ID or name are
	// archived, and an archived project takes no member.
	ErrArchivedProject = errors.New("roster: project archived")
	// ErrAmbiguousProject: several active projects have this name (or one
	// has it as its ID and another as its name); the cell must give the ID.
	ErrAmbiguousProject = errors.New("roster: several projects have this name")
	// ErrProjectRepeated: one cell names the same project twice (by ID and
	// by name, say).
	ErrProjectRepeated = errors.New("roster: project named twice")
)

// ProjectNameError is a project in a projects cell that cannot be resolved
// to one active project.
type ProjectNameError struct {
	// Project is the project as the cell wrote it.
	Project string
	// Err is what went wrong: ErrUnknownProject, ErrArchivedProject,
	// ErrAmbiguousProject or ErrProjectRepeated.
	Err error
	// IDs are the projects concerned: those sharing the name, the archived
	// one, the one named twice.
	IDs []string
}

func (e *ProjectNameError) Error() string {
	p := "project " + strconv.Quote(e.Project)
	ids := strings.Join(e.IDs, ", ")
	switch {
	case errors.Is(e.Err, ErrUnknownProject):
		return p + ": no project has this ID or name"
	case errors.Is(e.Err, ErrArchivedProject):
		return fmt.Sprintf("%s: archived (%s); an archived project takes no member", p, ids)
	case errors.Is(e.Err, ErrAmbiguousProject):
		return fmt.Sprintf("%s: %d active projects have this name (%s); write the ID", p, len(e.IDs), ids)
	case errors.Is(e.Err, ErrProjectRepeated):
		return fmt.Sprintf("%s: %s is named twice in the cell", p, ids)
	}
	return p + ": " + e.Err.Error()
}

// Unwrap is Err.
func (e *ProjectNameError) Unwrap() error { return e.Err }

// ResolveProjects returns entries with each project their projects cells
// name by name (or by ID) written as its ID, resolved from projects, one
// complete read of them (Org.Projects): a grant names the active project
// whose ID or exact name it is. The entries are copies; what needed no
// change is shared. An error joins, for each entry with a project that
// names no project, only archived ones or several active ones, or a
// project named twice, an error naming the entry (its position and email)
// and wrapping a *ProjectNameError; then no entry is returned, so that
// nothing is sent for a roster with such a cell. [ResolveProjectRows] does
// the same for a file's rows, as problems on their lines.
func ResolveProjects(entries []rosterfile.Entry, projects []client.Project) ([]rosterfile.Entry, error) {
	idx := indexProjects(projects)
	out := make([]rosterfile.Entry, len(entries))
	var errs []error
	for i, e := range entries {
		var problems []*ProjectNameError
		out[i], problems = idx.resolve(e)
		for _, p := range problems {
			errs = append(errs, fmt.Errorf("entry %d (%s): %w", i+1, e.Email, p))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return out, nil
}

// ResolveProjectRows is [ResolveProjects] for a roster file's rows: it
// returns a copy of rows in which each valid row's projects are written as
// IDs, and a row with a project that cannot be resolved has a problem for
// each, naming the project and why, so that it is reported on its line as
// any invalid row is. Invalid rows are left as they are.
func ResolveProjectRows(rows []rosterfile.Row, projects []client.Project) []rosterfile.Row {
	idx := indexProjects(projects)
	out := slices.Clone(rows)
	for i := range out {
		if !out[i].Valid() {
			continue
		}
		var problems []*ProjectNameError
		out[i].Entry, problems = idx.resolve(out[i].Entry)
		for _, p := range problems {
			out[i].Problems = append(slices.Clip(out[i].Problems), p.Error())
		}
	}
	return out
}

// projectIndex finds projects by ID and by name.
type projectIndex struct {
	byKey map[string][]*client.Project // by ID and by name, each project once per key
}

func indexProjects(projects []client.Project) projectIndex {
	idx := projectIndex{byKey: map[string][]*client.Project{}}
	for i := range projects {
		p := &projects[i]
		idx.byKey[p.ID] = append(idx.byKey[p.ID], p)
		if p.Name != "" && p.Name != p.ID {
			idx.byKey[p.Name] = append(idx.byKey[p.Name], p)
		}
	}
	return idx
}

// resolve is e with its grants' projects written as IDs, and the problems
// of those it could not resolve. An entry with no grant is e itself.
func (idx projectIndex) resolve(e rosterfile.Entry) (rosterfile.Entry, []*ProjectNameError) {
	if len(e.Projects) == 0 {
		return e, nil
	}
	var problems []*ProjectNameError
	grants := make([]client.ProjectGrant, len(e.Projects))
	seen := map[string]bool{}
	for i, g := range e.Projects {
		grants[i] = g
		p, problem := idx.find(g.ID)
		if problem != nil {
			problems = append(problems, problem)
			continue
		}
		if seen[p.ID] {
			problems = append(problems, &ProjectNameError{Project: g.ID, Err: ErrProjectRepeated, IDs: []string{p.ID}})
			continue
		}
		seen[p.ID] = true
		grants[i].ID = p.ID
	}
	e.Projects = grants
	return e, problems
}

// find is the one active project whose ID or exact name is written.
func (idx projectIndex) find(written string) (*client.Project, *ProjectNameError) {
	var active, archived []string
	var found *client.Project
	for _, p := range idx.byKey[written] {
		if p.Archived() {
			archived = append(archived, p.ID)
			continue
		}
		active = append(active, p.ID)
		found = p
	}
	switch {
	case len(active) == 1:
		return found, nil
	case len(active) > 1:
		return nil, &ProjectNameError{Project: written, Err: ErrAmbiguousProject, IDs: active}
	case len(archived) > 0:
		return nil, &ProjectNameError{Project: written, Err: ErrArchivedProject, IDs: archived}
	}
	return nil, &ProjectNameError{Project: written, Err: ErrUnknownProject}
}
