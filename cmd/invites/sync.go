// sync keeps the organization's invites true to a roster: it reads the
// invites once, plans one action per roster email and pending invite
// (package roster), shows the plan, asks, and applies it. A plan is made
// afresh each run, so a second run finishes what an interrupted or failed
// one left, and a run after a clean one plans nothing.
package main

import (
	"bufio"
	"errors"
	"fmt"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
	"github.com/spf13/cobra"
)

type syncOptions struct {
	file          string
	concurrency   int
	dryRun        bool
	check         bool
	yes           bool
	revokeMissing bool
	report        string
}

// Sync outcomes, as the report and --output json/csv spell them.
const (
	syncPlanned      = "planned"   // --dry-run, --check, or not confirmed
	syncDone         = "done"      // the action's writes were made
	syncUnchanged    = "unchanged" // keep and conflict: nothing to send
	syncFailed       = "failed"
	syncHalfDone     = "deleted_not_recreated" // a replace whose create failed: the next run creates it
	syncNotAttempted = "not_attempted"
)

// syncRow is one action and its outcome; its JSON and CSV field names are a
// contract with scripts.
type syncRow struct {
	Line           int    `json:"line"` // 0 when the action is not about a roster row (revoke)
	Email          string `json:"email"`
	Action         string `json:"action"`
	InviteID       string `json:"invite_id"`
	Reason         string `json:"reason"`
	RoleBefore     string `json:"role_before"`
	RoleAfter      string `json:"role_after"`
	ProjectsBefore string `json:"projects_before"`
	ProjectsAfter  string `json:"projects_after"` // "" leaves projects to the organization's default
	Outcome        string `json:"outcome"`
	NewInviteID    string `json:"new_invite_id"`
	Error          string `json:"error"`
}

var syncHeader = []string{"line", "email", "action", "invite_id", "reason", "role_before", "role_after",
	"projects_before", "projects_after", "outcome", "new_invite_id", "error"}

func (r syncRow) record() []string {
	line := ""
	if r.Line > 0 {
		line = fmt.Sprint(r.Line)
	}
	return []string{line, r.Email, r.Action, r.InviteID, r.Reason, r.RoleBefore, r.RoleAfter,
		r.ProjectsBefore, r.ProjectsAfter, r.Outcome, r.NewInviteID, r.Error}
}

// syncSummary is what --output json prints for a sync.
type syncSummary struct {
	File        string         `json:"file"`
	Mode        string         `json:"mode"` // apply, dry_run or check
	Interrupted bool           `json:"interrupted"`
	Plan        map[string]int `json:"plan"`     // actions by kind
	Outcomes    map[string]int `json:"outcomes"` // actions by outcome
	Requests    int            `json:"requests"`
	RateLimited int            `json:"rate_limited"`
	Actions     []syncRow      `json:"actions"`
}

