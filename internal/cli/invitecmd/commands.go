// The invite commands are top-level (invites list, not invites invites
// list): the CLI was the invites tool before it managed anything else.

package invitecmd

import (
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// Commands are the invite commands, for the root to add.
func Commands(f *cmdutil.Factory) []*cobra.Command {
	return []*cobra.Command{
		newListCmd(f, RunList),
		newGetCmd(f, RunGet),
		newCreateCmd(f, RunCreate),
		newDeleteCmd(f, RunDelete),
		newPruneCmd(f, RunPrune),
	}
}
