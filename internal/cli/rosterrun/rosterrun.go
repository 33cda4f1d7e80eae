// import and sync are one pipeline, in steps that each command's RunX (in
// package rostercmd) strings together in its own order: read the roster
// (rosterfile.go), refuse invalid rows, read the invites once, plan, apply
// with progress, and account for every row (planreport.go, one actionrow.go
// row each). A command that plans with roster is built from the same steps.
// The files call forward only: rostercmd's sync.go (with applyplan.go and
// planout.go) and import.go, then here rosterfile.go and journal.go,
// rosterrun.go, planreport.go, actionrow.go.

package rosterrun

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/journal"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
)

// PatientRetries is how often import and sync retry a request when the
// user did not say (--max-retries): the Admin API allows a few requests a
// minute, so a run of any size meets 429s that are simply to be waited out.
const PatientRetries = 10

// patientRetryWait caps each wait import and sync take for the rate limit.
const patientRetryWait = 2 * time.Minute

// Run is one run of a roster: its rows, its plan, and its account.
type Run struct {
	opts    *RosterOptions
	plan    roster.PlanOptions
	rows    []rosterfile.Row
	actions []roster.Action
	// Summary is the run's account, row by row, which Finish reports.
	Summary  *Summary
	progress cmdutil.Progress
	// org is the organization as read, for a saved plan.
	org roster.Org
	// Limits are the most members the run may remove and owners it may
	// demote (sync's --max-removals and --max-demotions); import does
	// neither.
	Limits roster.Limits
	// journal records each write as it is sent; nil keeps no journal.
	journal *journal.Writer
	// rateLimitWaits counts what client.WithOnWait reports as waits for a
	// 429, from the first request on; it is read once the run is over.
	rateLimitWaits atomic.Int64
	// skipInvalid and invalidHint are what RefuseInvalid was told: whether
	// invalid rows are left out rather than refused, and what else the
	// user may do. A row whose projects cannot be resolved, found once the
	// projects are read, is invalid as any other.
	skipInvalid bool
	invalidHint string
}

