// People are known to an admin by email, not by ID, so the commands that
// take an invite or a member (of the organization, of a project) take
// either, tell them apart the same way, and name them in messages alike;
// and projects by name, so that messages name them with their ID.

package cmdutil

import (
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/rules"
)

// IsEmail reports whether an argument names an invite or a member by email:
// IDs never contain "@".
func IsEmail(arg string) bool { return strings.Contains(arg, "@") }

// CheckPersonArg refuses, before anything is sent, an argument that can
// name no member: a malformed email or user ID.
func CheckPersonArg(arg string) error {
	if IsEmail(arg) {
		return client.ValidateEmail(arg)
	}
	return client.ValidateUserID(arg)
}

// NamesPerson reports whether arg (an email or a user ID) names the member
// with id and email: an email compares as every email does, without regard
// to case.
func NamesPerson(arg, id, email string) bool {
	if IsEmail(arg) {
		return email != "" && rules.SameEmail(email, arg)
	}
	return id == arg
}

// FindPerson is the one among people that arg (an email or a user ID)
// names, as NamesPerson matches them; who gives each one's ID and email.
func FindPerson[T any](people []T, arg string, who func(T) (id, email string)) (T, bool) {
	for _, p := range people {
		if id, email := who(p); NamesPerson(arg, id, email) {
			return p, true
		}
	}
	var none T
	return none, false
}

// PersonArgKind says what arg names a person by, for a message: "email" or
// "ID".
func PersonArgKind(arg string) string {
	if IsEmail(arg) {
		return "email"
	}
	return "ID"
}

// DescribePerson names a member for a message: the ID, and the email, else
// the name.
func DescribePerson(id, email, name string) string {
	switch {
	case email != "":
		return id + " (" + email + ")"
	case name != "":
		return id + " (" + name + ")"
	}
	return id
}

// DescribeProject names a project for a message: its ID, and its name.
func DescribeProject(id, name string) string {
	if name == "" {
		return id
	}
	return id + " (" + name + ")"
}
