// validate.go rejects, before any request, input the spec makes certain to
// fail. With only a few requests a minute, a request wasted on a typo costs
// real time; and some IDs ("..") would reach another endpoint altogether.
// The rules themselves live in internal/rules, shared with the fake; the
// exported checks are the ones the CLI (or any program reading input) needs.

package client

import (
	"errors"
	"strconv"
	"strings"

	"github.com/goinvites/invites/internal/rules"
)

func invalid(field, value, reason string) error { return ruleError(field, value, errors.New(reason)) }

// ruleError is a rule's failure as a *ValidationError of field.
func ruleError(field, value string, err error) error {
	if err == nil {
		return nil
	}
	return &ValidationError{Field: field, Value: excerpt([]byte(value), 64), Reason: err.Error(), rule: err}
}

// ValidateEmail reports whether email is an address an invite can be sent
// to: a bare address (no display name, no angle brackets, no quoted local
// part) of at most 254 bytes, at a fully-qualified domain name, so
// "a@localhost" fails, with no character that cannot be seen. The error is
// a *ValidationError (ErrInvalidInput), which names such a character.
// Create, Ensure and FindByEmail apply it; the fake refuses the same addresses.
//
// Create and Ensure also refuse a look-alike, an address that passes for
// another (reаder@example.com with a Cyrillic а): one whose part before
// the @, or a label of whose domain, mixes scripts beyond one writing
// system, holds a character that passes for ASCII among Latin letters
// (fullwidth ｅ, Greek ο, dotless ı) or is all of letters of another script
// that each pass for ASCII. An address in one script (jürgen, иван,
// 山田たろう) is no look-alike. The error matches ErrLookalike too, and
// names the characters. FindByEmail still finds a look-alike's invite.
func ValidateEmail(email string) error { return ruleError("email", email, rules.Email(email)) }

// ValidateRole reports whether r is an organization role the spec allows for
// an invite ("reader" or "owner", in lower case). The error is a
// *ValidationError.
func ValidateRole(r Role) error { return ruleError("role", string(r), rules.Role(string(r))) }

// ParseRole reads a role as people write it: any letter case, spaces around.
// Anything else fails as ValidateRole does.
func ParseRole(s string) (Role, error) { return parseRole[Role](s, rules.Role) }

// ValidateProjectRole reports whether r is a role in a project the API
// grants ("member" or "owner", in lower case). The error is a
// *ValidationError. Adding to a project and changing a role there apply it.
func ValidateProjectRole(r ProjectRole) error {
	return ruleError("role", string(r), rules.ProjectRole(string(r)))
}

// ParseProjectRole reads a role in a project as people write it: any
// letter case, spaces around. Anything else fails as ValidateProjectRole
// does.
func ParseProjectRole(s string) (ProjectRole, error) {
	return parseRole[ProjectRole](s, rules.ProjectRole)
}

// parseRole reads s, in any letter case with spaces around, as a role that
// rule accepts.
func parseRole[R ~string](s string, rule func(string) error) (R, error) {
	r := strings.ToLower(strings.TrimSpace(s))
	if err := rule(r); err != nil {
		return "", invalid("role", s, err.Error())
	}
	return R(r), nil
}

// ValidateInviteID reports whether id can name an invite: any string but
// "" and the dot segments "." and "..", which the URL would resolve to
// another path. The error is a *ValidationError. The invite calls taking an
// ID apply it.
func ValidateInviteID(id string) error { return ruleError("id", id, rules.InviteID(id)) }

// ValidateUserID reports whether id can name a member, by the user ID rule
// (today the invite ID rule's: any string but "", "." and ".."). The error
// is a *ValidationError. The users calls taking an ID apply it.
func ValidateUserID(id string) error { return ruleError("id", id, rules.UserID(id)) }

// ValidateProjectID reports whether id can name a project, by the project
// ID rule (today the invite ID rule's: any string but "", "." and "..";
// real project IDs do not always look like the spec's examples, so their
// shape is not checked). The error is a *ValidationError of the field
// "project_id". Every call naming a project applies it.
func ValidateProjectID(id string) error { return ruleError("project_id", id, rules.ProjectID(id)) }

func validateCreate(p CreateParams) error {
	if err := ruleError("email", p.Email, rules.InviteEmail(p.Email)); err != nil {
		return err
	}
	if err := ValidateRole(p.Role); err != nil {
		return err
	}
	for i, g := range p.Projects {
		field := "projects[" + strconv.Itoa(i) + "]"
		if g.ID == "" {
			return invalid(field+".id", g.ID, rules.ErrEmpty.Error())
		}
		if err := ruleError(field+".role", string(g.Role), rules.ProjectRole(string(g.Role))); err != nil {
			return err
		}
	}
	return nil
}

// validateLimit accepts 0 (the server's default) and the API's 1 to 100.
func validateLimit(field string, n int) error {
	if n < 0 || n > 100 {
		return invalid(field, strconv.Itoa(n), "must be between 1 and 100 (0 for the default)")
	}
	return nil
}

func validateStatus(s Status) error {
	switch s {
	case "", StatusPending, StatusAccepted, StatusExpired:
		return nil
	}
	return invalid("status", string(s), `must be "", "pending", "accepted" or "expired"`)
}

// isEmpty reports whether a ValidationError is about a missing value.
func (e *ValidationError) isEmpty() bool { return e.Reason == rules.ErrEmpty.Error() }
