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
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/spf13/cobra"
)

// Row outcomes, as the report and --output json/csv spell them.
const (
	outcomeCreated      = "created"
	outcomeSkipped      = "skipped" // the email already had a pending or accepted invite
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

Emails that already have a pending or an accepted invite are skipped (the
invites are read once, up front; an expired one is sent again), so re-running
after a failure or an interrupt finishes the job without duplicates, even for
someone who accepted in between. The Admin API allows a few requests a minute:
rate limits are waited out, with progress on stderr. Ctrl-C stops starting new
invites, lets those in flight finish, and still prints the summary and writes
the report. --report FILE writes one line per row:
line,email,outcome,invite_id,error (outcomes: created, skipped, failed,
invalid, not_attempted, would_create).

Exits 0 when every valid row is created or skipped, 1 when any failed, 2 when
the file is invalid (and nothing was sent), 130 when interrupted.`,
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
	if o.concurrency < 1 || o.concurrency > 16 {
		return usagef("--concurrency %d: want 1 to 16", o.concurrency)
	}
	if err := checkReportDir(o.report); err != nil {
		return err
	}
	rows, name, err := a.readImportFile(o.file)
	if err != nil {
		return err
	}
	sum := &importSummary{File: name, DryRun: o.dryRun, Rows: a.invalidRows(rows, name)}
	if invalid := sum.count(outcomeInvalid); invalid > 0 && !o.skipInvalid {
		sum.markRest(outcomeNotAttempted, "not sent: the file has invalid rows")
		if err := a.writeReport(o.report, sum.Rows); err != nil {
			return err
		}
		return usagef("%s: %d invalid row(s); nothing was sent (fix them, or pass --skip-invalid to import the valid rows)", name, invalid)
	}

	counter, waits := &attemptCounter{}, &waitRelay{}
	c, err := a.client(
		client.WithMaxRetries(importRetries),
		client.WithMaxRetryWait(a.rateLimitWait),
		client.WithMiddleware(counter.middleware),
		client.WithOnWait(waits.hear),
	)
	if err != nil {
		return err
	}
	scanNotice := func() { fmt.Fprintln(a.stderr, "reading the invites: "+rateLimitNotice) }
	counter.onRateLimit.Store(&scanNotice)
	err = a.importRows(c, rows, sum, o, counter, waits)
	sum.Requests, sum.RateLimited = int(counter.attempts.Load()), int(counter.rateLimited.Load())
	sum.Interrupted = a.ctx.Err() != nil
	if err != nil && !sum.Interrupted {
		// Reading the invites failed: nothing was created.
		sum.markRest(outcomeNotAttempted, "not sent: reading the invites failed")
		return errors.Join(err, a.writeReport(o.report, sum.Rows))
	}
	sum.markRest(outcomeNotAttempted, "not sent: interrupted")
	return a.finishImport(sum, o.report)
}

// invalidRows starts the results: invalid rows get their outcome (and are
// reported on stderr with their line numbers), the others none yet.
func (a *app) invalidRows(rows []importRow, name string) []rowResult {
	results := make([]rowResult, len(rows))
	for i, r := range rows {
		results[i] = rowResult{Line: r.Line, Email: r.Email}
		if !r.valid() {
			results[i].Outcome, results[i].Error = outcomeInvalid, r.problem()
			fmt.Fprintf(a.stderr, "%s:%d: %s\n", name, r.Line, r.problem())
		}
	}
	return results
}

// finishImport writes the report and the summary of an import that ran, and
// returns what sets the exit code.
func (a *app) finishImport(sum *importSummary, report string) error {
	// The summary is printed even when the report cannot be written: the
	// invites were sent, and the user must learn what happened to them.
	reportErr := a.writeReport(report, sum.Rows)
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
	case sum.count(outcomeFailed) > 0:
		return &silentExit{exitFailure}
	}
	return nil
}

// readImportFile reads and checks the whole file; name is how messages
// refer to it.
func (a *app) readImportFile(path string) ([]importRow, string, error) {
	var r io.Reader
	name := path
	if path == "-" {
		if a.keyFile == "-" {
			return nil, "", usagef("--file - and --api-key-file - cannot both read stdin")
		}
		r, name = a.stdin, "stdin"
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, "", &usageError{err}
		}
		defer f.Close()
		r = f
	}
	rows, err := readImportCSV(r)
	if err != nil {
		return nil, "", usagef("%s: %w", name, err)
	}
	return rows, name, nil
}

// importRows skips the rows whose email has a pending or accepted invite and
// creates the others (or, for a dry run, says it would). The error is for the
// scan of invites; creates record their own errors on their rows.
func (a *app) importRows(c *client.Client, rows []importRow, sum *importSummary, o importOptions, counter *attemptCounter, waits *waitRelay) error {
	// The API cannot filter by status, so reading every invite costs no more
	// requests than reading the pending ones; it also finds the accepted.
	existing := map[string]client.Invite{}
	for inv, err := range c.All(a.ctx, client.AllParams{}) {
		if err != nil {
			return fmt.Errorf("reading the invites: %w", err)
		}
		if key := strings.ToLower(inv.Email); skipRank(inv) > skipRank(existing[key]) {
			existing[key] = inv
		}
	}
	var todo []int
	for i, r := range rows {
		res := &sum.Rows[i]
		if res.Outcome != "" {
			continue
		}
		if inv, ok := existing[strings.ToLower(r.Email)]; ok {
			res.Outcome, res.InviteID, res.Error = outcomeSkipped, inv.ID, skipReason(inv, r)
			continue
		}
		if o.dryRun {
			res.Outcome = outcomeWouldCreate
			continue
		}
		todo = append(todo, i)
	}
	if len(todo) > 0 {
		prog := a.newProgress(len(todo))
		notice := prog.rateLimited
		counter.onRateLimit.Store(&notice)
		waits.to.Store(&prog)
		a.createRows(c, rows, sum.Rows, todo, o.concurrency, prog)
		prog.finish()
	}
	return nil
}

// skipRank orders the invites that make an import skip an email: a pending
// one first (it is the one the user may act on), then an accepted one; an
// expired invite (0) is sent again.
func skipRank(inv client.Invite) int {
	switch inv.Status {
	case client.StatusPending:
		return 2
	case client.StatusAccepted:
		return 1
	}
	return 0
}

// skipReason says why row r is not sent: inv, its email's invite.
func skipReason(inv client.Invite, r importRow) string {
	why := "already has a pending invite"
	if inv.Status == client.StatusAccepted {
		why = "already accepted an invite"
	}
	if string(inv.Role) != r.Role {
		why += fmt.Sprintf(" (as %s, not %s)", inv.Role, r.Role)
	}
	return why
}

// createRows creates the rows listed in todo with up to concurrency workers.
// An interrupt (a.ctx ending) stops new creates at once; creates in flight
// run on, on a context of their own, for up to a.interruptGrace, so that
// their outcome is known and recorded rather than lost.
func (a *app) createRows(c *client.Client, rows []importRow, results []rowResult, todo []int, concurrency int, prog progress) {
	reqCtx, cancelRequests := context.WithCancel(context.WithoutCancel(a.ctx))
	defer cancelRequests()
	var (
		mu       sync.Mutex
		grace    *time.Timer
		finished bool
	)
	stopWatching := context.AfterFunc(a.ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		if finished {
			return
		}
		fmt.Fprintf(a.stderr, "\ninterrupted: starting no new invites; letting those in flight finish (up to %s)\n", a.interruptGrace)
		grace = time.AfterFunc(a.interruptGrace, cancelRequests)
	})
	defer func() {
		stopWatching()
		mu.Lock()
		defer mu.Unlock()
		finished = true
		if grace != nil {
			grace.Stop()
		}
	}()

	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(concurrency, len(todo)) {
		wg.Go(func() {
			for i := range jobs {
				results[i] = createRow(reqCtx, c, rows[i])
				prog.done(results[i])
			}
		})
	}
feed:
	for _, i := range todo {
		if a.ctx.Err() != nil {
			break
		}
		select {
		case jobs <- i:
		case <-a.ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
}

// createRow creates one row's invite and records its outcome. Create itself
// never duplicates an invite when it retries, so a failure here is final
// for this run, and a re-run is safe.
func createRow(ctx context.Context, c *client.Client, r importRow) rowResult {
	res := rowResult{Line: r.Line, Email: r.Email}
	inv, resp, err := c.Create(ctx, client.CreateParams{Email: r.Email, Role: client.Role(r.Role), Projects: clientGrants(r.Projects)})
	switch {
	case err == nil:
		res.Outcome, res.InviteID, res.how = outcomeCreated, inv.ID, createStory(resp)
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
