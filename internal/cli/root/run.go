// Run is main without the process: it executes one command line with the
// streams and environment it is given, and returns the exit code. Tests call
// it for what only the whole command line shows (flag parsing, exit codes,
// the error line); cancelling ctx is how an interrupt (Ctrl-C) reaches a
// command.

package root

import (
	"context"
	"errors"
	"fmt"

	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/fakecmd"
	"github.com/spf13/cobra"
)

// Run executes the command line args (without the program's name) with
// the streams ios and the environment getenv, and returns the exit code.
func Run(ctx context.Context, args []string, ios *cmdutil.IOStreams, getenv func(string) string) int {
	f := cmdutil.NewFactory(ios, getenv)
	f.AppVersion = buildVersion()
	f.StartFake = fakecmd.StartEmbedded
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
	f.Close()

	code := cmdutil.ExitCode(ctx, err, started)
	var silent *cmdutil.SilentExit
	switch {
	case err == nil || errors.As(err, &silent):
	case code == cmdutil.ExitInterrupted:
		fmt.Fprintln(ios.ErrOut, "invites: "+f.InterruptNotice())
	default:
		fmt.Fprintln(ios.ErrOut, "invites: "+cmdutil.OneLine(cmdutil.DescribeError(err)))
		if code == cmdutil.ExitUsage && !started {
			fmt.Fprintf(ios.ErrOut, "Run '%s --help' for usage.\n", commandPath(root, args))
		}
	}
	if hint := f.KeyHint(); hint != "" {
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
