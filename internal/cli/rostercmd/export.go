// export writes the organization's invites as a roster, the file sync
// reads: a starting point an admin edits, which sync --check finds already
// true of the organization.

package rostercmd

import (
	"context"

	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/spf13/cobra"
)

// ExportOptions are what export runs with.
type ExportOptions struct {
	IO     *cmdutil.IOStreams
	Client cmdutil.ClientFunc
	Output string
}

func newExportCmd(f *cmdutil.Factory, runF func(context.Context, *ExportOptions) error) *cobra.Command {
	opts := &ExportOptions{IO: f.IO, Client: f.Client}
	return &cobra.Command{
		Use:   "export > roster.csv",
		Short: "Write the pending and accepted invites as a roster file for sync",
		Long: `Write the organization's pending and accepted invites to stdout as a roster
file (email,role,projects), one row per email, with each invite's exact
projects ("none" for none). Expired invites are left out. sync --check
against the file exits 0 until the invites change. The output is this CSV
with -o table (the default) or csv; -o json is refused (exit 2), as JSON is
no roster: invites list --all -o json gives the invites as JSON.`,
		Example: `  invites export > roster.csv
  invites sync --file roster.csv --check`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.Output = f.Output()
			return runF(cmd.Context(), opts)
		},
	}
}

// RunExport writes the members and pending invites as a roster, to stdout.
func RunExport(ctx context.Context, opts *ExportOptions) error {
	if opts.Output == "json" {
		return cmdutil.Usagef("export writes a roster, which is CSV: -o json is not one (invites list --all -o json gives the invites as JSON)")
	}
	c, err := opts.Client(ctx)
	if err != nil {
		return err
	}
	org, err := roster.ReadOrg(ctx, c)
	if err != nil {
		return err
	}
	return rosterfile.WriteCSV(opts.IO.Out, roster.FromOrg(org))
}
