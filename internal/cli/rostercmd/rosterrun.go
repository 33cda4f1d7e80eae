// import and sync are one pipeline, in steps that each command's RunX
// strings together in its own order: read the roster (rosterfile.go),
// refuse invalid rows, read the invites once, plan, apply with progress, and
// account for every row (planreport.go, one actionrow.go row each). A
// command that plans with roster is built from the same steps. The files
// call forward only: sync.go and import.go, rosterfile.go, rosterrun.go,
// planreport.go, actionrow.go.

package rostercmd

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
)

// PatientRetries is how often import and sync retry a request when the
// user did not say (--max-retries): the Admin API allows a few requests a
// minute, so a run of any size meets 429s that are simply to be waited out.
const PatientRetries = 10

// patientRetryWait caps each wait import and sync take for the rate limit.
const patientRetryWait = 2 * time.Minute

// rosterRun is one run of a roster: its rows, its plan, and its account.
type rosterRun struct {
	opts     *RosterOptions
	plan     roster.PlanOptions
	rows     []rosterfile.Row
	actions  []roster.Action
	summary  *planSummary
	progress cmdutil.Progress
	// limits are the most members the run may remove and owners it may
	// demote (sync's --max-removals and --max-demotions); import does
	// neither.
	limits roster.Limits
	// rateLimitWaits counts what client.WithOnWait reports as waits for a
	// 429, from the first request on; it is read once the run is over.
	rateLimitWaits atomic.Int64
	// skipInvalid and invalidHint are what refuseInvalid was told: whether
	// invalid rows are left out rather than refused, and what else the
	// user may do. A row whose projects cannot be resolved, found once the
	// projects are read, is invalid as any other.
	skipInvalid bool
	invalidHint string
}

// newRosterRun starts the account of rows read from name: one row each, an
// invalid one already with its outcome, and one for each row a filter left
// out (skipped). verb is what applying is called ("Imported").
func newRosterRun(opts *RosterOptions, rows []rosterfile.Row, name, verb string, plan roster.PlanOptions) *rosterRun {
	plan.DefaultRole = opts.defaultRole
	s := &planSummary{File: name, Mode: modeApply, verb: verb, kinds: plan.Kinds(), Actions: make([]actionRow, len(rows))}
	for i, r := range rows {
		row := actionRow{Line: r.Line, Email: r.Email}
		if r.Valid() {
			row.RoleAfter, row.ProjectsAfter = string(r.Role), rosterfile.FormatProjects(r.Projects)
		} else {
			row.Outcome, row.Error = roster.Invalid, r.Problem()
		}
		s.Actions[i] = row
	}
	if opts.read != nil {
		s.addSkipped(opts.read.Skipped)
	}
	return &rosterRun{opts: opts, plan: plan, rows: rows, summary: s, progress: cmdutil.NewProgress(opts.IO)}
}

// refuseInvalid prints the invalid rows on stderr. Unless skip, a roster
// with any is refused whole: nothing is sent, and the report says so; hint
// says what else the user may do.
func (r *rosterRun) refuseInvalid(skip bool, hint string) error {
	r.skipInvalid, r.invalidHint = skip, hint
	return r.refuseRows(r.rows)
}

// refuseRows prints the invalid rows among rows on stderr and, unless
// they are to be skipped, refuses the roster whole: nothing is sent, and
// the report says so.
func (r *rosterRun) refuseRows(rows []rosterfile.Row) error {
	invalid := printInvalid(r.opts.IO.ErrOut, rows, r.summary.File)
	if invalid == 0 || r.skipInvalid {
		return nil
	}
	r.summary.markRest(roster.NotAttempted, "not sent: the file has invalid rows")
	if err := r.summary.writeReport(r.opts.Report); err != nil {
		return err
	}
	return cmdutil.Usagef("%s: %d invalid row(s); nothing was sent%s", r.summary.File, invalid, r.invalidHint)
}

// printInvalid prints each invalid row once, as FILE:LINE: problem, and
// returns how many there were.
func printInvalid(w io.Writer, rows []rosterfile.Row, name string) int {
	n := 0
	for _, r := range rows {
		if !r.Valid() {
			n++
			fmt.Fprintf(w, "%s:%d: %s\n", name, r.Line, r.Problem())
		}
	}
	return n
}

// client is the client the run works with: it waits out the rate limit
// (more retries, longer waits), and its waits reach the progress.
func (r *rosterRun) client(ctx context.Context) (*client.Client, error) {
	return r.opts.Client(ctx,
		client.WithMaxRetries(PatientRetries),
		client.WithMaxRetryWait(patientRetryWait),
		client.WithOnWait(r.onWait),
	)
}

// onWait takes in a wait the client is about to take.
func (r *rosterRun) onWait(w client.Wait) {
	if w.Reason == client.WaitRateLimited {
		r.rateLimitWaits.Add(1)
	}
	r.progress.Waiting(w)
}

