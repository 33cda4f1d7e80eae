// import onboards a whole team from a CSV file. It is built to be re-run: it
// reads the invites once, skips the emails that already have a pending or an
// accepted one, and creates the rest, so running it again after a failure or
// an interrupt finishes the job without inviting anyone twice, even someone
// who accepted in between.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
	"github.com/spf13/cobra"
)

// Row outcomes, as the report and --output json/csv spell them.
const (
	outcomeCreated      = "created"
	outcomeSkipped      = "skipped"  // the email already had a matching pending or accepted invite
	outcomeMismatch     = "mismatch" // its pending invite differs: import does not replace it, sync does
	outcomeFailed       = "failed"
	outcomeInvalid      = "invalid"
	outcomeNotAttempted = "not_attempted" // interrupted, or stopped by invalid rows
	outcomeWouldCreate  = "would_create"  // --dry-run
)

// importRetries is how often an import retries a request when the user did
// not say (--max-retries): the Admin API allows a few requests a minute, so
// an import of any size meets 429s that are simply to be waited out.
const importRetries = 10

type importOptions struct {
	file        string
	concurrency int
	dryRun      bool
	report      string
	skipInvalid bool
}

// rowResult is the outcome of one row: exactly one per data row.
type rowResult struct {
	Line     int    `json:"line"`
	Email    string `json:"email"`
	Outcome  string `json:"outcome"`
	InviteID string `json:"invite_id"`
	Error    string `json:"error"`
	// how is how a create went when it took more than one plain request,
	// for the progress lines: retries and recovered answers are worth seeing.
	how string
}

func (r rowResult) describe() string {
	s := r.Outcome
	if r.InviteID != "" {
		s += " " + r.InviteID
	}
	if r.how != "" {
		s += " (" + r.how + ")"
	}
	if r.Error != "" {
		s += ": " + r.Error
	}
	return s
}

func (a *app) importCommand() *cobra.Command {
	var o importOptions
	cmd := &cobra.Command{
		Use:   "import --file users.csv",
		Short: "Invite everyone listed in a CSV file, skipping those already invited",
		Long: `Invite everyone listed in a CSV file with the header row email,role,projects:

  email,role,projects
  ada@example.com,reader,
  bob@example.com,owner,proj_a:owner;proj_b:member
  cy@example.com,reader,none

role is reader or owner. projects is empty for the organization's default
project, "none" for no project at all, or ID:member / ID:owner grants joined
with ";". Column names may come in any order; a byte order mark is ignored.

Every row is checked first. Any invalid row is reported with its line number
and nothing is sent, unless --skip-invalid imports the valid rows.

Emails that already have a matching pending invite, or an accepted one, are
skipped (the invites are read once, up front; an expired one is sent again),
so re-running after a failure or an interrupt finishes the job without
duplicates, even for someone who accepted in between. A row whose pending
invite has another role or projects is a mismatch: import does not change it
(invites sync does).

The Admin API allows a few requests a minute: rate limits are waited out,
with progress on stderr. Ctrl-C stops starting new invites, lets those in
flight finish, and still prints the summary and writes the report.
--report FILE writes one line per row: line,email,outcome,invite_id,error
(outcomes: created, skipped, mismatch, failed, invalid, not_attempted,
would_create).

Exits 0 when every valid row is created or skipped, 1 when any failed or is a
mismatch, 2 when the file is invalid (and nothing was sent), 130 when
interrupted.`,
		Example: `  invites import --file team.csv --dry-run
  invites import --file team.csv --report team-report.csv
  invites import --file team.csv --skip-invalid -o json`,
		Args: cobra.NoArgs,
		RunE: a.action(func(*cobra.Command, []string) error { return a.runImport(o) }),
	}
	f := cmd.Flags()
	f.StringVarP(&o.file, "file", "f", "", `the CSV file ("-" for stdin) (required)`)
	f.IntVar(&o.concurrency, "concurrency", 1, "invites created at once, 1 to 16 (the rate limit makes more rarely faster)")
	f.BoolVar(&o.dryRun, "dry-run", false, "check the file and read the invites, but create nothing")
	f.StringVar(&o.report, "report", "", "write each row's outcome to this CSV file")
	f.BoolVar(&o.skipInvalid, "skip-invalid", false, "import the valid rows even if some are invalid")
	_ = cmd.MarkFlagRequired("file")
	_ = cmd.MarkFlagFilename("file", "csv")
	return cmd
}

func (a *app) runImport(o importOptions) error {
	rows, name, err := a.openRoster(o.file, o.report, o.concurrency)
	if err != nil {
		return err
	}
	sum := &importSummary{File: name, DryRun: o.dryRun, Rows: a.invalidRows(rows, name)}
	if invalid := sum.count(outcomeInvalid); invalid > 0 && !o.skipInvalid {
		sum.markRest(outcomeNotAttempted, "not sent: the file has invalid rows")
		if err := a.writeReport(o.report, reportRecords(sum.Rows)); err != nil {
			return err
		}
		return usagef("%s: %d invalid row(s); nothing was sent (fix them, or pass --skip-invalid to import the valid rows)", name, invalid)
	}

	c, counter, err := a.patientClient()
	if err != nil {
		return err
	}
	err = a.importRows(c, rows, sum, o, counter)
	sum.Requests, sum.RateLimited = int(counter.attempts.Load()), int(counter.rateLimited.Load())
	sum.Interrupted = a.ctx.Err() != nil
	if err != nil && !sum.Interrupted {
		// Reading the invites failed: nothing was created.
		sum.markRest(outcomeNotAttempted, "not sent: reading the invites failed")
		return errors.Join(err, a.writeReport(o.report, reportRecords(sum.Rows)))
	}
	sum.markRest(outcomeNotAttempted, "not sent: interrupted")
	return a.finishImport(sum, o.report)
}

