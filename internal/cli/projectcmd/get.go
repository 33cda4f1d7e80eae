// projects get shows one project, by ID or by name, for a script that wants
// its JSON or an admin who knows it by name only.

package projectcmd

import (
	"context"

	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// GetOptions are what projects get runs with.
type GetOptions struct{ ProjectOptions }

func newGetCmd(f *cmdutil.Factory, runF func(context.Context, *GetOptions) error) *cobra.Command {
	opts := &GetOptions{ProjectOptions{IO: f.IO, Client: f.Client}}
	return &cobra.Command{
		Use:   "get ID|NAME",
		Short: "Show one project, by ID or by name",
		Long: projectsLong(`Show one project, active or archived. An argument that is no project's ID
is looked for among the names of every project, archived ones included;
no project with it is an error (exit 1).`),
		Example: "  invites projects get proj_abc\n  invites projects get Research -o json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Output, opts.Project = f.Output(), args[0]
			return runF(cmd.Context(), opts)
		},
	}
}

// RunGet prints the project named by ID or by name.
func RunGet(ctx context.Context, opts *GetOptions) error {
	if err := checkProjectArg(opts.Project); err != nil {
		return err
	}
	c, err := opts.Client(ctx)
	if err != nil {
		return err
	}
	p, err := findProject(ctx, c, opts.Project, true)
	if err != nil {
		return err
	}
	return newPrinter(opts.IO.Out, opts.Output).project(projectView(*p))
}
