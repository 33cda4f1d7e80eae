// get shows one invite in full, for when a list row is not enough; it takes
// an ID or an email.
package main

import (
	"strings"

	"github.com/spf13/cobra"
)

func (a *app) getCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "get ID|EMAIL",
		Short: "Show one invite, by ID or by email",
		Long: `Show one invite. An argument with "@" is an email: the invites are read to
find it (its pending or accepted invite, else its expired one); when several
match, their IDs are listed instead.`,
		Example: "  invites get invite-abc -o json\n  invites get ada@example.com",
		Args:    cobra.ExactArgs(1),
		RunE: a.action(func(_ *cobra.Command, args []string) error {
			c, err := a.client()
			if err != nil {
				return err
			}
			if isEmail(args[0]) {
				found, err := a.invitesFor(c, args)
				if err != nil {
					return err
				}
				inv, err := resolveEmail(args[0], found[strings.ToLower(args[0])], getPrefers...)
				if err != nil {
					return err
				}
				return a.printer().invite(inviteView(inv))
			}
			inv, _, err := c.Invites.Get(a.ctx, args[0])
			if err != nil {
				return err
			}
			return a.printer().invite(inviteView(*inv))
		}),
	}
}