// invalidRows starts the results: invalid rows get their outcome (and are
// reported on stderr with their line numbers), the others none yet.
func (a *app) invalidRows(rows []roster.Row, name string) []rowResult {
	a.reportInvalid(rows, name)
	results := make([]rowResult, len(rows))
	for i, r := range rows {
		results[i] = rowResult{Line: r.Line, Email: r.Email}
		if !r.Valid() {
			results[i].Outcome, results[i].Error = outcomeInvalid, r.Problem()
		}
	}
	return results
}

// finishImport writes the report and the summary of an import that ran, and
// returns what sets the exit code.
func (a *app) finishImport(sum *importSummary, report string) error {
	// The summary is printed even when the report cannot be written: the
	// invites were sent, and the user must learn what happened to them.
	reportErr := a.writeReport(report, reportRecords(sum.Rows))
	if reportErr != nil {
		report = ""
	}
	if err := a.printSummary(sum, report); err != nil {
		return errors.Join(err, reportErr)
	}
	switch {
	case reportErr != nil:
		return reportErr
	case sum.Interrupted:
		return &silentExit{exitInterrupted}
	case sum.count(outcomeFailed) > 0, sum.count(outcomeMismatch) > 0:
		return &silentExit{exitFailure}
	}
	return nil
}

// importRows plans the rows against the invites in create-only mode and
// creates what is missing (or, for a dry run, says it would). The error is
// for the scan of invites; creates record their own errors on their rows.
func (a *app) importRows(c *client.Client, rows []roster.Row, sum *importSummary, o importOptions, counter *attemptCounter) error {
	invites, err := a.readInvites(c)
	if err != nil {
		return err
	}
	var entries []roster.Entry
	rowOf := map[string]int{} // lowercased email -> index in rows
	for i, r := range rows {
		if r.Valid() {
			entries = append(entries, r.Entry)
			rowOf[strings.ToLower(r.Email)] = i
		}
	}
	actions := roster.Plan(entries, invites, roster.PlanOptions{CreateOnly: true})
	for _, act := range actions {
		res := &sum.Rows[rowOf[strings.ToLower(act.Email)]]
		res.InviteID = act.InviteID()
		switch act.Kind {
		case roster.Keep, roster.Conflict:
			res.Outcome, res.Error = outcomeSkipped, skipReason(act)
		case roster.Mismatch:
			res.Outcome, res.Error = outcomeMismatch, act.Reason+" (import does not change it; invites sync does)"
		default: // create, resend
			res.InviteID = ""
			if o.dryRun {
				res.Outcome = outcomeWouldCreate
			}
		}
	}
	if o.dryRun {
		return nil
	}
	show := func(r roster.Result) rowResult {
		i := rowOf[strings.ToLower(r.Action.Email)]
		sum.Rows[i] = createOutcome(rows[i].Line, r)
		return sum.Rows[i]
	}
	a.applyPlan(c, actions, o.concurrency, counter, show)
	return nil
}

// skipReason says why a row is not sent: act, its Keep or Conflict.
func skipReason(act roster.Action) string {
	why := "already has a pending invite"
	if act.Invite.Status == client.StatusAccepted {
		why = "already accepted an invite"
	}
	if act.Kind == roster.Conflict {
		why += "; " + act.Reason
	}
	return why
}

// createOutcome is the row's outcome from its create's result. Create itself
// never duplicates an invite when it retries, so a failure here is final
// for this run, and a re-run is safe.
func createOutcome(line int, r roster.Result) rowResult {
	res := rowResult{Line: line, Email: r.Action.Email}
	switch err := r.Err; {
	case err == nil:
		res.Outcome, res.InviteID, res.how = outcomeCreated, r.Invite.ID, createStory(r.Response)
	case alreadyInvited(err):
		// Invited since the scan, by someone else or an earlier run.
		res.Outcome, res.Error = outcomeSkipped, "already invited: "+oneLine(describeError(err))
	case errors.Is(err, context.Canceled):
		res.Outcome = outcomeFailed
		res.Error = "interrupted before the answer came: the invite may exist; re-run to finish"
	default:
		res.Outcome, res.Error = outcomeFailed, oneLine(describeError(err))
	}
	return res
}

// createStory tells how a successful create went, from its Response: ""
// for one plain request.
func createStory(resp *client.Response) string {
	if resp == nil {
		return ""
	}
	var parts []string
	if resp.Attempts > 1 {
		parts = append(parts, fmt.Sprintf("%d attempts", resp.Attempts))
	}
	// Success with a failed last attempt: the client found the invite that
	// attempt made, rather than send it again.
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		answer := "no answer"
		if resp.StatusCode != 0 {
			answer = fmt.Sprintf("answered %d", resp.StatusCode)
		}
		parts = append(parts, answer+", but the invite was made: found by looking, not sent again")
	}
	return strings.Join(parts, "; ")
}

// alreadyInvited reports whether the API refused a create because the email
// already has a pending invite. The real API does not document how it says
// so: a 409, or a 400 whose code says the invite exists.
func alreadyInvited(err error) bool {
	var apiErr *client.APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	return apiErr.StatusCode == http.StatusConflict || (apiErr.StatusCode == http.StatusBadRequest && strings.Contains(apiErr.Code, "already_exists"))
}
