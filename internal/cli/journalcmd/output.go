// The journal's runs and writes print for people (a table) and for scripts
// (json and csv, whose fields and order are a contract), as every command
// prints, with cmdutil's Printer.

package journalcmd

import (
	"cmp"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/journal"
	"github.com/goinvites/invites/roster"
)

// RunOut is a run as journal prints it.
type RunOut struct {
	Run      string    `json:"run"`
	Started  time.Time `json:"started"` // its first record's time, UTC
	Ended    time.Time `json:"ended"`   // its last record's
	Sent     int       `json:"sent"`
	Answered int       `json:"answered"`
	// Outcomes counts the answered writes by outcome: done, failed,
	// not_attempted.
	Outcomes map[roster.Outcome]int `json:"outcomes"`
	// NoAnswer counts the writes sent and never answered: the run ended
	// before they did, and the server may or may not have applied them.
	NoAnswer int `json:"no_answer"`
}

// WriteOut is one write of a run, its sent record and outcome together.
type WriteOut struct {
	Run   string       `json:"run"`
	Index int          `json:"index"` // the action's position in the run's plan, from 0
	Write roster.Write `json:"write"`
	Kind  roster.Kind  `json:"kind"`
	Email string       `json:"email"`
	// InviteID is the invite deleted, or the one a create made.
	InviteID string      `json:"invite_id"`
	UserID   string      `json:"user_id"`
	Role     client.Role `json:"role"`
	SentAt   time.Time   `json:"sent_at"`
	// AnsweredAt and Outcome are null and "" for a write never answered.
	AnsweredAt *time.Time     `json:"answered_at"`
	Outcome    roster.Outcome `json:"outcome"`
	Status     int            `json:"status"` // 0 when no HTTP answer came
	RequestID  string         `json:"request_id"`
	// Attempts counts the HTTP attempts the write took: 0 for one never
	// answered, which took at least one.
	Attempts int `json:"attempts"`
}

var (
	runCSVHeader   = []string{"run", "started", "ended", "sent", "answered", "done", "failed", "not_attempted", "no_answer"}
	writeCSVHeader = []string{"run", "index", "write", "kind", "email", "invite_id", "user_id", "role", "sent_at", "answered_at", "outcome", "status", "request_id", "attempts"}
)

func runOut(r journal.Run) RunOut {
	return RunOut{Run: r.ID, Started: r.Start.UTC(), Ended: r.End.UTC(), Sent: r.Sent, Answered: r.Answered(), Outcomes: r.Outcomes, NoAnswer: len(r.NoOutcome)}
}

func writeOut(w journal.WriteLog) WriteOut {
	s := w.Sent
	out := WriteOut{Run: s.Run, Index: s.Index, Write: s.Write, Kind: s.Kind, Email: s.Email, InviteID: s.InviteID,
		UserID: s.UserID, Role: s.Role, SentAt: s.Time.UTC()}
	if o := w.Outcome; o != nil {
		out.AnsweredAt, out.Outcome = cmdutil.OptionalTime(o.Time), o.Outcome
		out.InviteID = cmp.Or(o.InviteID, out.InviteID)
		out.Status, out.RequestID, out.Attempts = o.Status, o.RequestID, o.Attempts
	}
	return out
}

func (r RunOut) csvRecord() []string {
	return []string{r.Run, cmdutil.CSVTime(&r.Started), cmdutil.CSVTime(&r.Ended), strconv.Itoa(r.Sent), strconv.Itoa(r.Answered),
		strconv.Itoa(r.Outcomes[roster.Done]), strconv.Itoa(r.Outcomes[roster.Failed]), strconv.Itoa(r.Outcomes[roster.NotAttempted]), strconv.Itoa(r.NoAnswer)}
}

func (w WriteOut) csvRecord() []string {
	status, attempts := "", ""
	if w.Status != 0 {
		status = strconv.Itoa(w.Status)
	}
	if w.AnsweredAt != nil {
		attempts = strconv.Itoa(w.Attempts)
	}
	return []string{w.Run, strconv.Itoa(w.Index), string(w.Write), string(w.Kind), w.Email, w.InviteID, w.UserID, string(w.Role),
		cmdutil.CSVTime(&w.SentAt), cmdutil.CSVTime(w.AnsweredAt), string(w.Outcome), status, w.RequestID, attempts}
}

// printer prints the journal's runs and writes.
type printer struct{ cmdutil.Printer }

func newPrinter(w io.Writer, format string) printer { return printer{cmdutil.NewPrinter(w, format)} }

// runs prints the last runs of the journal at path, which holds total.
func (p printer) runs(path string, runs []journal.Run, total int) error {
	out := make([]RunOut, len(runs))
	for i, r := range runs {
		out[i] = runOut(r)
	}
	switch p.Format {
	case "json":
		return p.JSON(out)
	case "csv":
		rows := [][]string{runCSVHeader}
		for _, r := range out {
			rows = append(rows, r.csvRecord())
		}
		return p.CSV(rows)
	}
	if len(out) == 0 {
		_, err := fmt.Fprintf(p.W, "No runs in %s.\n", path)
		return err
	}
	tw := tabwriter.NewWriter(p.W, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tSTARTED (UTC)\tSENT\tANSWERED\tDONE\tFAILED\tNOT ATTEMPTED\tNO ANSWER")
	for _, r := range out {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\n", r.Run, cmdutil.TableTime(&r.Started), r.Sent, r.Answered,
			r.Outcomes[roster.Done], r.Outcomes[roster.Failed], r.Outcomes[roster.NotAttempted], r.NoAnswer)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(p.W, "%d of %d run(s) in %s.\n", len(out), total, path)
	for _, r := range out {
		if r.NoAnswer > 0 {
			fmt.Fprintf(p.W, "Run %s: %d write(s) sent and never answered: the run ended before they did, and they may or may not have been applied; planning again (sync --dry-run) shows what is left. invites journal --run %s lists them.\n", r.Run, r.NoAnswer, r.Run)
		}
	}
	return nil
}

// writes prints every write of one run.
func (p printer) writes(writes []journal.WriteLog) error {
	out := make([]WriteOut, len(writes))
	for i, w := range writes {
		out[i] = writeOut(w)
	}
	switch p.Format {
	case "json":
		return p.JSON(out)
	case "csv":
		rows := [][]string{writeCSVHeader}
		for _, w := range out {
			rows = append(rows, w.csvRecord())
		}
		return p.CSV(rows)
	}
	tw := tabwriter.NewWriter(p.W, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SENT (UTC)\tWRITE\tKIND\tEMAIL\tID\tROLE\tOUTCOME\tSTATUS\tATTEMPTS\tREQUEST ID")
	unanswered := 0
	for _, w := range out {
		outcome, status, attempts := string(w.Outcome), "-", "-"
		if w.AnsweredAt == nil {
			outcome = "no answer"
			unanswered++
		} else {
			attempts = strconv.Itoa(w.Attempts)
			if w.Status != 0 {
				status = strconv.Itoa(w.Status)
			}
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", cmdutil.TableTime(&w.SentAt), w.Write, w.Kind, dash(w.Email),
			dash(cmp.Or(w.InviteID, w.UserID)), dash(string(w.Role)), outcome, status, attempts, dash(w.RequestID))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(p.W, "Run %s: %d write(s) sent, %d never answered.\n", out[0].Run, len(out), unanswered)
	if unanswered > 0 {
		fmt.Fprintln(p.W, "A write never answered may or may not have been applied: planning again (sync --dry-run) shows what is left.")
	}
	return nil
}

func dash(s string) string { return cmp.Or(s, "-") }
