// import and sync are one pipeline, in steps that each command's runX
// strings together in its own order: read the roster (rosterfile.go),
// refuse invalid rows, read the invites once, plan, apply with progress, and
// account for every row (planreport.go). A command that plans with roster
// is built from the same steps.
package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/rules"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
)

// patientRetries is how often import and sync retry a request when the
// user did not say (--max-retries): the Admin API allows a few requests a
// minute, so a run of any size meets 429s that are simply to be waited out.
const patientRetries = 10

// patientRetryWait caps each wait import and sync take for the rate limit.
const patientRetryWait = 2 * time.Minute

// rosterRun is one run of a roster: its rows, its plan, and its account.
type rosterRun struct {
	opts     *rosterOptions
	plan     roster.PlanOptions
	rows     []rosterfile.Row
	actions  []roster.Action
	summary  *planSummary
	progress progress
	// maxRemovals is the most members the run may remove (sync's
	// --max-removals); import removes none.
	maxRemovals int
	// rateLimitWaits counts what client.WithOnWait reports as waits for a
	// 429, from the first request on; it is read once the run is over.
	rateLimitWaits atomic.Int64
}

// newRosterRun starts the account of rows read from name: one row each, an
// invalid one already with its outcome, and one for each row a filter left
// out (skipped). verb is what applying is called ("Imported").
func newRosterRun(opts *rosterOptions, rows []rosterfile.Row, name, verb string, plan roster.PlanOptions) *rosterRun {
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
	return &rosterRun{opts: opts, plan: plan, rows: rows, summary: s, progress: newProgress(opts.IO)}
}

// refuseInvalid prints the invalid rows on stderr. Unless skip, a roster
// with any is refused whole: nothing is sent, and the report says so; hint
// says what else the user may do.
func (r *rosterRun) refuseInvalid(skip bool, hint string) error {
	invalid := printInvalid(r.opts.IO.ErrOut, r.rows, r.summary.File)
	if invalid == 0 || skip {
		return nil
	}
	r.summary.markRest(roster.NotAttempted, "not sent: the file has invalid rows")
	if err := r.summary.writeReport(r.opts.Report); err != nil {
		return err
	}
	return usagef("%s: %d invalid row(s); nothing was sent%s", r.summary.File, invalid, hint)
}

// client is the client the run works with: it waits out the rate limit
// (more retries, longer waits), and its waits reach the progress.
func (r *rosterRun) client(ctx context.Context) (*client.Client, error) {
	return r.opts.Client(ctx,
		client.WithMaxRetries(patientRetries),
		client.WithMaxRetryWait(patientRetryWait),
		client.WithOnWait(r.onWait),
	)
}

// onWait takes in a wait the client is about to take.
func (r *rosterRun) onWait(w client.Wait) {
	if w.Reason == client.WaitRateLimited {
		r.rateLimitWaits.Add(1)
	}
	r.progress.waiting(w)
}

// makePlan reads the invites once and plans the valid rows against them.
// An interrupt during the read leaves the run interrupted, with nothing
// planned; another failure ends the run, with the report written.
func (r *rosterRun) makePlan(ctx context.Context, c *client.Client) error {
	org, err := roster.ReadOrg(ctx, c)
	switch {
	case err != nil && ctx.Err() != nil:
		r.summary.Interrupted = true
		return nil
	case err != nil:
		r.summary.markRest(roster.NotAttempted, "not sent: reading the members and invites failed")
		return errors.Join(err, r.summary.writeReport(r.opts.Report))
	}
	r.actions = roster.Plan(r.opts.read.Entries(), org, r.plan)
	r.summary.planned(r.actions)
	return nil
}

