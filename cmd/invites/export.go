// export writes the organization's invites as a roster, the file sync
// reads: a starting point an admin edits, which sync --check finds already
// true of the organization.
package main

import (
	"context"

	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/spf13/cobra"
)

type exportOptions struct {
	IO     *IOStreams
	Client clientFunc
	Output string
}

func newExportCmd(f *factory, runF func(context.Context, *exportOptions) error) *cobra.Command {
	opts := &exportOptions{IO: f.IO, Client: f.Client}
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

func runExport(ctx context.Context, opts *exportOptions) error {
	if opts.Output == "json" {
		return usagef("export writes a roster, which is CSV: -o json is not one (invites list --all -o json gives the invites as JSON)")
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
