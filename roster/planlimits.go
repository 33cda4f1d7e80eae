// A plan made from a roster cut short, or from a role column read wrong,
// removes or demotes everyone it lost at once. Such writes cannot be undone
// by the plan that made them, so a plan may make only so many of each: one
// mechanism, a limit per kind of write, checked whole before anything is
// sent.

package roster

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/goinvites/invites/client"
)

var (
	// ErrTooManyRemovals is matched by the error of [Limits.Check] for a
	// plan that removes more members than Limits.MaxRemovals, and of every
	// write Apply refuses to start for it.
	ErrTooManyRemovals = errors.New("roster: too many removals")
	// ErrTooManyDemotions is the same for owners made readers, over
	// Limits.MaxDemotions.
	ErrTooManyDemotions = errors.New("roster: too many demotions")
	// ErrTooManyProjectRemovals is the same for members removed from
	// projects, over Limits.MaxProjectRemovals.
	ErrTooManyProjectRemovals = errors.New("roster: too many removals from projects")
)

// Limits are the most writes that lock someone out a plan may make. The
// zero value allows none, so that a program says how many it will risk.
type Limits struct {
	// MaxRemovals is the most members a plan may remove (Remove actions).
	MaxRemovals int
	// MaxDemotions is the most owners a plan may make readers (SetRole
	// actions from owner). An entry without a role demotes no one.
	MaxDemotions int
	// MaxProjectRemovals is the most project memberships a plan may end
	// (RemoveFromProject actions): one member removed from two projects
	// counts two.
	MaxProjectRemovals int
}

// limit is one kind of write Limits count.
type limit struct {
	err       error  // what a plan over it matches
	verb      string // what the plan does to each: "removes"
	one, many string // whom: "member", "members"
	result    string // what they become, "" when nothing needs saying
	max       func(Limits) int
	counts    func(Action) bool
}

var limits = []limit{
	{ErrTooManyRemovals, "removes", "member", "members", "", func(l Limits) int { return l.MaxRemovals }, func(a Action) bool { return a.Kind == Remove }},
	{ErrTooManyDemotions, "demotes", "owner", "owners", " to " + string(client.RoleReader), func(l Limits) int { return l.MaxDemotions }, demotes},
	{ErrTooManyProjectRemovals, "ends", "project membership", "project memberships", "", func(l Limits) int { return l.MaxProjectRemovals }, func(a Action) bool { return a.Kind == RemoveFromProject }},
}

// demotes reports whether a makes an owner something less.
func demotes(a Action) bool {
	return a.Kind == SetRole && a.Member != nil && a.Member.Role == client.RoleOwner && a.Entry != nil && a.Entry.Role != client.RoleOwner
}

// Check returns nil when actions keep within l; else, for each limit they
// go over, a *LimitError, joined into one error (errors.Join). A roster cut
// short plans the removal of everyone it left out; a limit turns that into
// an error before anything is sent.
func (l Limits) Check(actions []Action) error {
	var errs []error
	for _, k := range limits {
		var emails, projects []string
		for _, a := range actions {
			if k.counts(a) {
				emails = append(emails, a.Email)
				if a.Project != nil {
					projects = append(projects, describeProject(a.Project))
				}
			}
		}
		if most := k.max(l); len(emails) > most {
			errs = append(errs, &LimitError{Limit: k.err, Count: len(emails), Max: most, Emails: emails, Projects: projects})
		}
	}
	return errors.Join(errs...)
}

// LimitError is a plan that makes more writes of one kind than its Limits
// allow.
type LimitError struct {
	// Limit is what was counted, and what the error matches:
	// ErrTooManyRemovals, ErrTooManyDemotions or ErrTooManyProjectRemovals.
	Limit      error
	Count, Max int
	Emails     []string // the members concerned, one per write, in plan order
	// Projects are, for ErrTooManyProjectRemovals, the project of each
	// write (`"Research" (proj_a)`), beside its member in Emails; nil for
	// the other limits.
	Projects []string
}

func (e *LimitError) Error() string {
	whom := slices.Clone(e.Emails)
	for i := range min(len(whom), len(e.Projects)) {
		whom[i] += " from " + e.Projects[i]
	}
	return fmt.Sprintf("the plan %s, more than the limit of %d: %s", e.Does(), e.Max, strings.Join(whom, ", "))
}

// Is matches e.Limit.
func (e *LimitError) Is(target error) bool { return target == e.Limit }

// Does says what the plan does, in words: "removes 6 members", "demotes 1
// owner to reader".
func (e *LimitError) Does() string {
	for _, k := range limits {
		if errors.Is(e.Limit, k.err) {
			whom := k.many
			if e.Count == 1 {
				whom = k.one
			}
			return fmt.Sprintf("%s %d %s%s", k.verb, e.Count, whom, k.result)
		}
	}
	return fmt.Sprintf("makes %d writes limited by %v", e.Count, e.Limit)
}
