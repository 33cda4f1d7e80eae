// create invites one person; import does the same for a whole file.
package main

import (
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
	"github.com/spf13/cobra"
)

func (a *app) createCommand() *cobra.Command {
	var (
		role       string
		projects   []string
		noProjects bool
	)
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
		RunE: a.action(func(_ *cobra.Command, args []string) error {
			params, err := createParams(args[0], role, projects, noProjects)
			if err != nil {
				return err
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			inv, _, err := c.Invites.Create(a.ctx, params)
			if err != nil {
				return err
			}
			return a.printer().invite(inviteView(*inv))
		}),
	}
	f := cmd.Flags()
	f.StringVar(&role, "role", "", "organization role: reader or owner (required)")
	f.StringArrayVar(&projects, "project", nil, "grant a project, as ID:member or ID:owner (repeatable)")
	f.BoolVar(&noProjects, "no-projects", false, "grant no project at all, not even the default one")
	_ = cmd.MarkFlagRequired("role")
	cmd.MarkFlagsMutuallyExclusive("project", "no-projects")
	_ = cmd.RegisterFlagCompletionFunc("role", cobra.FixedCompletions([]string{"reader", "owner"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// createParams checks the command line before anything is sent, with the
// rules a roster row meets.
func createParams(email, role string, projects []string, noProjects bool) (client.CreateParams, error) {
	cell := strings.Join(projects, ";")
	if noProjects {
		cell = roster.NoProjects
	}
	e, err := roster.ParseEntry(email, role, cell)
	if err != nil {
		return client.CreateParams{}, &usageError{err}
	}
	return e.Params(), nil
}
