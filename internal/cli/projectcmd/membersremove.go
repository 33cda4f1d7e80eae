// projects members remove takes members out of a project, and with them
// their access to it at once. It is decided from complete reads (the
// project's members, the organization's owners), refused where it would do
// harm (an organization owner, the project's last owner), shown before
// anything is sent, and confirmed: on a terminal by a question, elsewhere
// by --yes.

package projectcmd

import (
	"context"
	"fmt"
	"io"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// MembersRemoveOptions are what projects members remove runs with.
type MembersRemoveOptions struct {
	ProjectOptions

	Members []string // user IDs and emails
	Yes     bool
}

func newMembersRemoveCmd(f *cmdutil.Factory, runF func(context.Context, *MembersRemoveOptions) error) *cobra.Command {
	opts := &MembersRemoveOptions{ProjectOptions: ProjectOptions{IO: f.IO, Client: f.Client}}
	cmd := &cobra.Command{
		Use:   "remove PROJECT ID|EMAIL...",
		Short: "Remove members from a project (their access ends at once)",
		Long: projectsLong(`Remove each member named from an active project: their access to it ends at
once, and only an add gives it back. They stay members of the organization.

The project's members and the organization's are read once; every member
to be removed is shown (user ID, email, name, project role) before anything
is sent. On a terminal remove then asks to confirm; without one it needs
--yes, and without --yes it shows them and refuses (exit 2). An owner of
the organization is refused (they own every project), and so is a removal
that would take away the project's last owner. A refusal sends nothing.
Each outcome is reported, and a failure does not stop the rest: exit 1 when
any member named was not in the project or could not be removed.`),
		Example: "  invites projects members remove Research bob@example.com\n  invites projects members remove proj_abc user-def user-ghi --yes -o json",
		Args:    cobra.MinimumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Output, opts.Project, opts.Members = f.Output(), args[0], args[1:]
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVarP(&opts.Yes, "yes", "y", false, "remove without asking (needed without a terminal)")
	return cmd
}

// RunMembersRemove removes each member named from the project, after
// showing them and asking, and reports each outcome.
func RunMembersRemove(ctx context.Context, opts *MembersRemoveOptions) error {
	// A typo in one argument stops the command before anything is read.
	if err := checkArgs(opts.Project, opts.Members...); err != nil {
		return err
	}
	pc, err := readForChange(ctx, &opts.ProjectOptions)
	if err != nil {
		return err
	}
	targets, removing := cmdutil.RemovalTargets(opts.Members, pc.memberNamed, projectMemberWho)
	if err := pc.refuseOrgOwners("remove", removing); err != nil {
		return err
	}
	leaving := make(map[string]client.ProjectRole, len(removing))
	for _, m := range removing {
		leaving[m.UserID] = ""
	}
	if pc.leavesNoOwner(leaving) {
		return cmdutil.Usagef("refusing to remove %s: project %s would have no owner of its own left (the organization's owners own every project); make another member its owner first", pc.owners(), describeProject(pc.project))
	}
	if len(removing) > 0 {
		show := func(w io.Writer) error { return newPrinter(w, "table").members(membersView(removing)) }
		question := fmt.Sprintf("Remove these %d member(s) from project %s?", len(removing), describeProject(pc.project))
		ok, err := cmdutil.ConfirmRemoval(opts.IO, opts.Yes, show, question)
		if !ok || err != nil {
			return err
		}
	}
	return cmdutil.DeleteAll(ctx, targets, func(ctx context.Context, id string) error {
		_, err := pc.c.ProjectMembers.Remove(ctx, pc.project.ID, id)
		return err
	}, cmdutil.NewPrinter(opts.IO.Out, opts.Output), "removed")
}