// planned gives each roster row its action, and adds a row for each action
// about no roster row (a revoke), after them.
func (s *planSummary) planned(actions []roster.Action) {
	rows := len(s.Actions)
	byEmail := map[string]int{} // lowercased email -> its row
	for i := range rows {
		if s.Actions[i].Outcome == "" { // a valid row: not invalid, not skipped
			byEmail[rules.EmailKey(s.Actions[i].Email)] = i
		}
	}
	s.rowOf = make([]int, len(actions))
	for ai, act := range actions {
		k := rules.EmailKey(act.Email)
		i, ok := byEmail[k]
		if ok && act.Entry != nil {
			delete(byEmail, k)
		} else {
			i = len(s.Actions)
			s.Actions = append(s.Actions, actionRow{Email: act.Email})
		}
		s.rowOf[ai] = i
		s.Actions[i].plan(act)
	}
}

// plan records the action planned for the row.
func (row *actionRow) plan(act roster.Action) {
	row.Action, row.InviteID, row.Reason, row.Outcome = act.Kind, act.InviteID(), act.Reason, act.Outcome()
	if act.Invite != nil {
		row.RoleBefore, row.ProjectsBefore = string(act.Invite.Role), invitedProjects(*act.Invite)
	}
	if act.Member != nil {
		row.UserID, row.RoleBefore = act.Member.ID, string(act.Member.Role)
	}
	if act.Entry != nil {
		row.RoleAfter, row.ProjectsAfter = string(act.Entry.Role), rosterfile.FormatProjects(act.Entry.Projects)
	}
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
	r.progress.start(writes)
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
	for res := range roster.Apply(ctx, c, r.actions, roster.ApplyOptions{Concurrency: r.opts.Concurrency, Grace: r.opts.Grace, MaxRemovals: r.maxRemovals, CreateOnly: r.plan.CreateOnly}) {
		row := &s.Actions[s.rowOf[res.Index]]
		row.record(res)
		s.WriteRequests += res.Attempts
		if res.Action.Kind.Writes() && row.Outcome != roster.NotAttempted {
			r.progress.done(*row)
		}
	}
	r.progress.finish()
	s.Interrupted = ctx.Err() != nil
}

// record takes in the result of the row's action. The client never
// duplicates a create when it retries, so a failure here is final for this
// run, and a re-run is safe.
func (row *actionRow) record(res roster.Result) {
	row.Outcome = res.Outcome()
	if res.Invite != nil {
		row.NewInviteID = res.Invite.ID
	}
	switch row.Outcome {
	case roster.Unchanged: // with an error: a create refused as done since the read (ApplyOptions.CreateOnly)
		switch {
		case errors.Is(res.Err, client.ErrAlreadyMember):
			row.Error = "already a member: " + oneLine(describeError(res.Err))
		case res.Err != nil:
			row.Error = "already invited: " + oneLine(describeError(res.Err))
		}
	case roster.Done:
		row.detail = attemptDetail(res.Response)
	case roster.NotAttempted:
		row.Error = "not sent: interrupted"
	case roster.DeletedNotCreated:
		row.Error = "deleted, but the create failed (the next run creates it): " + oneLine(describeError(res.Err))
	case roster.Failed:
		switch {
		case errors.Is(res.Err, context.Canceled):
			what := map[roster.Kind]string{roster.Revoke: "the invite may be deleted", roster.SetRole: "the role may be changed",
				roster.Remove: "the member may be removed"}[res.Action.Kind]
			if what == "" {
				what = "the invite may exist"
			}
			row.Error = "interrupted before the answer came: " + what + "; re-run to finish"
		default:
			row.Error = oneLine(describeError(res.Err))
		}
	}
}

// attemptDetail tells how a write that succeeded went, from its last
// Response: "" for one plain request.
func attemptDetail(resp *client.Response) string {
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
	p := newPrinter(out, r.opts.Output)
	var err error
	switch p.format {
	case "json":
		err = p.json(s)
	case "csv":
		err = p.csv(s.records())
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
		return &silentExit{exitDrift}
	case s.Interrupted:
		return &silentExit{exitInterrupted}
	case s.failures() > 0:
		return &silentExit{exitFailure}
	}
	return nil
}
