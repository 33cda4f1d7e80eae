// A roster run can go on for many minutes against the Admin API's rate
// limit, so the user sees progress: a bar with an ETA on a terminal, one
// plain line per row otherwise (logs, CI), which a bar would turn into
// garbage. Both hear the client's waits (client.WithOnWait) from the first
// request on, so a long silent wait is explained while it happens: on the
// bar, counting down; in the lines, with its length.

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
	Sending(doing string)       // a write is about to go out: "inviting", "revoking", "removing"
	Done(where, outcome string) // a write finished: "line 4 ada@example.com", "created invite-abc"
	Finish()
}

// RateLimitNotice ends the line that tells, while it happens, a wait a 429
// asked for: "waiting 6.9s for the rate limit (429), as the API asks".
const RateLimitNotice = "for the rate limit (429), as the API asks"

// readingNotice starts the lines of waits before the writes begin: while
// the members and invites are read.
const readingNotice = "reading the members and invites: "

// The bar's descriptions stay short: a line wider than the terminal wraps,
// and the bar's carriage returns then leave a trail of copies. A wait names
// the write it holds back: "inviting in 4.7s", "removing in 2.0s (429)".
const (
	barStarting        = "sending"
	barPacedNote       = "%s in %s"
	barRateLimitedNote = "%s in %s (429)"
)

// countdownTick is how often the bar redraws a wait's time left.
const countdownTick = 100 * time.Millisecond

// NewProgress is a bar on a terminal (stderr), else one line per write.
func NewProgress(ios *IOStreams) Progress {
	if ios.IsStderrTTY() {
		return &barProgress{w: ios.ErrOut}
	}
	return &lineProgress{w: ios.ErrOut}
}

// rateLimitLine tells a 429's wait and its length.
func rateLimitLine(d time.Duration) string {
	return "waiting " + waitLength(d) + " " + RateLimitNotice
}

// waitLength is a wait's length as people read it, in tenths of a second
// under a minute, so that a countdown keeps its width: "6.9s", "0.7s",
// "2m0s".
func waitLength(d time.Duration) string {
	if d < time.Minute {
		return fmt.Sprintf("%.1fs", d.Round(countdownTick).Seconds())
	}
	return d.Round(time.Second).String()
}

type barProgress struct {
	mu  sync.Mutex
	w   io.Writer
	bar *progressbar.ProgressBar // nil until the writes start
	// doing names the write last sent; until and note the wait the bar
	// counts down (until is zero when none).
	doing string
	until time.Time
	note  string
	stop  chan struct{} // ends the countdown when the bar finishes
	ended chan struct{}
}

// Waiting counts the pacer's waits and a 429's down on the bar, which would
// otherwise stand still for as long as the API's pace demands. A retry's
// backoff is not the API's doing, and a wait to learn the pace lasts one
// request and has no length to show. Before the bar, a 429's wait gets a
// line.
func (p *barProgress) Waiting(w client.Wait) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.bar == nil {
		if w.Reason == client.WaitRateLimited {
			fmt.Fprintln(p.w, readingNotice+rateLimitLine(w.Duration))
		}
		return
	}
	switch w.Reason {
	case client.WaitPace:
		p.note = barPacedNote
	case client.WaitRateLimited:
		p.note = barRateLimitedNote
	default:
		return
	}
	p.until = time.Now().Add(w.Duration)
	p.describe(time.Now())
}

// describe shows the wait's time left at now, or once it is over, the
// write under way.
func (p *barProgress) describe(now time.Time) {
	left := p.until.Sub(now)
	if p.until.IsZero() || left <= 0 {
		p.until = time.Time{}
		p.bar.Describe(p.doing)
		return
	}
	p.bar.Describe(fmt.Sprintf(p.note, p.doing, waitLength(left)))
}

func (p *barProgress) Start(total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.doing = barStarting
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetDescription(p.doing),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionClearOnFinish(),
	)
	p.stop, p.ended = make(chan struct{}), make(chan struct{})
	go p.countDown()
}

// countDown redraws a wait's time left until the bar finishes.
func (p *barProgress) countDown() {
	defer close(p.ended)
	tick := time.NewTicker(countdownTick)
	defer tick.Stop()
	for {
		select {
		case <-p.stop:
			return
		case now := <-tick.C:
			p.mu.Lock()
			if !p.until.IsZero() {
				p.describe(now)
			}
			p.mu.Unlock()
		}
	}
}

func (p *barProgress) Sending(doing string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.doing = doing
	p.describe(time.Now())
}

func (p *barProgress) Done(string, string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	_ = p.bar.Add(1)
}

// Finish clears a bar that did not reach its end (an interrupted or failed
// run): left standing, it would run into the summary printed after it.
func (p *barProgress) Finish() {
	close(p.stop)
	<-p.ended
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

// Waiting prints a line for each wait a 429 asked for, with its length;
// with a pace, every row waits, and a line per pacing wait would drown the
// rows.
func (p *lineProgress) Waiting(w client.Wait) {
	if w.Reason != client.WaitRateLimited {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.started {
		fmt.Fprintln(p.w, readingNotice+rateLimitLine(w.Duration))
		return
	}
	fmt.Fprintln(p.w, rateLimitLine(w.Duration))
}

func (p *lineProgress) Start(total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.total, p.started = total, true
}

// Sending prints nothing: each write's line, when it is done, says what it
// did.
func (p *lineProgress) Sending(string) {}

func (p *lineProgress) Done(where, outcome string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	fmt.Fprintf(p.w, "[%d/%d] %s: %s\n", p.n, p.total, where, outcome)
}

func (p *lineProgress) Finish() {}
