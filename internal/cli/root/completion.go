// Shell completion comes from cobra; this command replaces cobra's default one
// so that an unknown shell is a usage error (exit 2) rather than a help page.

package root

import (
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

func newCompletionCmd(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "completion bash|zsh|fish",
		Short: "Print the shell completion script",
		Long: `Print the completion script for your shell. For example:

  bash:  source <(invites completion bash)
  zsh:   invites completion zsh > "${fpath[1]}/_invites"
  fish:  invites completion fish | source`,
		ValidArgs: []string{"bash", "zsh", "fish"},
		Args:      cobra.MatchAll(cobra.ExactArgs(1), cobra.OnlyValidArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			switch args[0] {
			case "bash":
				return root.GenBashCompletionV2(f.IO.Out, true)
			case "zsh":
				return root.GenZshCompletion(f.IO.Out)
			default:
				return root.GenFishCompletion(f.IO.Out, true)
			}
		},
	}
}
