// recovery.go is the one create-recovery step. The API has no idempotency
// keys, so after an attempt that may have reached the server, the only safe
// way to know whether a create made the invite is to look for it; the run
// loop takes this step wherever an answer leaves that open, and never
// sends a create again before it. When it cannot find out, the call ends
// with an *OutcomeUnknownError naming the email, built here alone.

package client

import (
	"context"
	"fmt"
)

// recovery is what a create brings to its call: the email it invites, and
// the look-up for an invite an earlier attempt may have made.
type recovery struct {
	email string
	// find reports whether it found the invite; the create keeps it.
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
		return false, r.unknown("an earlier attempt may have created the invite to %s, and looking for it failed", err)
	}
	return found, nil
}

// unknown is the error of a create whose outcome the client could not
// learn: why, a format with the email as its one argument, and the cause.
func (r *recovery) unknown(why string, err error) error {
	return &OutcomeUnknownError{Email: r.email, Err: err, why: fmt.Sprintf(why, r.email)}
}
