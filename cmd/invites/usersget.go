// users get shows one member, by ID or by email, for when a list row is not
// enough or a script wants one member's JSON.

package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/goinvites/invites/client"
	"github.com/spf13/cobra"
)

type usersGetOptions struct {
	IO     *IOStreams
	Client clientFunc
	Output string

	Member string // an ID, or an email
}

func newUsersGetCmd(f *factory, runF func(context.Context, *usersGetOptions) error) *cobra.Command {
	opts := &usersGetOptions{IO: f.IO, Client: f.Client}
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

func runUsersGet(ctx context.Context, opts *usersGetOptions) error {
	if err := checkMemberArg(opts.Member); err != nil {
		return err
	}
	c, err := opts.Client(ctx)
	if err != nil {
		return err
	}
	var u *client.User
	if isEmail(opts.Member) {
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
