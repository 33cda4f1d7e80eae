// import and sync apply their plans the same way: with roster.Apply, a
// progress bar or lines, the rate-limit notice, and the interrupt notice
// (Ctrl-C starts nothing new and lets what is in flight finish).
package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
)

// applyPlan applies the actions that write and returns their results,
// indexed like actions (keep, conflict and mismatch have a zero Result).
// show turns a result into the line progress prints.
func (a *app) applyPlan(c *client.Client, actions []roster.Action, concurrency int, counter *attemptCounter, show func(roster.Result) rowResult) []roster.Result {
	results := make([]roster.Result, len(actions))
	writes := 0
	for _, act := range actions {
		if act.Kind.Writes() {
			writes++
		}
	}
	if writes == 0 {
		return results
	}
	prog := a.newProgress(writes)
	notice := prog.rateLimited
	counter.onRateLimit.Store(&notice)
	counter.waits.to.Store(&prog)
	// The notice runs on its own goroutine once a.ctx ends; the command
	// waits for it, or it could land after the summary, or after run has
	// returned and the caller has read the stream.
	noticed := make(chan struct{})
	stopNotice := context.AfterFunc(a.ctx, func() {
		defer close(noticed)
		fmt.Fprintf(a.stderr, "\ninterrupted: starting no new invites; letting those in flight finish (up to %s)\n", a.interruptGrace)
	})
	defer func() {
		if !stopNotice() {
			<-noticed
		}
	}()
	for r := range roster.Apply(a.ctx, c, actions, roster.ApplyOptions{Concurrency: concurrency, Grace: a.interruptGrace}) {
		results[r.Index] = r
		if r.Action.Kind.Writes() && !isNotStarted(r) {
			prog.done(show(r))
		}
	}
	prog.finish()
	return results
}

// isNotStarted reports whether an action was left unstarted by an
// interrupt.
func isNotStarted(r roster.Result) bool { return errors.Is(r.Err, roster.ErrNotStarted) }
