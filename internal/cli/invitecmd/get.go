// get shows one invite in full, for when a list row is not enough; it takes
// an ID or an email.

package invitecmd

import (
	"context"

	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/rules"
	"github.com/spf13/cobra"
)

// GetOptions are what get runs with.
type GetOptions struct {
	IO     *cmdutil.IOStreams
	Client cmdutil.ClientFunc
	Output string

	Invite string // an ID, or an email
}

func newGetCmd(f *cmdutil.Factory, runF func(context.Context, *GetOptions) error) *cobra.Command {
	opts := &GetOptions{IO: f.IO, Client: f.Client}
	return &cobra.Command{
		Use:   "get ID|EMAIL",
		Short: "Show one invite, by ID or by email",
		Long: `Show one invite. An argument with "@" is an email: the invites are read to
find it (its pending or accepted invite, else its expired one); when several
match, their IDs are listed instead.`,
		Example: "  invites get invite-abc -o json\n  invites get ada@example.com",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Output, opts.Invite = f.Output(), args[0]
			return runF(cmd.Context(), opts)
		},
	}
}

// RunGet prints the invite named by ID or by email.
func RunGet(ctx context.Context, opts *GetOptions) error {
	c, err := opts.Client(ctx)
	if err != nil {
		return err
	}
	p := newPrinter(opts.IO.Out, opts.Output)
	if cmdutil.IsEmail(opts.Invite) {
		found, err := invitesFor(ctx, c, []string{opts.Invite})
		if err != nil {
			return err
		}
		inv, err := resolveEmail(opts.Invite, found[rules.EmailKey(opts.Invite)], getPrefers...)
		if err != nil {
			return err
		}
		return p.invite(inviteView(inv))
	}
	inv, _, err := c.Invites.Get(ctx, opts.Invite)
	if err != nil {
		return err
	}
	return p.invite(inviteView(*inv))
}
