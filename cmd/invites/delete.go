// delete removes invites by ID. One bad ID must not stop the others, and
// every ID gets its own reported outcome, so a cleanup script knows exactly
// what is left.
package main

import (
	"context"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/rules"
	"github.com/spf13/cobra"
)

type deleteOptions struct {
	IO     *IOStreams
	Client clientFunc
	Output string

	Invites []string // IDs and emails
}

func newDeleteCmd(f *factory, runF func(context.Context, *deleteOptions) error) *cobra.Command {
	opts := &deleteOptions{IO: f.IO, Client: f.Client}
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

func runDelete(ctx context.Context, opts *deleteOptions) error {
	// A typo in one ID stops the command before anything is deleted.
	for _, arg := range opts.Invites {
		if !isEmail(arg) {
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
	return deleteAll(ctx, targets, inviteDeleter(c), newPrinter(opts.IO.Out, opts.Output), "deleted")
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
func deleteTargets(ctx context.Context, c *client.Client, args []string) ([]deleteOut, error) {
	var emails []string
	for _, arg := range args {
		if isEmail(arg) {
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
	targets := make([]deleteOut, len(args))
	for i, arg := range args {
		if !isEmail(arg) {
			targets[i] = deleteOut{ID: arg}
			continue
		}
		inv, err := resolveEmail(arg, found[rules.EmailKey(arg)], deletePrefers...)
		targets[i] = deleteOut{ID: inv.ID, Email: arg}
		if err != nil {
			targets[i].Error = oneLine(describeError(err))
		}
	}
	return targets, nil
}

// deleteAll deletes each target in turn with del (an invite, a member),
// prints every outcome (done is the word for a success), and returns the
// error that sets the exit code: 1 when any failed, 130 when an interrupt
// stopped it early (the IDs not reached are reported as such).
func deleteAll(ctx context.Context, targets []deleteOut, del func(context.Context, string) error, p printer, done string) error {
	results := make([]deleteOut, 0, len(targets))
	failed := false
	for _, t := range targets {
		if ctx.Err() != nil {
			break
		}
		if t.Error != "" { // an argument that named nothing to delete
			failed = true
		} else if err := del(ctx, t.ID); err != nil {
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
	if err := p.deletions(results, done); err != nil {
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
