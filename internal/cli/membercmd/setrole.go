// users set-role promotes or demotes one member. It reads the members once
// first, so that it can refuse what would do harm (a member a provider
// manages, the organization's last owner) and send nothing when the role is
// already the one asked for.

package membercmd

import (
	"context"
	"fmt"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// SetRoleOptions are what users set-role runs with.
type SetRoleOptions struct {
	IO     *cmdutil.IOStreams
	Client cmdutil.ClientFunc
	Output string

	Member string // an ID, or an email
	Role   string
	Force  bool
}

func newSetRoleCmd(f *cmdutil.Factory, runF func(context.Context, *SetRoleOptions) error) *cobra.Command {
	opts := &SetRoleOptions{IO: f.IO, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "set-role ID|EMAIL owner|reader",
		Short: "Change a member's organization role",
		Long: usersLong(`Change a member's organization role to owner or reader, and show the member
as the API left them. The members are read once first: a member whose role
is already the one asked for is left alone (nothing is sent, exit 0); a
service account or a SCIM-managed member is refused unless --force, since
its provider manages it; demoting the organization's only owner is refused
(service accounts do not count as owners): make someone else owner first.`),
		Example: "  invites users set-role ada@example.com owner\n  invites users set-role user-abc reader -o json",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Output, opts.Member, opts.Role = f.Output(), args[0], args[1]
			return runF(cmd.Context(), opts)
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
			if len(args) == 1 {
				return []string{"owner", "reader"}, cobra.ShellCompDirectiveNoFileComp
			}
			return nil, cobra.ShellCompDirectiveNoFileComp
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "change a service account or SCIM-managed member too")
	return cmd
}

// RunSetRole changes one member's role, unless that would do harm or
// change nothing, and prints the member as the API left them.
func RunSetRole(ctx context.Context, opts *SetRoleOptions) error {
	if err := cmdutil.CheckPersonArg(opts.Member); err != nil {
		return err
	}
	role, err := client.ParseRole(opts.Role)
	if err != nil {
		return err
	}
	c, members, err := readMembers(ctx, opts.Client)
	if err != nil {
		return err
	}
	m, err := memberNamed(members, opts.Member)
	if err != nil {
		return err
	}
	p, stderr := newPrinter(opts.IO.Out, opts.Output), opts.IO.ErrOut
	if m.Role == role {
		fmt.Fprintf(stderr, "%s is already %s; nothing sent.\n", describeMember(m), role)
		return p.member(memberView(m))
	}
	if err := refuseManaged("change the role of", []client.User{m}, opts.Force); err != nil {
		return err
	}
	if leavesNoOwner(members, map[string]bool{m.ID: true}) && role != client.RoleOwner {
		return cmdutil.Usagef("refusing to demote %s: the organization's only owner (service accounts do not count); make another member owner first", describeMember(m))
	}
	u, _, err := c.Users.SetRole(ctx, m.ID, role)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "%s: role %s -> %s.\n", describeMember(*u), roleText(m.Role), roleText(u.Role))
	return p.member(memberView(*u))
}
