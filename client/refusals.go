// refusals.go holds the refusals the API says only in words: an invite to
// someone already a member, an add to a project of someone it lists
// already or who is not in the organization, a removal of someone a
// project does not list, a member call to an archived project. None has a
// documented code (the fake sends none), so each sentinel is matched
// against a 4xx's message, here alone, as a Terraform provider matches
// the same texts; a caller tests them with errors.Is.

package client

import (
	"errors"
	"strings"
)

// Sentinels an *APIError matches by its message.
var (
	// ErrAlreadyMember is matched by the *APIError of an invite create
	// refused because the email is already a member's ("... already exists
	// in this organization").
	ErrAlreadyMember = errors.New("client: already a member")
	// ErrAlreadyInProject is matched by the *APIError of an add to a
	// project that lists the person already ("... already exists in
	// project ..."), and by the *AlreadyInProjectError of an Add that found
	// them there with another role.
	ErrAlreadyInProject = errors.New("client: already in the project")
	// ErrNotOrgMember is matched by the *APIError of an add to a project of
	// someone who is not a member of the organization ("... is not a member
	// of this organization"): invite them first.
	ErrNotOrgMember = errors.New("client: not a member of the organization")
	// ErrNotInProject is matched by the *APIError of a removal from a
	// project that does not list the person ("User ... is not a member of
	// proj_..."). After an attempt whose answer was lost it means the
	// removal was done, and Remove reports success.
	ErrNotInProject = errors.New("client: not in the project")
	// ErrProjectArchived is matched by the *APIError of a member call to an
	// archived project, which the API refuses ("... is archived"): an
	// archived project's members can be read only from before.
	ErrProjectArchived = errors.New("client: project archived")
)

// refusals are what each sentinel matches in a 4xx's message, lower-cased.
var refusals = map[error]func(message string) bool{
	ErrAlreadyMember:    containing("already exists in this organization"),
	ErrAlreadyInProject: containing("already exists in project"),
	ErrNotOrgMember:     func(m string) bool { return notAMemberOf(m) == "organization" },
	ErrNotInProject:     func(m string) bool { of := notAMemberOf(m); return of != "" && of != "organization" },
	ErrProjectArchived:  containing("is archived", "archived project"),
}

// refused reports whether e is the refusal target stands for; known is
// false when target is none of them.
func (e *APIError) refused(target error) (matched, known bool) {
	says, known := refusals[target]
	if !known {
		return false, false
	}
	return e.StatusCode >= 400 && e.StatusCode <= 499 && says(strings.ToLower(e.Message)), true
}

// containing matches a message holding any of the phrases.
func containing(phrases ...string) func(string) bool {
	return func(m string) bool {
		for _, p := range phrases {
			if strings.Contains(m, p) {
				return true
			}
		}
		return false
	}
}

// notAMemberOf is what a message says someone is not a member of, its
// first word after "this" or "the" ("organization", "proj_abc",
// "project"): "" when it says no such thing. The organization and a project
// are refused in the same words, and only this word tells them apart.
func notAMemberOf(m string) string {
	_, after, ok := strings.Cut(m, "not a member of ")
	if !ok {
		return ""
	}
	after = strings.TrimPrefix(strings.TrimPrefix(after, "this "), "the ")
	word, _, _ := strings.Cut(after, " ")
	return strings.TrimRight(word, ".,;:!'\"")
}
