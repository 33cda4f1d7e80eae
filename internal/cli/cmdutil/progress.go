// A roster run can go on for many minutes against the Admin API's rate
// limit, so the user sees progress: a bar with an ETA on a terminal, one
// plain line per row otherwise (logs, CI), which a bar would turn into
// garbage. Both hear the client's waits (client.WithOnWait) from the first
// request on, so a long silent wait is explained while it happens.

package cmdutil

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/schollz/progressbar/v3"
)

// Progress hears about a run as it goes. Calls may come from several
// workers at once.
type Progress interface {
	Waiting(w client.Wait)      // the client is about to wait: for the pace, a 429, a retry
	Start(total int)            // the writes begin
	Done(where, outcome string) // a write finished: "line 4 ada@example.com", "created invite-abc"
	Finish()
}

// RateLimitNotice tells, while it happens, a wait a 429 asked for.
const RateLimitNotice = "rate limited (429): waiting as the API asks, then retrying"

// scanNotice explains a 429's wait before the writes begin: while the
// invites are read.
const scanNotice = "reading the invites: " + RateLimitNotice

// The bar's descriptions stay short: a line wider than the terminal wraps,
// and the bar's carriage returns then leave a trail of copies.
const (
	barDescription     = "inviting"
	barPacedNote       = "pacing: next in %s"
	barRateLimitedNote = "rate limited: next in %s"
)

// NewProgress is a bar on a terminal (stderr), else one line per write.
func NewProgress(ios *IOStreams) Progress {
	if ios.IsStderrTTY() {
		return &barProgress{w: ios.ErrOut}
	}
	return &lineProgress{w: ios.ErrOut}
}

type barProgress struct {
	mu  sync.Mutex
	w   io.Writer
	bar *progressbar.ProgressBar // nil until the writes start
}

// Waiting shows the pacer's waits and a 429's on the bar, which would
// otherwise stand still for as long as the API's pace demands. A retry's
// backoff is not the API's doing, and a wait to learn the pace lasts one
// request and has no length to show.
func (p *barProgress) Waiting(w client.Wait) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar == nil {
		if w.Reason == client.WaitRateLimited {
			fmt.Fprintln(p.w, scanNotice)
		}
		return
	}
	switch w.Reason {
	case client.WaitPace:
		p.bar.Describe(fmt.Sprintf(barPacedNote, w.Duration.Round(100*time.Millisecond)))
	case client.WaitRateLimited:
		p.bar.Describe(fmt.Sprintf(barRateLimitedNote, w.Duration.Round(100*time.Millisecond)))
	}
}

func (p *barProgress) Start(total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(barDescription),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish(),
	)
}

func (p *barProgress) Done(string, string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bar.Describe(barDescription)
	_ = p.bar.Add(1)
}

// Finish clears a bar that did not reach its end (an interrupted or failed
// run): left standing, it would run into the summary printed after it.
func (p *barProgress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.bar.IsFinished() {
		_ = p.bar.Clear()
	}
	_ = p.bar.Exit()
}

type lineProgress struct {
	mu       sync.Mutex
	w        io.Writer
	total, n int
	started  bool
}

// Waiting prints a line for each wait a 429 asked for; with a pace, every
// row waits, and a line per pacing wait would drown the rows.
func (p *lineProgress) Waiting(w client.Wait) {
	if w.Reason != client.WaitRateLimited {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.started {
		fmt.Fprintln(p.w, scanNotice)
		return
	}
	fmt.Fprintln(p.w, RateLimitNotice)
}

func (p *lineProgress) Start(total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total, p.started = total, true
}

func (p *lineProgress) Done(where, outcome string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	fmt.Fprintf(p.w, "[%d/%d] %s: %s\n", p.n, p.total, where, outcome)
}

func (p *lineProgress) Finish() {}