// makePlan reads the organization once and plans the valid rows against
// it: the members and the invites and, when a row names a project (or
// every project is managed), the projects and the members of those the
// plan manages, whose names the rows may use. An interrupt during the read
// leaves the run interrupted, with nothing planned; another failure ends
// the run, with the report written.
func (r *rosterRun) makePlan(ctx context.Context, c *client.Client) error {
	entries := rosterfile.Entries(r.rows)
	read := roster.ReadOrgOptions{}
	if r.plan.ManageProjects == roster.ScopeAll || namesProjects(entries) {
		read = roster.ReadOrgOptions{Projects: true, Manage: roster.ManagedProjects(entries, r.plan.ManageProjects)}
	}
	org, err := roster.ReadOrgWith(ctx, c, read)
	switch {
	case err != nil && ctx.Err() != nil:
		r.summary.Interrupted = true
		return nil
	case err != nil:
		r.summary.markRest(roster.NotAttempted, "not sent: reading the organization failed")
		return errors.Join(err, r.summary.writeReport(r.opts.Report))
	}
	if org.Projects != nil {
		if err := r.resolveProjects(org); err != nil {
			return err
		}
		entries = rosterfile.Entries(r.rows)
	}
	r.actions = roster.Plan(entries, org, r.plan)
	r.summary.planned(r.actions)
	return nil
}

// namesProjects reports whether any entry's projects cell names a project.
func namesProjects(entries []rosterfile.Entry) bool {
	for _, e := range entries {
		if len(e.Projects) > 0 {
			return true
		}
	}
	return false
}

// resolveProjects writes the projects the rows name by name as their IDs,
// from org's one read of the projects, and says which projects the plan
// manages. A row naming a project that is unknown, archived, or a name
// several projects share is invalid on its line, as any other problem is:
// the roster is refused (or, with --skip-invalid, the row left out) before
// anything is sent.
func (r *rosterRun) resolveProjects(org roster.Org) error {
	resolved := roster.ResolveProjectRows(r.rows, org.Projects)
	var unresolved []rosterfile.Row
	for i, row := range resolved {
		if r.rows[i].Valid() && !row.Valid() {
			unresolved = append(unresolved, row)
			r.summary.invalidate(row)
		}
	}
	r.rows = resolved
	r.summary.managed(org, r.plan.ManageProjects)
	return r.refuseRows(unresolved)
}

// apply carries out the plan's writes, with progress on stderr. Ctrl-C
// starts nothing new and lets what is in flight finish, for up to
// opts.Grace.
func (r *rosterRun) apply(ctx context.Context, c *client.Client) {
	s := r.summary
	writes := s.writes()
	if writes == 0 {
		return
	}
	r.progress.Start(writes)
	// The notice runs on its own goroutine once ctx ends; the run waits for
	// it, or it could land after the summary, or after the command has
	// returned and its caller has read the stream.
	noticed := make(chan struct{})
	stopNotice := context.AfterFunc(ctx, func() {
		defer close(noticed)
		fmt.Fprintf(r.opts.IO.ErrOut, "\ninterrupted: starting nothing new; letting the requests in flight finish (up to %s)\n", r.opts.Grace)
	})
	defer func() {
		if !stopNotice() {
			<-noticed
		}
	}()
	for res := range roster.Apply(ctx, c, r.actions, roster.ApplyOptions{Concurrency: r.opts.Concurrency, Grace: r.opts.Grace, Limits: r.limits, CreateOnly: r.plan.CreateOnly}) {
		row := &s.Actions[s.rowOf[res.Index]]
		row.record(res)
		s.WriteRequests += res.Attempts
		if res.Action.Kind.Writes() && row.Outcome != roster.NotAttempted {
			r.progress.Done(row.where(), row.describe())
		}
	}
	r.progress.Finish()
	s.Interrupted = ctx.Err() != nil
}

// finish accounts for every row: it writes the report, prints the summary
// in the format asked for, and returns what sets the exit code.
func (r *rosterRun) finish() error {
	s := r.summary
	s.markRest(roster.NotAttempted, "not sent: interrupted")
	s.RateLimitWaits = int(r.rateLimitWaits.Load())
	s.fillCounts()
	// The summary is printed even when the report cannot be written: the
	// invites may have changed, and the user must learn how.
	report := r.opts.Report
	reportErr := s.writeReport(report)
	if reportErr != nil {
		report = ""
	}
	out, sentences := r.opts.IO.Out, r.opts.IO.ErrOut
	p := cmdutil.NewPrinter(out, r.opts.Output)
	var err error
	switch p.Format {
	case "json":
		err = p.JSON(s)
	case "csv":
		err = p.CSV(s.records())
	default:
		sentences = out
		if !s.applied() {
			err = s.printPlan(out)
		}
	}
	if err != nil {
		return errors.Join(err, reportErr)
	}
	fmt.Fprint(sentences, s.sentences(report))
	switch {
	case reportErr != nil:
		return reportErr
	case s.Mode == modeCheck && s.drift() > 0:
		return &cmdutil.SilentExit{Code: cmdutil.ExitDrift}
	case s.Mode == modeDryRun && s.Refusal != "":
		return &cmdutil.SilentExit{Code: cmdutil.ExitUsage} // as the run it stands for
	case s.Interrupted:
		return &cmdutil.SilentExit{Code: cmdutil.ExitInterrupted}
	case s.failures() > 0:
		return &cmdutil.SilentExit{Code: cmdutil.ExitFailure}
	}
	return nil
}
