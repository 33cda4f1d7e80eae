// An outcome is what became of an action, in the one word that reports,
// logs and scripts use, so that every program applying a plan says the same
// thing the same way.

package roster

import (
	"errors"

	"github.com/goinvites/invites/client"
)

// Outcome is what became of an action (or of a roster row no action could
// be planned for), in one word.
type Outcome string

// The outcomes. An action that sends nothing is Unchanged whether or not it
// was applied; one that writes is Planned until it is applied.
const (
	Planned           Outcome = "planned"               // writes, and was not applied: a dry run, a check, or not confirmed
	Unchanged         Outcome = "unchanged"             // sends nothing (Keep, Mismatch, Unlisted, Managed, Held), or a create with nothing left to do
	Done              Outcome = "done"                  // carried out
	Failed            Outcome = "failed"                // the client's error says why
	DeletedNotCreated Outcome = "deleted_not_recreated" // a Replace whose create failed after its delete: the next plan creates it
	NotAttempted      Outcome = "not_attempted"         // not started: the context ended first, or nothing was sent at all
	Invalid           Outcome = "invalid"               // a roster row with problems: no action was planned for it
	Skipped           Outcome = "skipped"               // a roster row a filter left out (File.Skipped): no action was planned for it
)

// Outcome is the action's outcome before it is applied: Planned, or
// Unchanged for one that sends nothing.
func (a Action) Outcome() Outcome {
	if a.Kind.Writes() {
		return Planned
	}
	return Unchanged
}

// Outcome is the action's outcome as Apply reported it: Unchanged for an
// action that sends nothing, Done, NotAttempted, DeletedNotCreated or Failed.
// With ApplyOptions.CreateOnly, a create the API refused because the email
// is already a member's or already invited is Unchanged: a plan that only
// adds has nothing left to do for it (Err says which).
func (r Result) Outcome() Outcome {
	switch {
	case !r.Action.Kind.Writes():
		return Unchanged
	case r.Err == nil:
		return Done
	case errors.Is(r.Err, ErrDeletedNotCreated): // its delete was made, whatever stopped its create
		return DeletedNotCreated
	case errors.Is(r.Err, ErrNotStarted):
		return NotAttempted
	case r.createOnly && r.alreadyDone():
		return Unchanged
	}
	return Failed
}

// alreadyDone reports whether the action is a create the API refused as
// done already: the email became a member, or was invited, after the read.
func (r Result) alreadyDone() bool {
	return (r.Action.Kind == Create || r.Action.Kind == Resend) &&
		(errors.Is(r.Err, client.ErrAlreadyMember) || errors.Is(r.Err, client.ErrAlreadyInvited))
}
