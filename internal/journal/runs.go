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

// Runs groups the records by run, in the order runs first appear.
func (l *Log) Runs() []Run {
	type write struct {
		index int
		write roster.Write
	}
	var runs []Run
	at := map[string]int{}        // run ID -> index in runs
	open := map[string][]Record{} // sent records, by run, in order
	answered := map[string]map[write]bool{}
	for _, rec := range l.Records {
		i, ok := at[rec.Run]
		if !ok {
			i = len(runs)
			at[rec.Run] = i
			runs = append(runs, Run{ID: rec.Run, Start: rec.Time, Outcomes: map[roster.Outcome]int{}})
			answered[rec.Run] = map[write]bool{}
		}
		r := &runs[i]
		r.Start, r.End = minTime(r.Start, rec.Time), maxTime(r.End, rec.Time)
		switch rec.Phase {
		case roster.WriteSent:
			r.Sent++
			open[rec.Run] = append(open[rec.Run], rec)
		case roster.WriteOutcome:
			r.Outcomes[rec.Outcome]++
			answered[rec.Run][write{rec.Index, rec.Write}] = true
		}
	}
	for i := range runs {
		r := &runs[i]
		for _, rec := range open[r.ID] {
			if !answered[r.ID][write{rec.Index, rec.Write}] {
				r.NoOutcome = append(r.NoOutcome, rec)
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
