// export writes the organization's members, their project access and its
// pending invites as a roster, the file sync reads: a starting point an
// admin edits, which sync --check finds already true of the organization.

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
		Short: "Write the members, their project access and the pending invites as a roster file for sync",
		Long: `Write the organization to stdout as a roster file (email,role,projects),
one row per email:

  - first each member with an email and the role owner or reader, with that
    role and their project access (every active project's members are
    read): their grants, such as proj_a:member;proj_b:owner, or none for a
    member in no project; an owner of the organization, who owns every
    project by that role, has an empty projects cell; SCIM-managed members
    and service accounts with an email are listed too, which changes
    nothing for them;
  - then each email with a pending invite and no member, with the role and
    projects of its newest pending invite: grants such as
    proj_a:member;proj_b:owner, or an empty cell, the organization's default
    project, for an invite that shows no project.

Left out: members with no email (most service accounts), expired invites,
and accepted ones (whoever accepted one is a member, or was removed); and
archived projects, whose members cannot be read.

An invite sent with no project at all ("none", create --no-projects) shows
no project, as an invite to the default project may: the API does not tell
them apart, and its row reads as the default. Write none in its cell if it
must stay without a project when sync sends it again.

sync --check against the file exits 0 until the organization changes. The
output is this CSV with -o table (the default) or csv; -o json is refused
(exit 2), as JSON is no roster: invites list --all -o json and invites users
list -o json give the invites and the members as JSON.`,
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
	// Every active project's members: a member's cell must hold all their
	// grants, or a sync managing every project would remove the rest.
	org, err := roster.ReadOrgWith(ctx, c, roster.ReadOrgOptions{Projects: true})
	if err != nil {
		return err
	}
	return rosterfile.WriteCSV(opts.IO.Out, roster.FromOrg(org))
}
