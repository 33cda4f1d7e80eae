// An import can run for many minutes against the Admin API's rate limit, so
// the user sees progress: a bar with an ETA on a terminal, one plain line per
// row otherwise (logs, CI), which a bar would turn into garbage.
package main

import (
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/schollz/progressbar/v3"
)

// progress hears about each row as it finishes. Calls may come from several
// workers at once.
type progress interface {
	done(r rowResult)
	rateLimited()          // a 429 came: the client now waits as the API asked
	waiting(w client.Wait) // the client's pacer holds the next request
	finish()
}

// waitRelay passes the client's waits (client.WithOnWait) to the progress
// showing at the time, if any: the client exists before the progress does.
type waitRelay struct{ to atomic.Pointer[progress] }

func (r *waitRelay) hear(w client.Wait) {
	if p := r.to.Load(); p != nil {
		(*p).waiting(w)
	}
}

const rateLimitNotice = "rate limited (429): waiting as the API asks, then retrying"

// The bar's descriptions stay short: a line wider than the terminal wraps,
// and the bar's carriage returns then leave a trail of copies.
const (
	barDescription     = "inviting"
	barRateLimitedNote = "rate limited, waiting"
	barPacedNote       = "pacing: next in %s"
)

func (a *app) newProgress(total int) progress {
	if a.isTerminal(a.rawStderr) {
		return &barProgress{bar: progressbar.NewOptions(total,
			progressbar.OptionSetWriter(a.stderr),
			progressbar.OptionSetDescription(barDescription),
			progressbar.OptionShowCount(),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionClearOnFinish(),
		)}
	}
	return &lineProgress{w: a.stderr, total: total}
}

type barProgress struct {
	mu  sync.Mutex
	bar *progressbar.ProgressBar
}

func (p *barProgress) done(rowResult) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bar.Describe(barDescription)
	_ = p.bar.Add(1)
}

func (p *barProgress) rateLimited() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bar.Describe(barRateLimitedNote)
}

// waiting shows the pacer's waits on the bar, which would otherwise stand
// still for as long as the API's pace demands. A wait to learn the pace
// lasts one request and has no length to show.
func (p *barProgress) waiting(w client.Wait) {
	if w.Reason == client.WaitBackoff || w.Reason == client.WaitLearning {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bar.Describe(fmt.Sprintf(barPacedNote, w.Duration.Round(100*time.Millisecond)))
}

// finish clears a bar that did not reach its end (an interrupted or failed
// run): left standing, it would run into the summary printed after it.
func (p *barProgress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.bar.IsFinished() {
		_ = p.bar.Clear()
	}
	_ = p.bar.Exit()
}

type lineProgress struct {
	mu    sync.Mutex
	w     io.Writer
	total int
	n     int
}

func (p *lineProgress) done(r rowResult) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	where := "" // a sync's revoke is about no roster line
	if r.Line > 0 {
		where = fmt.Sprintf("line %d ", r.Line)
	}
	fmt.Fprintf(p.w, "[%d/%d] %s%s: %s\n", p.n, p.total, where, r.Email, r.describe())
}

func (p *lineProgress) rateLimited() {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintln(p.w, rateLimitNotice)
}

// waiting prints nothing: with a pace, every row waits, and a line per wait
// would drown the rows; a 429 still gets its notice.
func (p *lineProgress) waiting(client.Wait) {}

func (p *lineProgress) finish() {}
