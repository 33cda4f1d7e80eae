// validate.go rejects, before any request, input the spec makes certain to
// fail. With only a few requests a minute, a request wasted on a typo costs
// real time; and some IDs ("..") would reach another endpoint altogether.

package client

import (
	"net/mail"
	"strconv"
	"strings"
)

func invalid(field, value, reason string) error {
	return &ValidationError{Field: field, Value: excerpt([]byte(value), 64), Reason: reason}
}

// validateID rejects IDs the generated client would resolve as dot segments.
// Any other string is sent as a single escaped path segment.
func validateID(id string) error {
	switch id {
	case "":
		return invalid("id", id, "must not be empty")
	case ".", "..":
		return invalid("id", id, "is a dot segment, which would address another path")
	}
	return nil
}

// validateEmail accepts a bare address (no display name, no angle brackets).
func validateEmail(email string) error {
	if email == "" {
		return invalid("email", email, "must not be empty")
	}
	if len(email) > 254 {
		return invalid("email", email, "is longer than 254 bytes")
	}
	a, err := mail.ParseAddress(email)
	if err != nil || a.Name != "" || a.Address != email {
		return invalid("email", email, "is not a bare email address such as name@example.com")
	}
	at := strings.LastIndexByte(email, '@')
	if at < 1 || at == len(email)-1 || strings.ContainsAny(email, " \t\r\n<>") {
		return invalid("email", email, "is not a bare email address such as name@example.com")
	}
	return nil
}

func validateRole(r Role) error {
	if r != RoleReader && r != RoleOwner {
		return invalid("role", string(r), `must be "reader" or "owner"`)
	}
	return nil
}

func validateCreate(p CreateParams) error {
	if err := validateEmail(p.Email); err != nil {
		return err
	}
	if err := validateRole(p.Role); err != nil {
		return err
	}
	for i, g := range p.Projects {
		field := "projects[" + strconv.Itoa(i) + "]"
		if g.ID == "" {
			return invalid(field+".id", g.ID, "must not be empty")
		}
		if g.Role != ProjectMember && g.Role != ProjectOwner {
			return invalid(field+".role", string(g.Role), `must be "member" or "owner"`)
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
