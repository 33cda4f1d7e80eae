// Emails, roles and project grants are checked here, before anything is sent,
// so a typo costs the user a clear message instead of a half-done import. The
// same syntax serves `create --project` and the import CSV's projects column.
package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/goinvites/invites/client"
)

// grant is one project an invite grants, as the user wrote it.
type grant struct {
	ID   string `json:"id"`
	Role string `json:"role"` // member or owner
}

// noProjects is how a user asks for an invite to no project at all, as
// opposed to an empty projects cell, which means the default project.
const noProjects = "none"

var (
	inviteRoles  = []string{string(client.RoleReader), string(client.RoleOwner)} // for completion
	projectRoles = []string{"member", "owner"}
)

// checkEmail applies the client's rule for an address (client.ValidateEmail),
// the one the fake and the API's spec share.
func checkEmail(s string) error { return inCLIWords(client.ValidateEmail(s)) }

// checkRole normalizes an invite role, accepting any letter case.
func checkRole(s string) (string, error) {
	role, err := client.ParseRole(s)
	return string(role), inCLIWords(err)
}

// cliWords is a client error without the client's "invites: " prefix, which
// the CLI's messages would otherwise repeat; errors.Is and As still see it.
type cliWords struct{ error }

func (e cliWords) Error() string { return trimPrefixes(e.error.Error()) }
func (e cliWords) Unwrap() error { return e.error }

func inCLIWords(err error) error {
	if err == nil {
		return nil
	}
	return cliWords{err}
}

// parseGrant reads one `ID:member` or `ID:owner`.
func parseGrant(s string) (grant, error) {
	id, role, ok := strings.Cut(strings.TrimSpace(s), ":")
	id, role = strings.TrimSpace(id), strings.ToLower(strings.TrimSpace(role))
	switch {
	case !ok || id == "":
		return grant{}, fmt.Errorf("project %q: want ID:member or ID:owner", s)
	case id == "." || id == ".." || strings.ContainsAny(id, " \t/;,:"):
		return grant{}, fmt.Errorf("project %q: invalid project ID", s)
	case !slices.Contains(projectRoles, role):
		return grant{}, fmt.Errorf("project %q: invalid role %q (want member or owner)", s, role)
	}
	return grant{ID: id, Role: role}, nil
}

// parseProjects reads a projects cell: empty means the default project (nil),
// "none" means no project (empty, non-nil), else `proj_a:member;proj_b:owner`.
func parseProjects(s string) ([]grant, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return nil, nil
	case strings.EqualFold(s, noProjects):
		return []grant{}, nil
	}
	var grants []grant
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

// formatProjects writes grants back in the syntax parseProjects reads.
func formatProjects(grants []grant) string {
	parts := make([]string, len(grants))
	for i, g := range grants {
		parts[i] = g.ID + ":" + g.Role
	}
	return strings.Join(parts, ";")
}

// clientGrants converts grants for the client, keeping nil (the default
// project) apart from empty (no project).
func clientGrants(grants []grant) []client.ProjectGrant {
	if grants == nil {
		return nil
	}
	out := make([]client.ProjectGrant, len(grants))
	for i, g := range grants {
		out[i] = client.ProjectGrant{ID: g.ID, Role: client.ProjectRole(g.Role)}
	}
	return out
}
