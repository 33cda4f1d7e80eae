// The roster commands share one pipeline (package rosterrun), so they are
// added together.

package rostercmd

import (
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// Commands are import, sync and export, for the root to add.
func Commands(f *cmdutil.Factory) []*cobra.Command {
	return []*cobra.Command{
		newImportCmd(f, RunImport),
		newSyncCmd(f, RunSync),
		newExportCmd(f, RunExport),
	}
}
