// users remove takes members out of the organization. A removal cannot be
// undone (the person needs a new invite to come back), so it is decided
// from one complete read of the members, refused where it would do harm (a
// member a provider manages, the last owner), shown before anything is
// sent, and confirmed: on a terminal by a question, elsewhere by --yes.

package membercmd

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// RemoveOptions are what users remove runs with.
type RemoveOptions struct {
	IO     *cmdutil.IOStreams
	Client cmdutil.ClientFunc
	Output string

	Members []string // IDs and emails
	Yes     bool
	Force   bool
}

func newRemoveCmd(f *cmdutil.Factory, runF func(context.Context, *RemoveOptions) error) *cobra.Command {
	opts := &RemoveOptions{IO: f.IO, Client: f.Client}
	cmd := &cobra.Command{
		Use:   "remove ID|EMAIL...",
		Short: "Remove members from the organization (cannot be undone)",
		Long: usersLong(`Remove each member named from the organization. This cannot be undone: a
person removed needs a new invite to come back.

The members are read once; every member to be removed is shown (ID, email,
name, role) before anything is sent. On a terminal (stdin and stderr both)
remove then asks to confirm; otherwise it needs --yes, and without --yes it
shows them and refuses (exit 2). Service accounts and SCIM-managed members are refused
unless --force, since their provider manages them; a removal that would
leave the organization without an owner is refused (service accounts do
not count as owners). A refusal sends nothing. Each outcome is reported,
and a failure does not stop the rest: exit 1 when any member named was not
found or could not be removed.`),
		Example: "  invites users remove bob@example.com\n  invites users remove user-abc user-def --yes -o json",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Output, opts.Members = f.Output(), args
			return runF(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.BoolVarP(&opts.Yes, "yes", "y", false, "remove without asking (needed without a terminal)")
	fs.BoolVar(&opts.Force, "force", false, "remove service accounts and SCIM-managed members too")
	return cmd
}

// RunRemove removes each member named, after showing them and asking,
// and reports each outcome.
func RunRemove(ctx context.Context, opts *RemoveOptions) error {
	// A typo in one argument stops the command before anything is read.
	for _, arg := range opts.Members {
		if err := cmdutil.CheckPersonArg(arg); err != nil {
			return err
		}
	}
	c, members, err := readMembers(ctx, opts.Client)
	if err != nil {
		return err
	}
	targets, removing := cmdutil.RemovalTargets(opts.Members,
		func(arg string) (client.User, error) { return memberNamed(members, arg) }, userWho)
	if err := refuseManaged("remove", removing, opts.Force); err != nil {
		return err
	}
	leaving := make(map[string]bool, len(removing))
	for _, m := range removing {
		leaving[m.ID] = true
	}
	if leavesNoOwner(members, leaving) {
		return cmdutil.Usagef("refusing to remove %s: the organization would have no owner left (service accounts do not count); make another member owner first", describeOwners(removing))
	}
	if len(removing) > 0 {
		show := func(w io.Writer) error { return newPrinter(w, "table").members(membersView(removing)) }
		question := fmt.Sprintf("Remove these %d member(s) from the organization?", len(removing))
		ok, err := cmdutil.ConfirmRemoval(opts.IO, opts.Yes, show, question)
		if !ok || err != nil {
			return err
		}
	}
	return cmdutil.DeleteAll(ctx, targets, func(ctx context.Context, id string) error {
		_, err := c.Users.Remove(ctx, id)
		return err
	}, cmdutil.NewPrinter(opts.IO.Out, opts.Output), "removed")
}

// describeOwners names the owners among members, who would be the last.
func describeOwners(members []client.User) string {
	var names []string
	for _, m := range members {
		if m.Role == client.RoleOwner && !m.IsServiceAccount {
			names = append(names, describeMember(m))
		}
	}
	return strings.Join(names, ", ")
}
