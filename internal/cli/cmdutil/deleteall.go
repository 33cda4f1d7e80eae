// A command that deletes many things (invites, members) reports every one
// of them: one that fails does not stop the rest, and a script learns
// exactly what is left. The invite and member commands share it here.

package cmdutil

import "context"

// DeleteAll deletes each target in turn with del (an invite, a member),
// prints every outcome (done is the word for a success), and returns the
// error that sets the exit code: 1 when any failed, 130 when an interrupt
// stopped it early (the IDs not reached are reported as such).
func DeleteAll(ctx context.Context, targets []DeleteOut, del func(context.Context, string) error, p Printer, done string) error {
	results := make([]DeleteOut, 0, len(targets))
	failed := false
	for _, t := range targets {
		if ctx.Err() != nil {
			break
		}
		if t.Error != "" { // an argument that named nothing to delete
			failed = true
		} else if err := del(ctx, t.ID); err != nil {
			t.Error = OneLine(DescribeError(err))
			failed = true
		} else {
			t.Deleted = true
		}
		results = append(results, t)
	}
	interrupted := len(results) < len(targets)
	for _, t := range targets[len(results):] {
		t.Error = "not attempted: interrupted"
		results = append(results, t)
	}
	if err := p.Deletions(results, done); err != nil {
		return err
	}
	switch {
	case interrupted:
		return &SilentExit{ExitInterrupted}
	case failed:
		return &SilentExit{ExitFailure}
	}
	return nil
}

// RemovalTargets turns the arguments of a removal (IDs and emails) into
// DeleteAll's targets, in their order, and returns the things they name,
// each once: named finds what an argument names (an error says why none),
// and who gives its ID and email. An argument that names nothing becomes a
// target that fails with why; a thing named twice (by ID and by email) is
// removed once.
func RemovalTargets[T any](args []string, named func(arg string) (T, error), who func(T) (id, email string)) ([]DeleteOut, []T) {
	var targets []DeleteOut
	var found []T
	seen := map[string]bool{}
	for _, arg := range args {
		v, err := named(arg)
		if err != nil {
			t := DeleteOut{ID: arg, Error: err.Error()}
			if IsEmail(arg) {
				t = DeleteOut{Email: arg, Error: err.Error()}
			}
			targets = append(targets, t)
			continue
		}
		if id, email := who(v); !seen[id] {
			seen[id] = true
			targets = append(targets, DeleteOut{ID: id, Email: email})
			found = append(found, v)
		}
	}
	return targets, found
}
