// A plan is a pure function of a roster and the invites as read, so it can
// be shown, checked (--check) and tested without a server, and an apply
// that was cut short is finished by simply planning again.

package roster

import (
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/rules"
)

// Kind is what an action does.
type Kind string

// The kinds of action. Only Create, Resend, Replace and Revoke send
// anything (see [Kind.Writes]).
const (
	Create   Kind = "create"   // no invite for the email: create one
	Resend   Kind = "resend"   // only expired invites for the email: create one
	Replace  Kind = "replace"  // a pending invite differs: delete it, then create the roster's
	Revoke   Kind = "revoke"   // a pending invite no roster entry wants: delete it
	Keep     Kind = "keep"     // a pending or accepted invite matches: nothing to do
	Conflict Kind = "conflict" // an accepted invite differs, which no invite can change: nothing to do
	Mismatch Kind = "mismatch" // with PlanOptions.CreateOnly, a pending invite differs: nothing to do
)

// Writes reports whether an action of this kind sends a create or a delete.
func (k Kind) Writes() bool {
	switch k {
	case Create, Resend, Replace, Revoke:
		return true
	}
	return false
}

// Action is one step of a plan: what to do about one roster email or one
// pending invite.
type Action struct {
	Kind  Kind
	Email string
	// Invite is the existing invite the action is about: the one kept,
	// replaced, revoked or in conflict, or the newest expired one for a
	// Resend. nil for a Create.
	Invite *client.Invite
	// Entry is what the roster asks; nil for a Revoke.
	Entry *Entry
	// Reason says why, in words: what differs for a Replace, Mismatch or
	// Conflict.
	Reason string
}

// InviteID is the ID of the existing invite the action is about, "" for a
// Create.
func (a Action) InviteID() string {
	if a.Invite == nil {
		return ""
	}
	return a.Invite.ID
}

// PlanOptions change what Plan may do.
type PlanOptions struct {
	// RevokeMissing revokes the pending invites whose email is in no entry.
	// Without it they are left alone and get no action.
	RevokeMissing bool
	// CreateOnly plans no delete at all: a pending invite that differs is a
	// Mismatch rather than a Replace, and other pending invites for a roster
	// email are left alone. It is how `invites import` only adds.
	CreateOnly bool
}

// Kinds lists the kinds of action a plan made with these options may hold,
// in the order reports count them.
func (o PlanOptions) Kinds() []Kind {
	if o.CreateOnly {
		return []Kind{Create, Resend, Mismatch, Conflict, Keep}
	}
	return []Kind{Create, Resend, Replace, Revoke, Conflict, Keep}
}

// Plan compares entries with the organization's invites (every status, as
// [client.InvitesService.All] yields them) and returns one action per entry, in
// entry order, then one Revoke per pending invite left over (with
// RevokeMissing, and for a second pending invite to a roster email).
// Emails compare as the client and the API compare them, without regard to
// case and after Unicode NFC normalization, so that a roster from an
// identity provider matches invites sent from elsewhere. An email is planned
// once: entries that repeat an earlier one's email (Read reports them as
// problems) are left out.
func Plan(entries []Entry, invites []client.Invite, opts PlanOptions) []Action {
	byEmail := make(map[string][]client.Invite, len(invites))
	for _, inv := range invites {
		k := rules.EmailKey(inv.Email)
		byEmail[k] = append(byEmail[k], inv)
	}
	handled := map[string]bool{} // pending invite IDs that have their action
	rostered := make(map[string]bool, len(entries))
	var actions []Action
	for i := range entries {
		e := &entries[i]
		k := rules.EmailKey(e.Email)
		if rostered[k] {
			continue
		}
		rostered[k] = true
		a := planEntry(e, byEmail[k], opts)
		if a.Invite != nil && a.Invite.Status == client.StatusPending {
			handled[a.Invite.ID] = true
		}
		actions = append(actions, a)
	}
	for _, inv := range invites {
		if inv.Status != client.StatusPending || handled[inv.ID] {
			continue
		}
		inRoster := rostered[rules.EmailKey(inv.Email)]
		switch {
		case inRoster && !opts.CreateOnly:
			actions = append(actions, Action{Kind: Revoke, Email: inv.Email, Invite: &inv, Reason: "a second pending invite for the same email"})
		case !inRoster && opts.RevokeMissing && !opts.CreateOnly:
			actions = append(actions, Action{Kind: Revoke, Email: inv.Email, Invite: &inv, Reason: "not in the roster"})
		}
	}
	return actions
}

// planEntry decides the action for one entry; invites are those for its
// email, newest first.
func planEntry(e *Entry, invites []client.Invite, opts PlanOptions) Action {
	a := Action{Email: e.Email, Entry: e}
	pending, accepted, expired := pick(invites, e)
	switch {
	case pending != nil:
		a.Invite = pending
		diffs := e.differences(*pending)
		switch {
		case diffs == nil:
			a.Kind, a.Reason = Keep, "pending invite matches"
		case opts.CreateOnly:
			a.Kind, a.Reason = Mismatch, "pending invite differs: "+strings.Join(diffs, "; ")
		default:
			a.Kind, a.Reason = Replace, "pending invite differs: "+strings.Join(diffs, "; ")
		}
	case accepted != nil:
		a.Invite = accepted
		if diffs := e.differences(*accepted); diffs != nil {
			a.Kind, a.Reason = Conflict, "accepted invite differs (the invites API cannot change a member): "+strings.Join(diffs, "; ")
		} else {
			a.Kind, a.Reason = Keep, "accepted invite matches"
		}
	case expired != nil:
		a.Kind, a.Invite, a.Reason = Resend, expired, "only expired invites"
	default:
		a.Kind, a.Reason = Create, "no invite"
	}
	return a
}

// pick chooses, among one email's invites (newest first), the pending
// invite the entry is judged by (a matching one if any, else the newest),
// the newest accepted and the newest expired.
func pick(invites []client.Invite, e *Entry) (pending, accepted, expired *client.Invite) {
	for i := range invites {
		inv := &invites[i]
		switch inv.Status {
		case client.StatusPending:
			if pending == nil || (e.differences(*pending) != nil && e.differences(*inv) == nil) {
				pending = inv
			}
		case client.StatusAccepted:
			if accepted == nil {
				accepted = inv
			}
		case client.StatusExpired:
			if expired == nil {
				expired = inv
			}
		}
	}
	return pending, accepted, expired
}
