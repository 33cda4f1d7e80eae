// An entry is checked whole before anything is sent, so a typo costs the
// user a clear message instead of a half-done sync. The syntax of the
// projects cell is shared by roster files and `invites create --project`.

package roster

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/goinvites/invites/client"
)

// Entry is one person as the roster wants them invited.
type Entry struct {
	Email string
	Role  client.Role
	// Projects: nil leaves them to the organization's default; an empty
	// slice grants none; otherwise exactly these.
	Projects []client.ProjectGrant
}

// NoProjects is how a projects cell asks for no project at all, as opposed
// to an empty cell, which leaves projects to the organization's default.
const NoProjects = "none"

var projectRoles = []client.ProjectRole{client.ProjectMember, client.ProjectOwner}

// ParseEntry checks one roster entry given as text: an email, a role
// (reader or owner, in any case) and a projects cell as [ParseProjects]
// reads it. The error joins every problem found, not only the first.
func ParseEntry(email, role, projects string) (Entry, error) {
	e, problems := parseEntry(email, role, projects)
	return e, errors.Join(problems...)
}

func parseEntry(email, role, projects string) (Entry, []error) {
	var problems []error
	e := Entry{Email: strings.TrimSpace(email)}
	if err := checkEmail(e.Email); err != nil {
		problems = append(problems, err)
	}
	r, err := checkRole(role)
	if err != nil {
		problems = append(problems, err)
	}
	e.Role = r
	if e.Projects, err = ParseProjects(projects); err != nil {
		problems = append(problems, err)
	}
	return e, problems
}

// Params is what to send to create the entry's invite.
func (e Entry) Params() client.CreateParams {
	return client.CreateParams{Email: e.Email, Role: e.Role, Projects: e.Projects}
}

// differences says how inv differs from e, one phrase per field; none when
// inv is what e asks. A nil e.Projects matches any projects (see the
// package doc).
func (e Entry) differences(inv client.Invite) []string {
	var diffs []string
	if inv.Role != e.Role {
		diffs = append(diffs, fmt.Sprintf("role %s -> %s", inv.Role, e.Role))
	}
	if e.Projects != nil && !client.SameGrants(inv.Projects, e.Projects) {
		diffs = append(diffs, fmt.Sprintf("projects %s -> %s", FormatProjects(nonNil(inv.Projects)), FormatProjects(e.Projects)))
	}
	return diffs
}

// nonNil makes an invite's missing projects read as none.
func nonNil(g []client.ProjectGrant) []client.ProjectGrant {
	if g == nil {
		return []client.ProjectGrant{}
	}
	return g
}

// checkEmail applies the client's rule for an address (client.ValidateEmail),
// the one the fake and the API's spec share.
func checkEmail(s string) error { return withoutPrefix(client.ValidateEmail(s)) }

// checkRole normalizes an invite role, accepting any letter case.
func checkRole(s string) (client.Role, error) {
	role, err := client.ParseRole(s)
	return role, withoutPrefix(err)
}

// unprefixed is a client error without the client's "invites: " prefix,
// which a roster's messages (and the CLI's) would otherwise repeat;
// errors.Is and As still see the client's error.
type unprefixed struct{ error }

func (e unprefixed) Error() string { return strings.TrimPrefix(e.error.Error(), "invites: ") }
func (e unprefixed) Unwrap() error { return e.error }

func withoutPrefix(err error) error {
	if err == nil {
		return nil
	}
	return unprefixed{err}
}

// parseGrant reads one `ID:member` or `ID:owner`.
func parseGrant(s string) (client.ProjectGrant, error) {
	id, role, ok := strings.Cut(strings.TrimSpace(s), ":")
	id, role = strings.TrimSpace(id), strings.ToLower(strings.TrimSpace(role))
	switch {
	case !ok || id == "":
		return client.ProjectGrant{}, fmt.Errorf("project %q: want ID:member or ID:owner", s)
	case id == "." || id == ".." || strings.ContainsAny(id, " \t/;,:"):
		return client.ProjectGrant{}, fmt.Errorf("project %q: invalid project ID", s)
	case !slices.Contains(projectRoles, client.ProjectRole(role)):
		return client.ProjectGrant{}, fmt.Errorf("project %q: invalid role %q (want member or owner)", s, role)
	}
	return client.ProjectGrant{ID: id, Role: client.ProjectRole(role)}, nil
}

// ParseProjects reads a projects cell: empty means the organization's
// default (nil), "none" means no project (an empty, non-nil slice), and
// otherwise grants like `proj_a:member;proj_b:owner`.
func ParseProjects(s string) ([]client.ProjectGrant, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return nil, nil
	case strings.EqualFold(s, NoProjects):
		return []client.ProjectGrant{}, nil
	}
	var grants []client.ProjectGrant
	seen := map[string]bool{}
	for part := range strings.SplitSeq(s, ";") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		g, err := parseGrant(part)
		if err != nil {
			return nil, err
		}
		if seen[g.ID] {
			return nil, fmt.Errorf("project %q listed twice", g.ID)
		}
		seen[g.ID] = true
		grants = append(grants, g)
	}
	if grants == nil {
		return nil, fmt.Errorf("projects %q: no project in it", s)
	}
	return grants, nil
}

// FormatProjects writes grants as ParseProjects reads them: nil as an empty
// cell, an empty slice as "none".
func FormatProjects(grants []client.ProjectGrant) string {
	if grants == nil {
		return ""
	}
	if len(grants) == 0 {
		return NoProjects
	}
	parts := make([]string, len(grants))
	for i, g := range grants {
		parts[i] = g.ID + ":" + string(g.Role)
	}
	return strings.Join(parts, ";")
}
