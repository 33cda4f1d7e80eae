// projects list shows every project, reading every page: an organization
// has few, and a page of them answers no question an admin asks.

package projectcmd

import (
	"context"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// ListOptions are what projects list runs with.
type ListOptions struct {
	IO     *cmdutil.IOStreams
	Client cmdutil.ClientFunc
	Output string

	IncludeArchived bool
}

func newListCmd(f *cmdutil.Factory, runF func(context.Context, *ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IO, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the organization's projects",
		Long: projectsLong(`List every active project (with --include-archived, the archived ones too),
in the order the API lists them, reading every page: ID, name, status
(active or archived), when it was created and, if so, archived.`),
		Example: "  invites projects list\n  invites projects list --include-archived -o csv > projects.csv",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.Output = f.Output()
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.IncludeArchived, "include-archived", false, "list archived projects too")
	return cmd
}

// RunList prints every project, reading every page.
func RunList(ctx context.Context, opts *ListOptions) error {
	c, err := opts.Client(ctx)
	if err != nil {
		return err
	}
	var projects []client.Project
	for p, err := range c.Projects.All(ctx, client.AllProjectsParams{IncludeArchived: opts.IncludeArchived}) {
		if err != nil {
			return err
		}
		projects = append(projects, p)
	}
	return newPrinter(opts.IO.Out, opts.Output).projects(projectsView(projects))
}
