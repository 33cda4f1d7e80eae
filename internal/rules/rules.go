// Package rules holds the checks on an email address, a role and an invite
// ID that the client, the CLI and the fake all apply, so the three can never
// disagree about what may be sent, and what makes two addresses one
// (EmailKey) or look-alikes (Lookalike, LookalikeKey). The client exports them (client.ValidateEmail
// and friends); the fake registers Email as the spec's "email" format.
package rules

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/goinvites/invites/gen"
)

// ErrEmpty is the reason for an empty value.
var ErrEmpty = errors.New("is empty")

// Limits from RFC 5321 section 4.5.3.1: a path holds 256 octets with its
// angle brackets, a local part 64, a domain label 63.
const (
	maxEmail = 254
	maxLocal = 64
	maxLabel = 63
)

// Email accepts the addresses the spec's `format: email` (an RFC 5321
// mailbox) names and an invite can reach: a dot-atom local part (RFC 5321
// 4.1.2 asks hosts not to use the quoted form, and common validators refuse
// it) and a fully-qualified domain name (RFC 5321 2.3.5: no bare "localhost",
// no address literal). UTF-8 is allowed on both sides (RFC 6531), but not a
// character that cannot be seen or that reorders the text around it: the
// reason is then a *CharError naming it. Errors are reasons, for the caller
// to put after the value.
func Email(s string) error {
	if s == "" {
		return ErrEmpty
	}
	if !utf8.ValidString(s) {
		return errors.New("not valid UTF-8")
	}
	if err := hiddenChar(s); err != nil {
		return err
	}
	if len(s) > maxEmail {
		return fmt.Errorf("longer than %d bytes", maxEmail)
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || domain == "" || strings.Contains(domain, "@") {
		return errors.New("not a bare address such as name@example.com")
	}
	if err := dotAtom(local); err != nil {
		return err
	}
	return hostName(domain)
}

// dotAtom checks a local part: atoms of RFC 5322 atext joined by single dots.
func dotAtom(local string) error {
	if len(local) > maxLocal {
		return fmt.Errorf("the part before @ is longer than %d bytes", maxLocal)
	}
	for atom := range strings.SplitSeq(local, ".") {
		if atom == "" {
			return errors.New("the part before @ has a leading, trailing or double dot")
		}
		for _, r := range atom {
			if !isAtext(r) {
				return fmt.Errorf("%q before the @ would need quoting, which is not accepted", r)
			}
		}
	}
	return nil
}

func isAtext(r rune) bool { return isLetDig(r) || strings.ContainsRune("!#$%&'*+-/=?^_`{|}~", r) }

// isLetDig is a letter or digit, or any non-ASCII character (RFC 6531).
func isLetDig(r rune) bool {
	return r >= 0x80 || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
}

// hostName checks a domain: two labels or more of letters, digits and
// inner hyphens (or non-ASCII, for internationalized names).
func hostName(domain string) error {
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return errors.New("the domain needs a dot (a fully-qualified name such as example.com)")
	}
	for _, l := range labels {
		if l == "" || len(l) > maxLabel || l[0] == '-' || l[len(l)-1] == '-' {
			return fmt.Errorf("the domain %q is not a host name", domain)
		}
		for _, r := range l {
			if r != '-' && !isLetDig(r) {
				return fmt.Errorf("the domain %q is not a host name", domain)
			}
		}
	}
	return nil
}

// Role accepts the organization roles the spec lists for a new invite.
func Role(r string) error {
	return enum(r, gen.InviteRequestRoleReader, gen.InviteRequestRoleOwner)
}

// ProjectRole accepts the project roles the spec lists.
func ProjectRole(r string) error { return enum(r, gen.ProjectRoleMember, gen.ProjectRoleOwner) }

// enum accepts the values of one of gen's enums, which Valid knows from the
// spec; a and b name them in the message.
func enum[T interface {
	~string
	Valid() bool
}](v string, a, b T) error {
	if v == "" {
		return ErrEmpty
	}
	if !T(v).Valid() {
		return fmt.Errorf("must be %q or %q", a, b)
	}
	return nil
}

// InviteID accepts any string that stays one path segment: the spec's
// invite_id is any string, which the generated code escapes, but "" and the
// dot segments "." and ".." would be resolved into another path ("..": the
// organization itself).
func InviteID(id string) error {
	switch id {
	case "":
		return ErrEmpty
	case ".", "..":
		return errors.New("a dot segment, which would address another path")
	}
	return nil
}

// UserID accepts what InviteID accepts: a user_id, like an invite_id, is any
// string the generated code escapes into one path segment, and "", "." and
// ".." would address another path ("..": the users list itself).
func UserID(id string) error { return InviteID(id) }

// ProjectID accepts what InviteID accepts: a project_id is any string the
// generated code escapes into one path segment, and "", "." and ".." would
// address another path ("..": the projects list itself). Real project IDs
// do not always look like the spec's examples, so nothing more is asked.
func ProjectID(id string) error { return InviteID(id) }
