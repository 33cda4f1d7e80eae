// recovery.go is the one create-recovery step. The API has no idempotency
// keys, so after an attempt that may have reached the server, the only safe
// way to know whether a create made its object (an invite, or a member's
// place in a project) is to look for it; the run loop takes this step
// wherever an answer leaves that open, and never sends a create again
// before it. When it cannot find out, the call ends with an
// *OutcomeUnknownError naming what was being created, built here alone.

package client

import (
	"context"
	"fmt"
)

// recovery is what a create brings to its call: what it creates (an invite
// to email; or, with projectID set, an add of userID or email to that
// project), and the look-up for what an earlier attempt may have made.
type recovery struct {
	email     string
	projectID string
	userID    string
	// find reports whether it found what the create makes; the create
	// keeps it.
	find func(context.Context) (bool, error)
}

// set reports whether the call is a create, with something to look for.
func (r *recovery) set() bool { return r.find != nil }

// look runs the look-up for what an earlier attempt may have created; a
// failed look-up leaves the outcome unknown. A call that is not a create
// has nothing to look for.
func (r *recovery) look(ctx context.Context) (bool, error) {
	if !r.set() {
		return false, nil
	}
	found, err := r.find(ctx)
	if err != nil {
		return false, r.unknown("an earlier attempt may have %s, and looking for it failed", err)
	}
	return found, nil
}

// unknown is the error of a create whose outcome the client could not
// learn: why, a format whose one argument is what an applied attempt did
// (made), and the cause.
func (r *recovery) unknown(why string, err error) error {
	return &OutcomeUnknownError{Email: r.email, ProjectID: r.projectID, UserID: r.userID, Err: err, why: fmt.Sprintf(why, r.made())}
}

// made says what an attempt of the create that was applied did, for its
// errors: "created the invite to ada@example.com", "added user-ada to
// project proj_a". Built only for an error, so a create pays nothing for
// it.
func (r *recovery) made() string {
	if r.projectID == "" {
		return "created the invite to " + r.email
	}
	who := r.userID
	if who == "" {
		who = r.email
	}
	return "added " + who + " to project " + r.projectID
}
