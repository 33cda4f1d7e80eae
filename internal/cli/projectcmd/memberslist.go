// projects members list shows who may use a project, reading every page of
// its members: a partial list would hide someone with access.

package projectcmd

import (
	"context"

	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// MembersListOptions are what projects members list runs with.
type MembersListOptions struct{ ProjectOptions }

func newMembersListCmd(f *cmdutil.Factory, runF func(context.Context, *MembersListOptions) error) *cobra.Command {
	opts := &MembersListOptions{ProjectOptions{IO: f.IO, Client: f.Client}}
	return &cobra.Command{
		Use:   "list PROJECT",
		Short: "List every member of a project",
		Long: projectsLong(`List every member of an active project, in the order the API lists them,
reading every page: user ID, email, name, project role (owner or member)
and when they were added. The organization's owners are listed as owners.`),
		Example: "  invites projects members list Research\n  invites projects members list proj_abc -o csv > research.csv",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Output, opts.Project = f.Output(), args[0]
			return runF(cmd.Context(), opts)
		},
	}
}

// RunMembersList prints every member of the project, reading every page.
func RunMembersList(ctx context.Context, opts *MembersListOptions) error {
	if err := checkProjectArg(opts.Project); err != nil {
		return err
	}
	c, err := opts.Client(ctx)
	if err != nil {
		return err
	}
	_, members, err := projectMembers(ctx, c, opts.Project)
	if err != nil {
		return err
	}
	return newPrinter(opts.IO.Out, opts.Output).members(membersView(members))
}
