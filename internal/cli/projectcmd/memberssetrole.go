// projects members set-role changes one member's role in a project. It
// reads first, so that it can refuse what would do harm (an organization
// owner, whose project role no call changes; the project's last owner) and
// send nothing when the role is already the one asked for.

package projectcmd

import (
	"context"
	"fmt"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// MembersSetRoleOptions are what projects members set-role runs with.
type MembersSetRoleOptions struct {
	ProjectOptions

	Member string // a user ID, or an email
	Role   string
}

func newMembersSetRoleCmd(f *cmdutil.Factory, runF func(context.Context, *MembersSetRoleOptions) error) *cobra.Command {
	opts := &MembersSetRoleOptions{ProjectOptions: ProjectOptions{IO: f.IO, Client: f.Client}}
	return &cobra.Command{
		Use:   "set-role PROJECT ID|EMAIL owner|member",
		Short: "Change a member's role in a project",
		Long: projectsLong(`Change a member's role in an active project to owner or member, and show
them as the API left them. The project's members and the organization's
are read first: a member whose role is already the one asked for is left
alone (nothing is sent, exit 0); an owner of the organization is refused
(they own every project); demoting the project's last owner is refused:
make someone else its owner first.`),
		Example: "  invites projects members set-role Research ada@example.com owner\n  invites projects members set-role proj_abc user-def member -o json",
		Args:    cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Output, opts.Project, opts.Member, opts.Role = f.Output(), args[0], args[1], args[2]
			return runF(cmd.Context(), opts)
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) == 2 {
				return projectRoles, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
	}
}

// RunMembersSetRole changes one member's role in the project, unless that
// would do harm or change nothing, and prints them as the API left them.
func RunMembersSetRole(ctx context.Context, opts *MembersSetRoleOptions) error {
	if err := checkArgs(opts.Project, opts.Member); err != nil {
		return err
	}
	role, err := client.ParseProjectRole(opts.Role)
	if err != nil {
		return err
	}
	pc, err := readForChange(ctx, &opts.ProjectOptions)
	if err != nil {
		return err
	}
	m, err := pc.memberNamed(opts.Member)
	if err != nil {
		return err
	}
	out, stderr := newPrinter(opts.IO.Out, opts.Output), opts.IO.ErrOut
	if m.Role == role {
		fmt.Fprintf(stderr, "%s is %s of project %s already; nothing sent.\n", describeMember(m), role, describeProject(pc.project))
		return out.member(memberView(m))
	}
	if err := pc.refuseOrgOwners("change the project role of", []client.ProjectMember{m}); err != nil {
		return err
	}
	if pc.leavesNoOwner(map[string]client.ProjectRole{m.UserID: role}) {
		return cmdutil.Usagef("refusing to demote %s: project %s has no other owner of its own (the organization's owners own every project); make another member its owner first", describeMember(m), describeProject(pc.project))
	}
	u, _, err := pc.c.ProjectMembers.SetRole(ctx, pc.project.ID, m.UserID, role)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s: role in project %s %s -> %s.\n", describeMember(*u), describeProject(pc.project), m.Role, u.Role)
	return out.member(memberView(*u))
}
