// The import's account of itself: a summary for the user and a report file
// with one outcome per row. The file is written whole or not at all (a
// temporary file renamed into place), so an interrupted run never leaves a
// half-written report that a script would trust.
package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/goinvites/invites/internal/atomicfile"
)

// importSummary is what --output json prints for an import.
type importSummary struct {
	File         string      `json:"file"`
	DryRun       bool        `json:"dry_run"`
	Interrupted  bool        `json:"interrupted"`
	Created      int         `json:"created"`
	Skipped      int         `json:"skipped"`
	Mismatch     int         `json:"mismatch"`
	Failed       int         `json:"failed"`
	Invalid      int         `json:"invalid"`
	NotAttempted int         `json:"not_attempted"`
	WouldCreate  int         `json:"would_create"`
	Requests     int         `json:"requests"`     // HTTP attempts, retries included
	RateLimited  int         `json:"rate_limited"` // of those, answered 429
	Rows         []rowResult `json:"rows"`
}

var reportHeader = []string{"line", "email", "outcome", "invite_id", "error"}

// markRest gives every row without an outcome yet this one.
func (s *importSummary) markRest(outcome, why string) {
	for i := range s.Rows {
		if s.Rows[i].Outcome == "" {
			s.Rows[i].Outcome, s.Rows[i].Error = outcome, why
		}
	}
}

func (s *importSummary) count(outcome string) int {
	n := 0
	for _, r := range s.Rows {
		if r.Outcome == outcome {
			n++
		}
	}
	return n
}

func (s *importSummary) tally() {
	s.Created, s.Skipped, s.Failed, s.Mismatch = s.count(outcomeCreated), s.count(outcomeSkipped), s.count(outcomeFailed), s.count(outcomeMismatch)
	s.Invalid, s.NotAttempted, s.WouldCreate = s.count(outcomeInvalid), s.count(outcomeNotAttempted), s.count(outcomeWouldCreate)
}

func reportRecords(rows []rowResult) [][]string {
	records := [][]string{reportHeader}
	for _, r := range rows {
		records = append(records, []string{strconv.Itoa(r.Line), r.Email, r.Outcome, r.InviteID, r.Error})
	}
	return records
}

// checkReportDir makes sure the report can be written before anything is
// sent, so that a typo in --report is not found after an hour of invites.
func checkReportDir(path string) error {
	if path == "" {
		return nil
	}
	probe, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return usagef("--report %s: %w", path, err)
	}
	_ = probe.Close()
	return os.Remove(probe.Name())
}

// writeReport writes the report's records (header first) to path
// atomically; "" writes nothing.
func (a *app) writeReport(path string, records [][]string) error {
	if path == "" {
		return nil
	}
	err := atomicfile.Write(path, 0o644, func(w io.Writer) error { return csv.NewWriter(w).WriteAll(records) })
	if err != nil {
		return fmt.Errorf("writing the report %s: %w", path, err)
	}
	return nil
}

// printSummary prints the import's outcome in the format asked for: the
// summary (json), the report (csv), or sentences with the failed rows.
func (a *app) printSummary(s *importSummary, reportPath string) error {
	s.tally()
	p := a.printer()
	switch p.format {
	case "json":
		return p.json(s)
	case "csv":
		return p.csv(reportRecords(s.Rows))
	}
	var b strings.Builder
	if s.DryRun {
		fmt.Fprintf(&b, "Dry run of %s: would create %d, skip %d (already invited)", s.File, s.WouldCreate, s.Skipped)
		if s.Mismatch > 0 {
			fmt.Fprintf(&b, ", %d mismatched", s.Mismatch)
		}
		fmt.Fprintf(&b, ", %d invalid. Nothing was created.\n", s.Invalid)
	} else {
		fmt.Fprintf(&b, "Imported %s: %d created, %d skipped (already invited), %d failed, %d invalid",
			s.File, s.Created, s.Skipped, s.Failed, s.Invalid)
		if s.Mismatch > 0 {
			fmt.Fprintf(&b, ", %d mismatched", s.Mismatch)
		}
		if s.NotAttempted > 0 {
			fmt.Fprintf(&b, ", %d not attempted", s.NotAttempted)
		}
		b.WriteString(".\n")
	}
	// Invalid rows were listed on stderr as the file was read.
	for _, r := range s.Rows {
		if r.Outcome == outcomeFailed || r.Outcome == outcomeMismatch {
			fmt.Fprintf(&b, "  line %d %s: %s\n", r.Line, r.Email, r.describe())
		}
	}
	fmt.Fprintf(&b, "%d request(s) sent", s.Requests)
	if s.RateLimited > 0 {
		fmt.Fprintf(&b, ", %d of them answered 429 (rate limited)", s.RateLimited)
	}
	b.WriteString(".\n")
	if s.Interrupted {
		fmt.Fprintf(&b, "Interrupted: %d row(s) not attempted. Run the same command again to finish; rows already invited will be skipped.\n", s.NotAttempted)
	} else if s.Failed > 0 {
		b.WriteString("Run the same command again to retry the failed rows; rows already invited will be skipped.\n")
	}
	if s.Mismatch > 0 {
		fmt.Fprintf(&b, "%d row(s) have a pending invite with another role or projects, which import does not change: invites sync --file %s replaces them.\n", s.Mismatch, s.File)
	}
	if reportPath != "" {
		fmt.Fprintf(&b, "Report: %s\n", reportPath)
	}
	_, err := fmt.Fprint(a.stdout, b.String())
	return err
}
