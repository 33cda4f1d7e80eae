// A sync's account of itself: the plan before anything is sent, then each
// action's outcome, in a table for people and in JSON or CSV for scripts,
// and the report file. Every action has a row, whatever happened to it.
package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// planKinds is the order in which the summary counts actions.
var planKinds = []string{"create", "resend", "replace", "revoke", "conflict", "keep"}

// planLine counts the plan's actions: "1 create, 0 resend, ...".
func (s *syncSummary) planLine() string {
	s.tally()
	parts := make([]string, len(planKinds))
	for i, k := range planKinds {
		parts[i] = fmt.Sprintf("%d %s", s.Plan[k], k)
	}
	return strings.Join(parts, ", ")
}

// printPlan writes the plan as a table (every action but keep, which would
// drown the rest) and the line of counts.
func (a *app) printPlan(w io.Writer, s *syncSummary) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	shown := 0
	for _, r := range s.Actions {
		if r.Action == "keep" {
			continue
		}
		if shown == 0 {
			fmt.Fprintln(tw, "LINE\tACTION\tEMAIL\tINVITE\tROLE\tPROJECTS\tREASON")
		}
		shown++
		role, projects := r.RoleAfter, r.ProjectsAfter
		if r.Action == "revoke" {
			role, projects = r.RoleBefore, r.ProjectsBefore
		}
		if projects == "" {
			projects = "(default)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", dash(r.record()[0]), r.Action, r.Email, dash(r.InviteID), role, projects, r.Reason)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "Plan for %s: %s.\n", s.File, s.planLine())
	return err
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// finishSync writes the report, prints the outcome in the format asked
// for, and returns what sets the exit code. writes is how many actions of
// the plan send anything.
func (a *app) finishSync(s *syncSummary, report string, counter *attemptCounter, writes int) error {
	s.Requests, s.RateLimited = int(counter.attempts.Load()), int(counter.rateLimited.Load())
	s.tally()
	records := [][]string{syncHeader}
	for _, r := range s.Actions {
		records = append(records, r.record())
	}
	// The outcome is printed even when the report cannot be written: the
	// invites were changed, and the user must learn how.
	reportErr := a.writeReport(report, records)
	if reportErr != nil {
		report = ""
	}
	var err error
	switch p := a.printer(); p.format {
	case "json":
		err = p.json(s)
	case "csv":
		err = p.csv(records)
	}
	msgs := a.stderr
	if a.output == "table" {
		msgs = a.stdout
		if s.Mode != "apply" || writes == 0 {
			err = a.printPlan(a.stdout, s)
		}
	}
	if err != nil {
		return err
	}
	fmt.Fprint(msgs, s.story(writes, report))
	switch {
	case reportErr != nil:
		return reportErr
	case s.Mode == "check" && writes > 0:
		return &silentExit{exitDrift}
	case s.Interrupted:
		return &silentExit{exitInterrupted}
	case s.Outcomes[syncFailed] > 0 || s.Outcomes[syncHalfDone] > 0:
		return &silentExit{exitFailure}
	}
	return nil
}

// story tells in sentences what the sync did or would do.
func (s *syncSummary) story(writes int, report string) string {
	var b strings.Builder
	switch {
	case writes == 0:
		b.WriteString("Nothing to do: the invites match the roster.\n")
	case s.Mode == "check":
		fmt.Fprintf(&b, "Check: %d action(s) pending; nothing was sent.\n", writes)
	case s.Mode == "dry_run":
		fmt.Fprintf(&b, "Dry run: %d action(s) would be applied; nothing was sent.\n", writes)
	default:
		fmt.Fprintf(&b, "Synced %s: %d done, %d failed", s.File, s.Outcomes[syncDone], s.Outcomes[syncFailed])
		if n := s.Outcomes[syncHalfDone]; n > 0 {
			fmt.Fprintf(&b, ", %d deleted but not re-created", n)
		}
		if n := s.Outcomes[syncNotAttempted]; n > 0 {
			fmt.Fprintf(&b, ", %d not attempted", n)
		}
		b.WriteString(".\n")
		for _, r := range s.Actions {
			if slices.Contains([]string{syncFailed, syncHalfDone}, r.Outcome) {
				fmt.Fprintf(&b, "  %s %s %s: %s\n", r.Action, r.Email, dash(r.InviteID), r.Error)
			}
		}
	}
	if n := s.Plan["conflict"]; n > 0 {
		fmt.Fprintf(&b, "%d accepted invite(s) differ from the roster; the invites API cannot change a member, so sync leaves them.\n", n)
	}
	fmt.Fprintf(&b, "%d request(s) sent", s.Requests)
	if s.RateLimited > 0 {
		fmt.Fprintf(&b, ", %d of them answered 429 (rate limited)", s.RateLimited)
	}
	b.WriteString(".\n")
	if s.Mode == "apply" && writes > 0 && (s.Interrupted || s.Outcomes[syncFailed]+s.Outcomes[syncHalfDone] > 0) {
		b.WriteString("Run the same command again to finish: it plans only what is left.\n")
	}
	if report != "" {
		fmt.Fprintf(&b, "Report: %s\n", report)
	}
	return b.String()
}
