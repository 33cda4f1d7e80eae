// Exit codes are part of the CLI's contract with scripts, so the mapping from
// an error to a code lives in one place.

package cmdutil

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/goinvites/invites/client"
)

// The exit codes, a contract with scripts: one for each kind of outcome.
const (
	ExitOK          = 0
	ExitFailure     = 1 // an API or network failure, or some rows/IDs failed
	ExitUsage       = 2 // bad flags, arguments or input files; missing key
	ExitDrift       = 3 // sync --check: the invites differ from the roster
	ExitInterrupted = 130
)

// UsageError marks a mistake the user can fix by changing the command line or
// an input file; it exits 2.
type UsageError struct{ Err error }

// Error is Err's message: a usage error adds no words.
func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns Err.
func (e *UsageError) Unwrap() error { return e.Err }

// Usagef is a UsageError with fmt.Errorf's message (and %w).
func Usagef(format string, args ...any) error {
	return &UsageError{fmt.Errorf(format, args...)}
}

// SilentExit carries an exit code for a failure the command has already
// reported in full (for example, the IDs a delete could not remove).
type SilentExit struct{ Code int }

// Error names the exit code; Run prints nothing for a SilentExit.
func (e *SilentExit) Error() string { return fmt.Sprintf("exit status %d", e.Code) }

// ExitCode maps the error a command returned to the process exit code.
// started tells whether the command's own code ran: errors before that are
// cobra's parsing and argument errors, which are usage errors.
func ExitCode(ctx context.Context, err error, started bool) int {
	if err == nil {
		return ExitOK
	}
	var silent *SilentExit
	var usage *UsageError
	switch {
	case errors.As(err, &silent):
		return silent.Code
	case errors.Is(err, context.Canceled) && ctx.Err() != nil:
		return ExitInterrupted
	case errors.As(err, &usage), errors.Is(err, client.ErrInvalidInput), !started:
		return ExitUsage
	default:
		return ExitFailure
	}
}

// OneLine flattens an error message so that it prints as a single line;
// the lines of a joined error become clauses.
func OneLine(s string) string {
	var parts []string
	for line := range strings.Lines(s) {
		if clause := strings.Join(strings.Fields(line), " "); clause != "" {
			parts = append(parts, clause)
		}
	}
	return strings.Join(parts, "; ")
}
