// run is main without the process: it executes one command line with the
// streams and environment it is given, and returns the exit code. Tests call
// it for what only the whole command line shows (flag parsing, exit codes,
// the error line); cancelling ctx is how an interrupt (Ctrl-C) reaches a
// command.
package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
)

func run(ctx context.Context, args []string, ios *IOStreams, getenv func(string) string) int {
	f := newFactory(ios, getenv)
	root := newRootCmd(f)
	// An error before a command's RunE is cobra's or the global flags' (an
	// unknown flag or command, a wrong number of arguments, a flag missing
	// or in conflict): a usage error. After, it is the command's own.
	started := false
	markStart(root, &started)
	root.SetArgs(args)
	root.SetIn(ios.In)
	root.SetOut(ios.Out)
	root.SetErr(ios.ErrOut)
	err := root.ExecuteContext(ctx)
	f.close()

	code := exitCode(ctx, err, started)
	var silent *silentExit
	switch {
	case err == nil || errors.As(err, &silent):
	case code == exitInterrupted:
		fmt.Fprintln(ios.ErrOut, "invites: interrupted")
	default:
		fmt.Fprintln(ios.ErrOut, "invites: "+oneLine(describeError(err)))
		if code == exitUsage && !started {
			fmt.Fprintf(ios.ErrOut, "Run '%s --help' for usage.\n", commandPath(root, args))
		}
	}
	if hint := f.keyHint(); hint != "" {
		fmt.Fprintln(ios.ErrOut, hint)
	}
	return code
}

// commandPath names the subcommand args asked for, for the usage hint.
func commandPath(root *cobra.Command, args []string) string {
	if c, _, err := root.Find(args); err == nil && c != nil {
		return c.CommandPath()
	}
	return root.Name()
}

// markStart makes every command of the tree set *started as its RunE
// begins.
func markStart(cmd *cobra.Command, started *bool) {
	if runE := cmd.RunE; runE != nil {
		cmd.RunE = func(cmd *cobra.Command, args []string) error {
			*started = true
			return runE(cmd, args)
		}
	}
	for _, sub := range cmd.Commands() {
		markStart(sub, started)
	}
}
