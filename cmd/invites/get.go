// get shows one invite in full, for when a list row is not enough.
package main

import (
	"github.com/spf13/cobra"
)

func (a *app) getCommand() *cobra.Command {
	return &cobra.Command{
		Use:     "get ID",
		Short:   "Show one invite",
		Example: "  invites get invite-abc -o json",
		Args:    cobra.ExactArgs(1),
		RunE: a.action(func(_ *cobra.Command, args []string) error {
			c, err := a.client()
			if err != nil {
				return err
			}
			inv, _, err := c.Get(a.ctx, args[0])
			if err != nil {
				return err
			}
			return a.printer().invite(inviteView(*inv))
		}),
	}
}
