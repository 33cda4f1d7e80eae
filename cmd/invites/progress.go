// An import can run for many minutes against the Admin API's rate limit, so
// the user sees progress: a bar with an ETA on a terminal, one plain line per
// row otherwise (logs, CI), which a bar would turn into garbage.
package main

import (
	"fmt"
	"io"
	"sync"

	"github.com/schollz/progressbar/v3"
)

// progress hears about each row as it finishes. Calls may come from several
// workers at once.
type progress interface {
	done(r rowResult)
	rateLimited() // a 429 came: the client now waits as the API asked
	finish()
}

const rateLimitNotice = "rate limited (429): waiting as the API asks, then retrying"

// The bar's descriptions stay short: a line wider than the terminal wraps,
// and the bar's carriage returns then leave a trail of copies.
const (
	barDescription     = "inviting"
	barRateLimitedNote = "rate limited, waiting"
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

func (p *barProgress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
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

func (p *lineProgress) finish() {}
