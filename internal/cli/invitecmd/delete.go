// delete removes invites by ID. One bad ID must not stop the others, and
// every ID gets its own reported outcome, so a cleanup script knows exactly
// what is left.

package invitecmd

import (
	"context"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/rules"
	"github.com/spf13/cobra"
)

// DeleteOptions are what delete runs with.
type DeleteOptions struct {
	IO     *cmdutil.IOStreams
	Client cmdutil.ClientFunc
	Output string

	Invites []string // IDs and emails
}

func newDeleteCmd(f *cmdutil.Factory, runF func(context.Context, *DeleteOptions) error) *cobra.Command {
	opts := &DeleteOptions{IO: f.IO, Client: f.Client}
	return &cobra.Command{
		Use:   "delete ID|EMAIL...",
		Short: "Delete invites by ID or email (accepted invites cannot be deleted)",
		Long: `Delete each invite named. An argument with "@" is an email: the invites are
read once to find its pending invite (else its expired one); when several
match, nothing is deleted for it and their IDs are listed. Each outcome is
reported; a failure does not stop the rest. Exits 1 when any could not be
deleted.`,
		Example: "  invites delete invite-abc invite-def\n  invites delete ada@example.com",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Output, opts.Invites = f.Output(), args
			return runF(cmd.Context(), opts)
		},
	}
}

// RunDelete deletes each invite named, by ID or by email, and reports each.
func RunDelete(ctx context.Context, opts *DeleteOptions) error {
	// A typo in one ID stops the command before anything is deleted.
	for _, arg := range opts.Invites {
		if !cmdutil.IsEmail(arg) {
			if err := client.ValidateInviteID(arg); err != nil {
				return err
			}
		}
	}
	c, err := opts.Client(ctx)
	if err != nil {
		return err
	}
	targets, err := deleteTargets(ctx, c, opts.Invites)
	if err != nil {
		return err
	}
	return cmdutil.DeleteAll(ctx, targets, inviteDeleter(c), cmdutil.NewPrinter(opts.IO.Out, opts.Output), "deleted")
}

// inviteDeleter deletes an invite by ID, for deleteAll.
func inviteDeleter(c *client.Client) func(context.Context, string) error {
	return func(ctx context.Context, id string) error {
		_, err := c.Invites.Delete(ctx, id)
		return err
	}
}

// deleteTargets turns the arguments into targets, resolving emails with
// one scan of the invites; an email that names no single deletable invite
// becomes a target that fails with the reason.
func deleteTargets(ctx context.Context, c *client.Client, args []string) ([]cmdutil.DeleteOut, error) {
	var emails []string
	for _, arg := range args {
		if cmdutil.IsEmail(arg) {
			emails = append(emails, arg)
		}
	}
	var found map[string][]client.Invite
	if emails != nil {
		var err error
		if found, err = invitesFor(ctx, c, emails); err != nil {
			return nil, err
		}
	}
	targets := make([]cmdutil.DeleteOut, len(args))
	for i, arg := range args {
		if !cmdutil.IsEmail(arg) {
			targets[i] = cmdutil.DeleteOut{ID: arg}
			continue
		}
		inv, err := resolveEmail(arg, found[rules.EmailKey(arg)], deletePrefers...)
		targets[i] = cmdutil.DeleteOut{ID: inv.ID, Email: arg}
		if err != nil {
			targets[i].Error = cmdutil.OneLine(cmdutil.DescribeError(err))
		}
	}
	return targets, nil
}