// New starts the account of rows read from name: one row each, an
// invalid one already with its outcome, and one for each row a filter left
// out (skipped). verb is what applying is called ("Imported").
func New(opts *RosterOptions, rows []rosterfile.Row, name, verb string, plan roster.PlanOptions) *Run {
	plan.DefaultRole = opts.defaultRole
	s := &Summary{File: name, Mode: ModeApply, verb: verb, kinds: plan.Kinds(), Actions: make([]ActionRow, len(rows))}
	for i, r := range rows {
		row := ActionRow{Line: r.Line, Email: r.Email}
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
	return &Run{opts: opts, plan: plan, rows: rows, Summary: s, progress: cmdutil.NewProgress(opts.IO)}
}

// Actions are the run's plan: made (MakePlan) or saved and bound (BindPlan).
func (r *Run) Actions() []roster.Action { return r.actions }

// Org is the organization as the run read it, for a saved plan.
func (r *Run) Org() roster.Org { return r.org }

// RefuseInvalid prints the invalid rows on stderr. Unless skip, a roster
// with any is refused whole: nothing is sent, and the report says so; hint
// says what else the user may do.
func (r *Run) RefuseInvalid(skip bool, hint string) error {
	r.skipInvalid, r.invalidHint = skip, hint
	return r.refuseRows(r.rows)
}

// refuseRows prints the invalid rows among rows on stderr and, unless
// they are to be skipped, refuses the roster whole: nothing is sent, and
// the report says so.
func (r *Run) refuseRows(rows []rosterfile.Row) error {
	invalid := printInvalid(r.opts.IO.ErrOut, rows, r.Summary.File)
	if invalid == 0 || r.skipInvalid {
		return nil
	}
	r.Summary.markRest(roster.NotAttempted, "not sent: the file has invalid rows")
	if err := r.Summary.WriteReport(r.opts.Report); err != nil {
		return err
	}
	return cmdutil.Usagef("%s: %d invalid row(s); nothing was sent%s", r.Summary.File, invalid, r.invalidHint)
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
func (r *Run) client(ctx context.Context) (*client.Client, error) {
	return r.opts.Client(ctx,
		client.WithMaxRetries(PatientRetries),
		client.WithMaxRetryWait(patientRetryWait),
		client.WithOnWait(r.onWait),
	)
}

// Connect opens the run's journal if it is to send anything (a journal
// that cannot be opened stops it here, before anything is read or sent),
// and makes its client.
func (r *Run) Connect(ctx context.Context, sends bool) (*client.Client, error) {
	if sends {
		var err error
		if r.journal, err = r.opts.openJournal(); err != nil {
			return nil, err
		}
	}
	return r.client(ctx)
}

// onWait takes in a wait the client is about to take.
func (r *Run) onWait(w client.Wait) {
	if w.Reason == client.WaitRateLimited {
		r.rateLimitWaits.Add(1)
	}
	r.progress.Waiting(w)
}

// readOrg reads the organization once, whole: the members and the
// invites and, when a row names a project (or every project is managed),
// the projects and the members of those the plan manages. ok is false when
// the run goes no further: an interrupt leaves it interrupted, with
// nothing planned (err nil); another failure ends it, with the report
// written.
func (r *Run) readOrg(ctx context.Context, c *client.Client, read roster.ReadOrgOptions) (ok bool, err error) {
	org, err := roster.ReadOrgWith(ctx, c, read)
	switch {
	case err != nil && ctx.Err() != nil:
		r.Summary.Interrupted, r.Summary.unplanned = true, true
		return false, nil
	case err != nil:
		r.Summary.markRest(roster.NotAttempted, "not sent: reading the organization failed")
		return false, errors.Join(err, r.Summary.WriteReport(r.opts.Report))
	}
	r.org = org
	return true, nil
}

// MakePlan reads the organization once and plans the valid rows against
// it, whose project names are resolved from its one read of the projects.
func (r *Run) MakePlan(ctx context.Context, c *client.Client) error {
	entries := r.opts.read.Entries()
	read := roster.ReadOrgOptions{}
	if r.plan.ManageProjects == roster.ScopeAll || namesProjects(entries) {
		read = roster.ReadOrgOptions{Projects: true, Manage: roster.ManagedProjects(entries, r.plan.ManageProjects)}
	}
	if ok, err := r.readOrg(ctx, c, read); !ok {
		return err
	}
	if r.org.Projects != nil {
		if err := r.resolveProjects(r.org); err != nil {
			return err
		}
		entries = (&rosterfile.File{Rows: r.rows}).Entries()
	}
	r.actions = roster.Plan(entries, r.org, r.plan)
	r.Summary.planned(r.actions)
	return nil
}

// BindPlan reads the organization once and binds the saved plan's actions
// to it. A plan that anything it touches has changed since is refused,
// each change listed on stderr, and so is a plan Plan could not have made;
// nothing is sent, and the report says so.
func (r *Run) BindPlan(ctx context.Context, c *client.Client, saved *roster.SavedPlan, name string) error {
	if ok, err := r.readOrg(ctx, c, saved.ReadOptions()); !ok {
		return err
	}
	actions, err := saved.Bind(r.org)
	var changed *roster.PlanChangedError
	switch {
	case errors.As(err, &changed):
		fmt.Fprintf(r.opts.IO.ErrOut, "The organization changed since the plan was made, in %d thing(s) the plan touches:\n", len(changed.Changes))
		for _, ch := range changed.Changes {
			fmt.Fprintf(r.opts.IO.ErrOut, "  %s\n", ch)
		}
		r.Summary.markRest(roster.NotAttempted, "not sent: the organization changed since the plan was made")
		err = cmdutil.Usagef("refusing the saved plan %s: the organization changed since it was made, in what it touches (listed above); nothing was sent. Make a new plan, and have it reviewed again", name)
	case err != nil:
		r.Summary.markRest(roster.NotAttempted, "not sent: the saved plan is invalid")
		err = cmdutil.Usagef("refusing the saved plan %s: %w; nothing was sent", name, err)
	default:
		r.actions = actions
		r.Summary.bound(actions)
		return nil
	}
	return errors.Join(err, r.Summary.WriteReport(r.opts.Report))
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
func (r *Run) resolveProjects(org roster.Org) error {
	resolved := roster.ResolveProjectRows(r.rows, org.Projects)
	var unresolved []rosterfile.Row
	for i, row := range resolved {
		if r.rows[i].Valid() && !row.Valid() {
			unresolved = append(unresolved, row)
			r.Summary.invalidate(row)
		}
	}
	r.rows = resolved
	r.Summary.managed(org, r.plan.ManageProjects)
	return r.refuseRows(unresolved)
}

// Apply carries out the plan's writes, with progress on stderr. Ctrl-C
// starts nothing new and lets what is in flight finish, for up to
// opts.Grace.
func (r *Run) Apply(ctx context.Context, c *client.Client) {
	s := r.Summary
	writes := s.Writes()
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
	opts := roster.ApplyOptions{Concurrency: r.opts.Concurrency, Grace: r.opts.Grace, Limits: r.Limits, CreateOnly: r.plan.CreateOnly, Observe: r.observe}
	if r.journal != nil {
		s.Journal, s.JournalRun = r.journal.Path(), r.journal.Run()
	}
	for res := range roster.Apply(ctx, c, r.actions, opts) {
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

// observe hears of each write as Apply sends it: the journal records it
// first (a write it cannot record is not sent), then the progress names
// what is under way (revoking, removing), not only what is done.
func (r *Run) observe(ev roster.WriteEvent) error {
	if r.journal != nil {
		if err := r.journal.Observe(ev); err != nil {
			return err // not recorded: not sent, and not shown as going out
		}
	}
	if ev.Phase == roster.WriteSent {
		r.progress.Sending(doingWords[ev.Kind])
	}
	return nil
}

// Finish accounts for every row: it writes the report, prints the summary
// in the format asked for, and returns what sets the exit code.
func (r *Run) Finish() error {
	s := r.Summary
	s.markRest(roster.NotAttempted, "not sent: interrupted")
	s.RateLimitWaits = int(r.rateLimitWaits.Load())
	s.fillCounts()
	// The summary is printed even when the report cannot be written: the
	// invites may have changed, and the user must learn how.
	report := r.opts.Report
	reportErr := s.WriteReport(report)
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
			err = s.PrintPlan(out)
		}
	}
	if err != nil {
		return errors.Join(err, reportErr)
	}
	fmt.Fprint(sentences, s.sentences(report))
	code := s.exitCode()
	if err := r.journalErr(); err != nil {
		// The writes it could not record as sent were not sent (their rows
		// say so); an outcome it could not record is missing from it.
		fmt.Fprintf(r.opts.IO.ErrOut, "invites: the journal failed: %s; the writes it could not record as sent were not sent\n", cmdutil.OneLine(err.Error()))
		if code == cmdutil.ExitOK {
			code = cmdutil.ExitFailure
		}
	}
	switch {
	case reportErr != nil:
		return reportErr
	case code != cmdutil.ExitOK:
		return &cmdutil.SilentExit{Code: code}
	}
	return nil
}

// journalErr is the first append the run's journal failed, nil if none
// (or no journal).
func (r *Run) journalErr() error {
	if r.journal == nil {
		return nil
	}
	return r.journal.Err()
}
