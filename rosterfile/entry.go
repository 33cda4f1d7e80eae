// An entry is checked whole before anything is sent, so a typo costs the
// user a clear message instead of a half-done sync. The syntax of the
// projects cell is shared by roster files and `invites create --project`.

package rosterfile

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goinvites/invites/client"
)

// Entry is one person as the roster wants them invited.
type Entry struct {
	Email string
	// Role is the role the roster gives, or "" when it gives none (a file
	// with no role column, an empty cell): then a member keeps the role
	// they have, and only a new invite needs one (PlanOptions.DefaultRole).
	Role client.Role
	// Projects: nil leaves them to the organization's default; an empty
	// slice grants none; otherwise exactly these. A grant's ID is as the
	// cell wrote it: a project's ID, or its name until resolved to the ID
	// (roster.ResolveProjects).
	Projects []client.ProjectGrant
}

// NoProjects is how a projects cell asks for no project at all, as opposed
// to an empty cell, which leaves projects to the organization's default.
const NoProjects = "none"

var projectRoles = []client.ProjectRole{client.ProjectRoleMember, client.ProjectRoleOwner}

// ParseEntry checks one roster entry given as text: an email (ASCII spaces
// and tabs around it trimmed, nothing else), a role (reader or owner, in any
// case; empty for none, see [Entry.HasRole]) and a projects cell as
// [ParseProjects] reads it. The error joins every problem found, not only
// the first.
func ParseEntry(email, role, projects string) (Entry, error) {
	e, problems := parseEntry(email, role, projects)
	return e, errors.Join(problems...)
}

func parseEntry(email, role, projects string) (Entry, []error) {
	var problems []error
	e := Entry{Email: trimBlanks(email)}
	if err := checkEmail(e.Email); err != nil {
		problems = append(problems, err)
		e.Email = clip(e.Email, maxKeptEmail)
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

// trimBlanks trims the ASCII spaces and tabs a spreadsheet pads cells with.
// Any other space (a no-break space, say) is left for the email rule to
// name: trimmed silently, it would hide a character the admin should see.
func trimBlanks(s string) string { return strings.Trim(s, " \t") }

// maxKeptEmail is how much of an invalid email a row keeps (the message
// quotes less), so that a file of huge cells is held in bounded memory.
const maxKeptEmail = 320

// clip cuts s to at most n bytes, on a character boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// quote is %q of s, shortened to its first 64 characters: messages repeat
// what they quote, and a cell may be a megabyte.
func quote(s string) string {
	const n = 64
	if utf8.RuneCountInString(s) <= n {
		return strconv.Quote(s)
	}
	return strconv.Quote(string([]rune(s)[:n])) + "…"
}

// HasRole reports whether the roster gives the entry a role. An entry
// without one is not read as the least privilege: what the roster does not
// say is left as it is.
func (e Entry) HasRole() bool { return e.Role != "" }

// Params is what to send to create the entry's invite. An entry without a
// role gets one from the plan first: every Create, Resend and Replace that
// [Plan] makes carries it.
func (e Entry) Params() client.CreateParams {
	return client.CreateParams{Email: e.Email, Role: e.Role, Projects: e.Projects}
}

// checkEmail applies the client's rule for an address (client.ValidateEmail),
// the one the fake and the API's spec share. Its *ValidationError reads as
// a roster message as it is ("invalid email ...").
func checkEmail(s string) error { return client.ValidateEmail(s) }

// checkRole normalizes an invite role, accepting any letter case; a blank
// cell gives no role.
func checkRole(s string) (client.Role, error) {
	if trimBlanks(s) == "" {
		return "", nil
	}
	return client.ParseRole(s)
}

// parseGrant reads one `ID:member` or `ID:owner`, where ID may be a
// project's name (spaces inside it are kept: "Default project"), which a
// sync resolves from its read of the projects. A name holding a tab, a
// slash, a comma or one of the cell's separators (; and :) cannot be
// written here: its ID can.
func parseGrant(s string) (client.ProjectGrant, error) {
	id, role, ok := strings.Cut(strings.TrimSpace(s), ":")
	id, role = strings.TrimSpace(id), strings.ToLower(strings.TrimSpace(role))
	switch {
	case !ok || id == "":
		return client.ProjectGrant{}, fmt.Errorf("project %s: want ID:member or ID:owner", quote(s))
	case len(id) > MaxProjectIDLength:
		return client.ProjectGrant{}, fmt.Errorf("project %s: the ID is %d bytes, longer than the %d any project ID has", quote(id), len(id), MaxProjectIDLength)
	case id == "." || id == ".." || strings.ContainsAny(id, "\t/;,:"):
		return client.ProjectGrant{}, fmt.Errorf("project %s: invalid project ID", quote(s))
	case !slices.Contains(projectRoles, client.ProjectRole(role)):
		return client.ProjectGrant{}, fmt.Errorf("project %s: invalid role %s (want member or owner)", quote(s), quote(role))
	}
	return client.ProjectGrant{ID: id, Role: client.ProjectRole(role)}, nil
}

// ParseProjects reads a projects cell: empty means the organization's
// default (nil), "none" means no project (an empty, non-nil slice), and
// otherwise grants like `proj_a:member;proj_b:owner`, at most
// [MaxProjectGrants] of them, each ID at most [MaxProjectIDLength] bytes.
// Grants written with commas get a hint to use ';'.
func ParseProjects(s string) ([]client.ProjectGrant, error) {
	grants, err := parseProjects(s)
	if err != nil && strings.Contains(s, ",") {
		err = fmt.Errorf("%w (separate project grants with ';', not ',')", err)
	}
	return grants, err
}

func parseProjects(s string) ([]client.ProjectGrant, error) {
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
		if len(grants) == MaxProjectGrants {
			return nil, fmt.Errorf("projects: more than %d grants, the most one entry may carry", MaxProjectGrants)
		}
		g, err := parseGrant(part)
		if err != nil {
			return nil, err
		}
		if seen[g.ID] {
			return nil, fmt.Errorf("project %s listed twice", quote(g.ID))
		}
		seen[g.ID] = true
		grants = append(grants, g)
	}
	if grants == nil {
		return nil, fmt.Errorf("projects %s: no project in it", quote(s))
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
