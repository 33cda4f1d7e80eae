// What an admin asks of a journal is per run: what each run sent, how it
// ended, and above all which writes were sent and never heard of again,
// which the server may or may not have applied.

package journal

import (
	"time"

	"github.com/goinvites/invites/roster"
)

// Run is what the journal holds of one run.
type Run struct {
	ID         string
	Start, End time.Time // of its first and last record
	Sent       int       // writes recorded as sent
	// Outcomes counts the writes whose outcome is recorded, by outcome.
	Outcomes map[roster.Outcome]int
	// NoOutcome are the sent records with no outcome record: the run ended
	// (was killed) before the client returned, so the server may have
	// received and applied these writes, or not. Planning again from a
	// fresh read shows what is left.
	NoOutcome []Record
}

// Answered is how many of the run's writes have a recorded outcome.
func (r Run) Answered() int {
	n := 0
	for _, c := range r.Outcomes {
		n += c
	}
	return n
}

// WriteLog is what the journal holds of one write: its sent record and,
// once the client returned, its outcome record (nil when none was written:
// the run ended before it).
type WriteLog struct {
	Sent    Record
	Outcome *Record
}

// writeKey names a write within its run: a Replace's delete and create
// share their action's index, and differ by write.
type writeKey struct {
	index int
	write roster.Write
}

// writesByRun pairs each sent record with its run's outcome record for
// the same write, runs in the order they first appear and writes in the
// order they were sent.
func (l *Log) writesByRun() (order []string, writes map[string][]WriteLog) {
	writes = map[string][]WriteLog{}
	at := map[string]map[writeKey]int{} // run -> write -> its index in writes[run]
	for _, rec := range l.Records {
		if at[rec.Run] == nil {
			at[rec.Run] = map[writeKey]int{}
			order = append(order, rec.Run)
		}
		k := writeKey{rec.Index, rec.Write}
		switch rec.Phase {
		case roster.WriteSent:
			at[rec.Run][k] = len(writes[rec.Run])
			writes[rec.Run] = append(writes[rec.Run], WriteLog{Sent: rec})
		case roster.WriteOutcome:
			if i, ok := at[rec.Run][k]; ok && writes[rec.Run][i].Outcome == nil {
				writes[rec.Run][i].Outcome = &rec
			}
		}
	}
	return order, writes
}

// WritesOf is what the journal holds of each write of the run with this
// ID, in the order they were sent; none for a run it does not hold.
func (l *Log) WritesOf(run string) []WriteLog {
	_, writes := l.writesByRun()
	return writes[run]
}

// Runs groups the records by run, in the order runs first appear.
func (l *Log) Runs() []Run {
	order, writes := l.writesByRun()
	runs := make([]Run, len(order))
	at := make(map[string]*Run, len(order))
	for i, id := range order {
		runs[i] = Run{ID: id, Outcomes: map[roster.Outcome]int{}}
		at[id] = &runs[i]
	}
	for _, rec := range l.Records {
		r := at[rec.Run]
		if r.Start.IsZero() {
			r.Start = rec.Time
		}
		r.Start, r.End = minTime(r.Start, rec.Time), maxTime(r.End, rec.Time)
		switch rec.Phase {
		case roster.WriteSent:
			r.Sent++
		case roster.WriteOutcome:
			r.Outcomes[rec.Outcome]++
		}
	}
	for i := range runs {
		for _, w := range writes[runs[i].ID] {
			if w.Outcome == nil {
				runs[i].NoOutcome = append(runs[i].NoOutcome, w.Sent)
			}
		}
	}
	return runs
}

// LastRuns is the last n of Runs (all of them for n <= 0).
func (l *Log) LastRuns(n int) []Run {
	runs := l.Runs()
	if n > 0 && len(runs) > n {
		runs = runs[len(runs)-n:]
	}
	return runs
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
