// create invites one person; import does the same for a whole file.

package invitecmd

import (
	"context"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/rosterfile"
	"github.com/spf13/cobra"
)

// CreateOptions are what create runs with.
type CreateOptions struct {
	IO     *cmdutil.IOStreams
	Client cmdutil.ClientFunc
	Output string

	Email      string
	Role       string
	Projects   []string // ID:member or ID:owner each
	NoProjects bool
}

func newCreateCmd(f *cmdutil.Factory, runF func(context.Context, *CreateOptions) error) *cobra.Command {
	opts := &CreateOptions{IO: f.IO, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "create EMAIL --role reader|owner",
		Short: "Invite one person to the organization",
		Long: `Invite one person. Without --project the invitee joins the organization's
default project; --project ID:member|owner (repeatable) grants exactly those
projects; --no-projects grants none at all.`,
		Example: `  invites create ada@example.com --role reader
  invites create bob@example.com --role owner --project proj_a:owner --project proj_b:member
  invites create cy@example.com --role reader --no-projects`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Output, opts.Email = f.Output(), args[0]
			return runF(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.Role, "role", "", "organization role: reader or owner (required)")
	fs.StringArrayVar(&opts.Projects, "project", nil, "grant a project, as ID:member or ID:owner (repeatable)")
	fs.BoolVar(&opts.NoProjects, "no-projects", false, "grant no project at all, not even the default one")
	_ = cmd.MarkFlagRequired("role")
	cmdutil.ExcludeEachOther(cmd, "project", "no-projects")
	_ = cmd.RegisterFlagCompletionFunc("role", cobra.FixedCompletions([]string{"reader", "owner"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// RunCreate checks the command line like a roster row, sends one create
// and prints the invite.
func RunCreate(ctx context.Context, opts *CreateOptions) error {
	params, err := createParams(opts)
	if err != nil {
		return err
	}
	c, err := opts.Client(ctx)
	if err != nil {
		return err
	}
	inv, _, err := c.Invites.Create(ctx, params)
	if err != nil {
		return err
	}
	return newPrinter(opts.IO.Out, opts.Output).invite(inviteView(*inv))
}

// createParams checks the command line before anything is sent, with the
// rules a roster row meets.
func createParams(opts *CreateOptions) (client.CreateParams, error) {
	cell := strings.Join(opts.Projects, ";")
	if opts.NoProjects {
		cell = rosterfile.NoProjects
	}
	e, err := rosterfile.ParseEntry(opts.Email, opts.Role, cell)
	switch {
	case err != nil:
		return client.CreateParams{}, &cmdutil.UsageError{Err: err}
	case !e.HasRole(): // a roster row may leave it out; an invite may not
		return client.CreateParams{}, cmdutil.Usagef("--role %q: want reader or owner", opts.Role)
	}
	return e.Params(), nil
}
