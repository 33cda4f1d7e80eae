// sync keeps the organization's invites true to a roster: it reads the
// invites once, plans one action per roster email and pending invite
// (package roster), shows the plan, asks, and applies it. A plan is made
// afresh each run, so a second run finishes what an interrupted or failed
// one left, and a run after a clean one plans nothing.
package main

import (
	"context"
	"fmt"

	"github.com/goinvites/invites/roster"
	"github.com/spf13/cobra"
)

type syncOptions struct {
	rosterOptions

	DryRun        bool
	Check         bool
	Yes           bool
	RevokeMissing bool
}

func newSyncCmd(f *factory, runF func(context.Context, *syncOptions) error) *cobra.Command {
	opts := &syncOptions{rosterOptions: rosterOptions{IO: f.IO, Client: f.Client}}
	cmd := &cobra.Command{
		Use:   "sync --file roster.csv",
		Short: "Make the organization's invites match a roster: create, resend, replace and revoke",
		Long: `Make the organization's invites match a roster file, in import's format
(email,role,projects; see invites import --help). Every row is checked first:
any invalid row is reported with its line number and nothing is sent.

sync reads the invites once and plans one action per roster email and per
pending invite:

  create    no invite for the email: one create
  resend    only expired invites for the email: one create
  replace   a pending invite with another role or projects: delete it, then
            create the roster's
  revoke    a pending invite whose email is not in the roster (only with
            --revoke-missing), or a second pending invite for a roster
            email: one delete
  keep      a pending or accepted invite that matches: nothing
  conflict  an accepted invite that differs: nothing (the invites API cannot
            change a member); reported with what differs

Projects compare as sets; an empty projects cell leaves projects to the
organization's default and matches whatever projects an invite shows.

The plan is printed first (the table lists every action but keep; -o json and
-o csv list them all), then sync asks on the terminal. Without a terminal it
needs --yes; with nothing to do it exits 0 without asking. --dry-run only
shows the plan. --check sends no write either, and exits 0 when there is
nothing to do and 3 when actions are pending (conflicts do not count: no
invite action can fix them), for cron and CI.

Applying keeps import's guarantees: a create is never duplicated, rate limits
are waited out, Ctrl-C starts nothing new and still writes the report. A
replace whose create fails after its delete is reported as
deleted_not_recreated; the next run creates it. --report FILE writes one row
per action with its outcome.

Exits 0 when every action was carried out, 1 when any failed, 2 for an
invalid file or usage, 3 for --check with actions pending, 130 when
interrupted.`,
		Example: `  invites sync --file team.csv --dry-run
  invites sync --file team.csv --revoke-missing --report sync-report.csv
  invites sync --file team.csv --check || case $? in 3) alert "invites drifted";; *) alert "sync failed";; esac`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.Output = f.Output()
			return runF(cmd.Context(), opts)
		},
	}
	addRosterFlags(cmd, &opts.rosterOptions, "actions applied")
	fs := cmd.Flags()
	fs.BoolVar(&opts.DryRun, "dry-run", false, "show the plan, send nothing")
	fs.BoolVar(&opts.Check, "check", false, "send nothing; exit 3 if any action is pending, 0 if none")
	fs.BoolVarP(&opts.Yes, "yes", "y", false, "apply without asking")
	fs.BoolVar(&opts.RevokeMissing, "revoke-missing", false, "delete pending invites whose email is not in the roster")
	cmd.MarkFlagsMutuallyExclusive("dry-run", "check")
	return cmd
}

func runSync(ctx context.Context, opts *syncOptions) error {
	rows, name, err := readRoster(&opts.rosterOptions)
	if err != nil {
		return err
	}
	run := newRosterRun(&opts.rosterOptions, rows, name, "Synced", roster.PlanOptions{RevokeMissing: opts.RevokeMissing})
	if err := run.refuseInvalid(false, ""); err != nil {
		return err
	}
	c, err := run.client(ctx)
	if err != nil {
		return err
	}
	if err := run.makePlan(ctx, c); err != nil {
		return err
	}
	switch {
	case opts.Check:
		run.summary.Mode = modeCheck
	case opts.DryRun:
		run.summary.Mode = modeDryRun
	}
	if run.summary.Mode == modeApply && run.summary.writes() > 0 {
		confirmed, err := confirmSync(opts, run.summary)
		if err != nil || !confirmed {
			return err
		}
		run.apply(ctx, c)
	}
	return run.finish()
}

// confirmSync shows the plan and, unless --yes, asks on the terminal
// whether to apply it.
func confirmSync(opts *syncOptions, s *planSummary) (bool, error) {
	ios := opts.IO
	if opts.Yes {
		if opts.Output != "table" {
			return true, nil
		}
		return true, s.printPlan(ios.Out)
	}
	if !ios.CanPrompt() {
		if err := s.printPlan(ios.ErrOut); err != nil {
			return false, err
		}
		return false, usagef("refusing to change invites without confirmation: stdin is not a terminal to ask on; pass --yes (or --dry-run to only see the plan)")
	}
	// On the terminal the plan goes with the question; stdout keeps the
	// outcome in the format asked for.
	w := ios.Out
	if opts.Output != "table" {
		w = ios.ErrOut
	}
	if err := s.printPlan(w); err != nil {
		return false, err
	}
	yes, err := ios.Confirm(fmt.Sprintf("Apply these %d change(s)?", s.writes()))
	if err == nil && !yes {
		fmt.Fprintln(ios.ErrOut, "Nothing changed.")
	}
	return yes, err
}
