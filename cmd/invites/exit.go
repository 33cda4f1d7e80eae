// Exit codes are part of the CLI's contract with scripts, so the mapping from
// an error to a code lives in one place.
package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/goinvites/invites/client"
)

const (
	exitOK          = 0
	exitFailure     = 1 // an API or network failure, or some rows/IDs failed
	exitUsage       = 2 // bad flags, arguments or input files; missing key
	exitDrift       = 3 // sync --check: the invites differ from the roster
	exitInterrupted = 130
)

// usageError marks a mistake the user can fix by changing the command line or
// an input file; it exits 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// silentExit carries an exit code for a failure the command has already
// reported in full (for example, the IDs a delete could not remove).
type silentExit struct{ code int }

func (e *silentExit) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// exitCode maps the error a command returned to the process exit code.
// started tells whether the command's own code ran: errors before that are
// cobra's parsing and argument errors, which are usage errors.
func exitCode(ctx context.Context, err error, started bool) int {
	if err == nil {
		return exitOK
	}
	var silent *silentExit
	var usage *usageError
	switch {
	case errors.As(err, &silent):
		return silent.code
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		return exitInterrupted
	case errors.As(err, &usage), errors.Is(err, client.ErrInvalidInput), !started:
		return exitUsage
	default:
		return exitFailure
	}
}

// oneLine flattens an error message so that it prints as a single line;
// the lines of a joined error become clauses.
func oneLine(s string) string {
	var parts []string
	for line := range strings.Lines(s) {
		if clause := strings.Join(strings.Fields(line), " "); clause != "" {
			parts = append(parts, clause)
		}
	}
	return strings.Join(parts, "; ")
}