func (a *app) syncCommand() *cobra.Command {
	var o syncOptions
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
  invites sync --file team.csv --check || alert "invites drifted from the roster"`,
		Args: cobra.NoArgs,
		RunE: a.action(func(*cobra.Command, []string) error { return a.runSync(o) }),
	}
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "", `the roster CSV file ("-" for stdin) (required)`)
	f.IntVar(&o.concurrency, "concurrency", 1, "actions applied at once, 1 to 16 (the rate limit makes more rarely faster)")
	f.BoolVar(&o.dryRun, "dry-run", false, "show the plan, send nothing")
	f.BoolVar(&o.check, "check", false, "send nothing; exit 3 if any action is pending, 0 if none")
	f.BoolVarP(&o.yes, "yes", "y", false, "apply without asking")
	f.BoolVar(&o.revokeMissing, "revoke-missing", false, "delete pending invites whose email is not in the roster")
	f.StringVar(&o.report, "report", "", "write each action and its outcome to this CSV file")
	_ = cmd.MarkFlagRequired("file")
	_ = cmd.MarkFlagFilename("file", "csv")
	cmd.MarkFlagsMutuallyExclusive("dry-run", "check")
	return cmd
}

func (a *app) runSync(o syncOptions) error {
	rows, name, err := a.openRoster(o.file, o.report, o.concurrency)
	if err != nil {
		return err
	}
	if invalid := a.reportInvalid(rows, name); invalid > 0 {
		return usagef("%s: %d invalid row(s); nothing was sent", name, invalid)
	}
	c, counter, err := a.patientClient()
	if err != nil {
		return err
	}
	invites, err := a.readInvites(c)
	if err != nil {
		return err
	}
	actions := roster.Plan(roster.Entries(rows), invites, roster.PlanOptions{RevokeMissing: o.revokeMissing})
	sum := &syncSummary{File: name, Mode: "apply", Actions: syncRows(rows, actions)}
	switch {
	case o.check:
		sum.Mode = "check"
	case o.dryRun:
		sum.Mode = "dry_run"
	}
	writes := sum.count(func(r syncRow) bool { return roster.Kind(r.Action).Writes() })
	if sum.Mode != "apply" || writes == 0 {
		return a.finishSync(sum, o.report, counter, writes)
	}
	if !o.yes {
		confirmed, err := a.confirmSync(sum, o, writes)
		if err != nil || !confirmed {
			return err
		}
	} else if a.output == "table" {
		if err := a.printPlan(a.stdout, sum); err != nil {
			return err
		}
	}
	results := a.applyPlan(c, actions, o.concurrency, counter, func(r roster.Result) rowResult {
		row := &sum.Actions[r.Index]
		row.settle(r)
		return rowResult{Line: row.Line, Email: row.Email, Outcome: row.progress(), InviteID: row.NewInviteID, Error: row.Error}
	})
	for i, r := range results {
		if isNotStarted(r) {
			sum.Actions[i].Outcome, sum.Actions[i].Error = syncNotAttempted, "not sent: interrupted"
		}
	}
	sum.Interrupted = a.ctx.Err() != nil
	return a.finishSync(sum, o.report, counter, writes)
}

// confirmSync shows the plan and asks on the terminal whether to apply it.
func (a *app) confirmSync(sum *syncSummary, o syncOptions, writes int) (bool, error) {
	if o.file == "-" || a.keyFile == "-" || !a.isTerminal(a.stdin) {
		if err := a.printPlan(a.stderr, sum); err != nil {
			return false, err
		}
		return false, usagef("refusing to change invites without confirmation: stdin is not a terminal to ask on; pass --yes (or --dry-run to only see the plan)")
	}
	// On the terminal the plan goes with the question; stdout keeps the
	// outcome in the format asked for.
	w := a.stdout
	if a.output != "table" {
		w = a.stderr
	}
	if err := a.printPlan(w, sum); err != nil {
		return false, err
	}
	fmt.Fprintf(a.stderr, "Apply these %d change(s)? [y/N] ", writes)
	answer, _ := bufio.NewReader(a.stdin).ReadString('\n')
	if reply := strings.ToLower(strings.TrimSpace(answer)); reply != "y" && reply != "yes" {
		fmt.Fprintln(a.stderr, "Nothing changed.")
		return false, nil
	}
	return true, nil
}

// syncRows describes each action, with the roster line it comes from.
func syncRows(rows []roster.Row, actions []roster.Action) []syncRow {
	lineOf := map[string]int{}
	for _, r := range rows {
		lineOf[strings.ToLower(r.Email)] = r.Line
	}
	out := make([]syncRow, len(actions))
	for i, act := range actions {
		row := syncRow{Email: act.Email, Action: string(act.Kind), InviteID: act.InviteID(), Reason: act.Reason, Outcome: syncPlanned}
		if act.Invite != nil {
			row.RoleBefore, row.ProjectsBefore = string(act.Invite.Role), invitedProjects(*act.Invite)
		}
		if act.Entry != nil {
			row.Line = lineOf[strings.ToLower(act.Email)]
			row.RoleAfter, row.ProjectsAfter = string(act.Entry.Role), roster.FormatProjects(act.Entry.Projects)
		}
		if !act.Kind.Writes() {
			row.Outcome = syncUnchanged
		}
		out[i] = row
	}
	return out
}

// invitedProjects writes an invite's projects in the roster syntax; an
// invite with none shows "none", as a roster cell would ask for it.
func invitedProjects(inv client.Invite) string {
	if inv.Projects == nil {
		return roster.NoProjects
	}
	return roster.FormatProjects(inv.Projects)
}

// settle records a started action's outcome.
func (r *syncRow) settle(res roster.Result) {
	if res.Invite != nil {
		r.NewInviteID = res.Invite.ID
	}
	switch {
	case res.Err == nil:
		r.Outcome = syncDone
	case errors.Is(res.Err, roster.ErrDeletedNotCreated):
		r.Outcome, r.Error = syncHalfDone, "deleted, but the create failed (the next run creates it): "+oneLine(describeError(res.Err))
	default:
		r.Outcome, r.Error = syncFailed, oneLine(describeError(res.Err))
	}
}

// progress is how a progress line tells the row's outcome: "replaced",
// "revoke failed".
func (r *syncRow) progress() string {
	if r.Outcome == syncDone {
		return map[string]string{"create": "created", "resend": "resent", "replace": "replaced", "revoke": "revoked"}[r.Action]
	}
	return r.Action + " " + strings.ReplaceAll(r.Outcome, "_", " ")
}

func (s *syncSummary) count(match func(syncRow) bool) int {
	n := 0
	for _, r := range s.Actions {
		if match(r) {
			n++
		}
	}
	return n
}

func (s *syncSummary) tally() {
	s.Plan, s.Outcomes = map[string]int{}, map[string]int{}
	for _, r := range s.Actions {
		s.Plan[r.Action]++
		s.Outcomes[r.Outcome]++
	}
}
