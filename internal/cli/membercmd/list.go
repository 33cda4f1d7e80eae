// users list shows every member: unlike invites list it reads every page,
// since a page of members answers no question an admin asks (who is in,
// who owns it) and the list is as long as the organization.

package membercmd

import (
	"context"

	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// ListOptions are what users list runs with.
type ListOptions struct {
	IO     *cmdutil.IOStreams
	Client cmdutil.ClientFunc
	Output string
}

func newListCmd(f *cmdutil.Factory, runF func(context.Context, *ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IO, Client: f.Client}
	return &cobra.Command{
		Use:   "list",
		Short: "List every member of the organization",
		Long: usersLong(`List every member, in the order the API lists them, reading every page:
ID, email, name, role, when they were added, and their kind (person,
service-account, scim-managed). A member the API sends without an email or
name shows "-" in the table, null in json and an empty cell in csv.`),
		Example: "  invites users list\n  invites users list -o csv > members.csv",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.Output = f.Output()
			return runF(cmd.Context(), opts)
		},
	}
}

// RunList prints every member, reading every page.
func RunList(ctx context.Context, opts *ListOptions) error {
	_, members, err := readMembers(ctx, opts.Client)
	if err != nil {
		return err
	}
	return newPrinter(opts.IO.Out, opts.Output).members(membersView(members))
}
