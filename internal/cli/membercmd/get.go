// users get shows one member, by ID or by email, for when a list row is not
// enough or a script wants one member's JSON.

package membercmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// GetOptions are what users get runs with.
type GetOptions struct {
	IO     *cmdutil.IOStreams
	Client cmdutil.ClientFunc
	Output string

	Member string // an ID, or an email
}

func newGetCmd(f *cmdutil.Factory, runF func(context.Context, *GetOptions) error) *cobra.Command {
	opts := &GetOptions{IO: f.IO, Client: f.Client}
	return &cobra.Command{
		Use:   "get ID|EMAIL",
		Short: "Show one member, by ID or by email",
		Long: usersLong(`Show one member. An argument with "@" is an email, found by reading the
members until it turns up; no member with it is an error (exit 1).`),
		Example: "  invites users get user-abc\n  invites users get Ada@Example.com -o json",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Output, opts.Member = f.Output(), args[0]
			return runF(cmd.Context(), opts)
		},
	}
}

// RunGet prints the member named by ID or by email.
func RunGet(ctx context.Context, opts *GetOptions) error {
	if err := cmdutil.CheckPersonArg(opts.Member); err != nil {
		return err
	}
	c, err := opts.Client(ctx)
	if err != nil {
		return err
	}
	var u *client.User
	if cmdutil.IsEmail(opts.Member) {
		u, _, err = c.Users.FindByEmail(ctx, opts.Member)
		if errors.Is(err, client.ErrNoMatch) {
			return fmt.Errorf("no member has the email %s (every member was read)", opts.Member)
		}
	} else {
		u, _, err = c.Users.Get(ctx, opts.Member)
	}
	if err != nil {
		return err
	}
	return newPrinter(opts.IO.Out, opts.Output).member(memberView(*u))
}
