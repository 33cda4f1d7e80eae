// Which projects a sync manages decides whom it may remove from what, so it
// is one named choice with a safe default: the projects the roster names,
// so that a project nobody wrote down is never touched. The read and the
// plan ask the same question of it.

package roster

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/rosterfile"
)

// ProjectScope says which projects a sync manages: whose members it reads,
// and from which it removes a member whose projects cell does not name
// them. Archived projects are never managed: their member calls are
// refused.
type ProjectScope int

// The project scopes. The zero value is ScopeNamed.
const (
	// ScopeNamed manages the projects some entry's projects cell names (by
	// ID or, before [ResolveProjects], by name).
	ScopeNamed ProjectScope = iota
	// ScopeAll manages every active project.
	ScopeAll
)

// String is the scope's name: "named" or "all".
func (s ProjectScope) String() string {
	switch s {
	case ScopeNamed:
		return "named"
	case ScopeAll:
		return "all"
	}
	return "ProjectScope(" + strconv.Itoa(int(s)) + ")"
}

// ParseProjectScope reads a scope by its name, in any case: "named" or
// "all" (a flag's value, as `--manage-projects all`).
func ParseProjectScope(s string) (ProjectScope, error) {
	for _, scope := range []ProjectScope{ScopeNamed, ScopeAll} {
		if strings.EqualFold(strings.TrimSpace(s), scope.String()) {
			return scope, nil
		}
	}
	return ScopeNamed, fmt.Errorf("projects to manage %s: want named or all", strconv.Quote(s))
}

// ManagedProjects is the [ReadOrgOptions].Manage that reads the members of
// the projects a plan of entries with this scope manages: the active
// projects some entry names, by ID or by name (entries read from a file,
// whose names are resolved from the same read), or with ScopeAll every
// active one.
func ManagedProjects(entries []rosterfile.Entry, scope ProjectScope) func(client.Project) bool {
	named := namedProjects(entries)
	return func(p client.Project) bool {
		return !p.Archived() && (scope == ScopeAll || named[p.ID] || named[p.Name])
	}
}

// namedProjects is every project ID (or name) the entries' projects cells
// hold.
func namedProjects(entries []rosterfile.Entry) map[string]bool {
	named := map[string]bool{}
	for _, e := range entries {
		for _, g := range e.Projects {
			named[g.ID] = true
		}
	}
	return named
}
