// Apply is where a plan meets the API: each action's outcome is reported as
// soon as it is known, so a caller can show progress and keep a report, and
// an interrupt never leaves an outcome untold.

package roster

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
	"time"

	"github.com/goinvites/invites/client"
)

var (
	// ErrNotStarted is the error of an action Apply did not start because
	// its context ended first (or the caller stopped reading results), or
	// whose write the observer could not record (ErrNotRecorded).
	ErrNotStarted = errors.New("roster: not started")
	// ErrDeletedNotCreated is matched by the error of a Replace whose delete
	// succeeded and whose create then failed: the email is left with no
	// pending invite, and the next plan creates it.
	ErrDeletedNotCreated = errors.New("roster: old invite deleted, new one not created")
)

// ApplyOptions tune Apply. The zero value applies one action at a time.
type ApplyOptions struct {
	// Concurrency is how many actions run at once; 0 means 1. The Admin
	// API's rate limit makes more rarely faster.
	Concurrency int
	// Grace is how long the actions in flight when ctx ends may run on to
	// learn their outcome, rather than leave it unknown; 0 ends them with
	// ctx.
	Grace time.Duration
	// Limits are the most removals, demotions and removals from projects
	// the plan may make. A plan over them is refused whole: nothing is
	// sent, and every write is yielded with an error matching
	// ErrNotStarted and ErrTooManyRemovals, ErrTooManyDemotions or
	// ErrTooManyProjectRemovals. The zero value allows none, so that a
	// program must say how many it will risk (see [Limits.Check]).
	Limits Limits
	// CreateOnly says the plan was made with PlanOptions.CreateOnly: it only
	// adds. A Create or Resend the API then refuses because the email has
	// become a member ([client.ErrAlreadyMember]) or been invited
	// ([client.ErrAlreadyInvited]) since the read leaves such a plan nothing
	// to do: its Result's Outcome is Unchanged, its Err saying why.
	CreateOnly bool
	// Observe, when set, is told of every write before it is sent and
	// again when its outcome is known (see [WriteEvent]), one event at a
	// time, from the goroutine making the write. An error for a WriteSent
	// event keeps that write from being sent (its Result's error matches
	// ErrNotRecorded), so that a journal never misses a write the server
	// may have received; an error for a WriteOutcome event is the
	// observer's to report, as the write is made.
	Observe func(WriteEvent) error
}

// Result is the outcome of one action.
type Result struct {
	Index  int // the action's position in the slice given to Apply
	Action Action
	// Invite is the invite a Create, Resend or Replace made.
	Invite *client.Invite
	// Deleted is true when a Replace or Revoke deleted its invite (or found
	// it already gone).
	Deleted bool
	// Member is the member as a SetRole left them.
	Member *client.User
	// Removed is true when a Remove removed its member, or a
	// RemoveFromProject its member from the project (or found them already
	// gone).
	Removed bool
	// ProjectMember is the membership as an AddToProject or SetProjectRole
	// left it.
	ProjectMember *client.ProjectMember
	// Response is the last request's, for a caller that tells how it went
	// (attempts, rate limits); nil when nothing was sent.
	Response *client.Response
	// Attempts counts the HTTP attempts of every request the action made,
	// retries included: a Replace's delete and its create together. A
	// create's look-ups for an invite it may have made are not counted, as
	// in [client.Response].Attempts.
	Attempts int
	// Err is nil when the action was carried out (or needed nothing). It
	// matches ErrNotStarted for an action never started and
	// ErrDeletedNotCreated for a half-done Replace; otherwise it is the
	// client's error.
	Err error
	// createOnly is ApplyOptions.CreateOnly, for Outcome.
	createOnly bool
}

// Apply carries out actions with c and yields one Result per action: first
// those that send nothing (Keep, Mismatch, Unlisted, Managed, Held), then the others as
// they finish, then any not started. Creates go through
// [client.InvitesService.Create], which never duplicates an invite; a Replace
// deletes before it creates, as the API refuses a second pending invite.
// Project access goes through [client.ProjectMembersService]: an add whose
// answer was lost is looked up before it is sent again, and a removal
// whose answer was lost and then finds the member gone is done.
//
// When ctx ends, Apply starts no new action; those in flight run on for
// opts.Grace to learn their outcome, and the rest are yielded with
// ErrNotStarted. Breaking out of the loop also stops new actions, and
// waits for those in flight.
func Apply(ctx context.Context, c *client.Client, actions []Action, opts ApplyOptions) iter.Seq[Result] {
	return func(yield func(Result) bool) {
		var writes []int
		for i, a := range actions {
			if a.Kind.Writes() {
				writes = append(writes, i)
			} else if !yield(Result{Index: i, Action: a}) {
				return
			}
		}
		started := make([]bool, len(actions))
		if err := opts.Limits.Check(actions); err != nil {
			for _, i := range writes {
				if !yield(Result{Index: i, Action: actions[i], Err: fmt.Errorf("%w: %w", ErrNotStarted, err)}) {
					return
				}
			}
			return
		}
		for r := range run(ctx, c, actions, writes, started, opts) {
			if !yield(r) {
				return
			}
		}
		for _, i := range writes {
			if !started[i] && !yield(Result{Index: i, Action: actions[i], Err: fmt.Errorf("%w: %w", ErrNotStarted, context.Cause(ctx))}) {
				return
			}
		}
	}
}

