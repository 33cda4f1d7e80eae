// delete removes invites by ID. One bad ID must not stop the others, and
// every ID gets its own reported outcome, so a cleanup script knows exactly
// what is left.
package main

import (
	"github.com/goinvites/invites/client"
	"github.com/spf13/cobra"
)

func (a *app) deleteCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "delete ID...",
		Short: "Delete invites (accepted invites cannot be deleted)",
		Long: `Delete each invite named. Each ID's outcome is reported; a failure does not
stop the rest. Exits 1 when any ID could not be deleted.`,
		Example: "  invites delete invite-abc invite-def",
		Args:    cobra.MinimumNArgs(1),
		RunE: a.action(func(_ *cobra.Command, ids []string) error {
			// A typo in one ID stops the command before anything is deleted.
			for _, id := range ids {
				if id == "" || id == "." || id == ".." {
					return usagef("invalid invite ID %q", id)
				}
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			targets := make([]deleteOut, len(ids))
			for i, id := range ids {
				targets[i] = deleteOut{ID: id}
			}
			return a.deleteAll(c, targets)
		}),
	}
}

// deleteAll deletes each target in turn, prints every outcome, and returns
// the error that sets the exit code: 1 when any failed, 130 when an
// interrupt stopped it early (the IDs not reached are reported as such).
func (a *app) deleteAll(c *client.Client, targets []deleteOut) error {
	results := make([]deleteOut, 0, len(targets))
	failed := false
	for _, t := range targets {
		if a.ctx.Err() != nil {
			break
		}
		if _, err := c.Delete(a.ctx, t.ID); err != nil {
			t.Error = oneLine(describeError(err))
			failed = true
		} else {
			t.Deleted = true
		}
		results = append(results, t)
	}
	interrupted := len(results) < len(targets)
	for _, t := range targets[len(results):] {
		t.Error = "not attempted: interrupted"
		results = append(results, t)
	}
	if err := a.printer().deletions(results); err != nil {
		return err
	}
	switch {
	case interrupted:
		return &silentExit{exitInterrupted}
	case failed:
		return &silentExit{exitFailure}
	}
	return nil
}
