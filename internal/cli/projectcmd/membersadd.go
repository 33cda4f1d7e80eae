// projects members add gives a member of the organization access to a
// project. It reads the project's members first, so that adding someone
// already there with the role asked sends nothing, and someone there with
// another role is sent to set-role rather than refused by the API.

package projectcmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// MembersAddOptions are what projects members add runs with.
type MembersAddOptions struct {
	ProjectOptions

	Member string // a user ID, or an email
	Role   string
}

func newMembersAddCmd(f *cmdutil.Factory, runF func(context.Context, *MembersAddOptions) error) *cobra.Command {
	opts := &MembersAddOptions{ProjectOptions: ProjectOptions{IO: f.IO, Client: f.Client}}
	cmd := &cobra.Command{
		Use:   "add PROJECT ID|EMAIL",
		Short: "Give a member of the organization access to a project",
		Long: projectsLong(`Add a member of the organization to an active project, with --role member
(the default) or owner, and show them as the API left them. The project's
members are read first: someone already in it with that role is left alone
(nothing is sent, exit 0), and someone in it with another role is refused
(exit 2): set-role changes a role. Someone who is not a member of the
organization cannot be added (exit 1): invite them with the project
(invites create EMAIL --project PROJECT_ID:member), which adds them to it
when they accept. An add whose answer was lost is looked up before it is
sent again, so it is never made twice.`),
		Example: "  invites projects members add Research ada@example.com\n  invites projects members add proj_abc user-def --role owner -o json",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Output, opts.Project, opts.Member = f.Output(), args[0], args[1]
			return runF(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Role, "role", string(client.ProjectRoleMember), "the project role: member or owner")
	_ = cmd.RegisterFlagCompletionFunc("role", cobra.FixedCompletions(projectRoles, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// projectRoles are the roles a project member may have, for completion.
var projectRoles = []string{string(client.ProjectRoleMember), string(client.ProjectRoleOwner)}

// RunMembersAdd adds one member of the organization to the project, unless
// they are in it already, and prints them as the API left them.
func RunMembersAdd(ctx context.Context, opts *MembersAddOptions) error {
	if err := checkArgs(opts.Project, opts.Member); err != nil {
		return err
	}
	role, err := client.ParseProjectRole(opts.Role)
	if err != nil {
		return err
	}
	c, err := opts.Client(ctx)
	if err != nil {
		return err
	}
	p, members, err := projectMembers(ctx, c, opts.Project)
	if err != nil {
		return err
	}
	out, stderr := newPrinter(opts.IO.Out, opts.Output), opts.IO.ErrOut
	if m, err := memberNamed(*p, members, opts.Member); err == nil {
		if m.Role != role {
			return cmdutil.Usagef("%s is in project %s already, as %s: invites projects members set-role %s %s %s changes the role",
				describeMember(m), describeProject(*p), m.Role, p.ID, m.UserID, role)
		}
		fmt.Fprintf(stderr, "%s is %s of project %s already; nothing sent.\n", describeMember(m), role, describeProject(*p))
		return out.member(memberView(m))
	}
	params := client.AddProjectMemberParams{UserID: opts.Member, Role: role}
	if cmdutil.IsEmail(opts.Member) {
		params = client.AddProjectMemberParams{Email: opts.Member, Role: role}
	}
	m, _, err := c.ProjectMembers.Add(ctx, p.ID, params)
	switch {
	case errors.Is(err, client.ErrNotOrgMember):
		email := "EMAIL"
		if cmdutil.IsEmail(opts.Member) {
			email = opts.Member
		}
		return fmt.Errorf("%s is not a member of the organization, so cannot be added to a project: invite them with it (invites create %s --project %s:%s), which adds them when they accept", opts.Member, email, p.ID, role)
	case errors.Is(err, client.ErrAlreadyInProject) && m != nil:
		return fmt.Errorf("%s was added to project %s since it was read, as %s: invites projects members set-role changes the role", describeMember(*m), describeProject(*p), m.Role)
	case err != nil:
		return err
	}
	fmt.Fprintf(stderr, "%s: added to project %s as %s.\n", describeMember(*m), describeProject(*p), m.Role)
	return out.member(memberView(*m))
}