// run applies the actions listed in todo with opts.Concurrency workers and
// yields their results as they finish, marking in started each action a
// worker began. A consumer that stops early stops the feed, and run waits
// for the workers before it returns.
func run(ctx context.Context, c *client.Client, actions []Action, todo []int, started []bool, opts ApplyOptions) iter.Seq[Result] {
	return func(yield func(Result) bool) {
		if len(todo) == 0 {
			return
		}
		reqCtx, stopGrace := graceContext(ctx, opts.Grace)
		defer stopGrace()
		obs := &observer{observe: opts.Observe}
		jobs, results, quit := make(chan int), make(chan Result), make(chan struct{})
		var workers sync.WaitGroup
		for range min(max(opts.Concurrency, 1), len(todo)) {
			workers.Go(func() {
				for i := range jobs {
					// A job handed over as ctx ended or the consumer left
					// is not started: the feed's select may pick either.
					if ctx.Err() != nil || closed(quit) {
						continue
					}
					started[i] = true
					r := apply(reqCtx, c, obs, i, actions[i])
					r.createOnly = opts.CreateOnly
					results <- r
				}
			})
		}
		go func() {
			defer func() {
				close(jobs)
				workers.Wait()
				close(results)
			}()
			for _, i := range todo {
				if ctx.Err() != nil {
					return
				}
				select {
				case jobs <- i:
				case <-ctx.Done():
					return
				case <-quit:
					return
				}
			}
		}()
		defer func() {
			close(quit)
			for range results { // let the workers in flight finish
			}
		}()
		for r := range results {
			if !yield(r) {
				return
			}
		}
	}
}

// closed reports whether ch is closed, without waiting.
func closed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// graceContext returns a context for requests that outlives ctx by grace,
// so that requests in flight at an interrupt learn their outcome; stop
// releases it.
func graceContext(ctx context.Context, grace time.Duration) (context.Context, func()) {
	reqCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	var (
		mu    sync.Mutex
		timer *time.Timer
		done  bool
	)
	stopWatching := context.AfterFunc(ctx, func() {
		mu.Lock()
		defer mu.Unlock()
		if !done {
			timer = time.AfterFunc(grace, cancel)
		}
	})
	return reqCtx, func() {
		stopWatching()
		mu.Lock()
		defer mu.Unlock()
		done = true
		if timer != nil {
			timer.Stop()
		}
		cancel()
	}
}

// apply carries out the action at index i, telling o of each write.
func apply(ctx context.Context, c *client.Client, o *observer, i int, a Action) Result {
	r := Result{Index: i, Action: a}
	switch a.Kind {
	case Create, Resend:
		r.Invite, r.Response, r.Err = o.createInvite(ctx, c, i, a)
		r.count()
	case Revoke:
		r.Response, r.Err = o.deleteInvite(ctx, c, i, a)
		r.count()
		r.Deleted = r.Err == nil
	case SetRole:
		var u *client.User
		u, r.Response, r.Err = o.setRole(ctx, c, i, a)
		r.count()
		if u != nil {
			r.Member = u
		}
	case Remove:
		r.Response, r.Err = o.removeMember(ctx, c, i, a)
		r.count()
		r.Removed = r.Err == nil
	case AddToProject, SetProjectRole:
		r.ProjectMember, r.Response, r.Err = o.changeProjectAccess(ctx, c, i, a)
		r.count()
	case RemoveFromProject:
		r.Response, r.Err = o.removeFromProject(ctx, c, i, a)
		r.count()
		r.Removed = r.Err == nil
	case Replace:
		r.Response, r.Err = o.deleteInvite(ctx, c, i, a)
		r.count()
		if r.Err != nil {
			r.Err = fmt.Errorf("deleting %s: %w", a.Invite.ID, r.Err)
			return r
		}
		r.Deleted = true
		r.Invite, r.Response, r.Err = o.createInvite(ctx, c, i, a)
		r.count()
		if r.Err != nil {
			r.Err = fmt.Errorf("%w (%s): %w", ErrDeletedNotCreated, a.Invite.ID, r.Err)
		}
	}
	return r
}

// count adds the attempts of the request just made to the result's.
func (r *Result) count() {
	if r.Response != nil {
		r.Attempts += r.Response.Attempts
	}
}
