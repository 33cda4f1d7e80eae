// The fake's commands: fake-server for other tools, and the demo, which
// runs the CLI's own commands against it and so is given the command line
// (run) instead of importing the root that adds it.

package fakecmd

import (
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// Commands are fake-server and demo, for the root to add; run is the
// root's Run, which the demo runs its steps with.
func Commands(f *cmdutil.Factory, run CommandLine) []*cobra.Command {
	return []*cobra.Command{
		newServerCmd(f, RunServer),
		newDemoCmd(f, run, RunDemo),
	}
}
