package roster_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
)

// workspaceExport is a Google Workspace user download of n people with the
// 35 columns of rosterfile's testdata/google-workspace.csv, one in ten suspended, and a
// pending invite for every other person (the suspended ones among them).
func workspaceExport(b *testing.B, n int) ([]byte, []client.Invite) {
	b.Helper()
	sample, err := os.ReadFile(filepath.Join("..", "rosterfile", "testdata", "google-workspace.csv"))
	if err != nil {
		b.Fatal(err)
	}
	header, err := csv.NewReader(bytes.NewReader(sample)).Read()
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	_ = w.Write(header)
	var invites []client.Invite
	rec := make([]string, len(header))
	for i := range n {
		email := fmt.Sprintf("user%05d@example.com", i)
		status := "Active"
		if i%10 == 0 {
			status = "Suspended"
		}
		for j := range rec {
			rec[j] = fmt.Sprintf("value %d", j)
		}
		rec[0], rec[1], rec[2], rec[3] = "First", fmt.Sprintf("Last %d", i), email, "****"
		rec[14] = "1 Main Street\nSpringfield, ST" // a quoted cell with a comma and a line break
		rec[27], rec[28] = status, "2026/08/30 09:12:33"
		_ = w.Write(rec)
		if i%2 == 0 {
			invites = append(invites, client.Invite{ID: fmt.Sprintf("invite-%d", i), Email: email, Role: client.RoleReader, Status: client.StatusPending})
		}
	}
	w.Flush()
	return buf.Bytes(), invites
}

// BenchmarkReadWorkspace5000 reads and plans a 5,000-row, 35-column
// Workspace export, against encoding/csv reading the same bytes as the
// baseline: compare the ns/op of the sub-benchmarks.
func BenchmarkReadWorkspace5000(b *testing.B) {
	data, invites := workspaceExport(b, 5000)
	b.Run("baseline=encoding-csv-ReadAll", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := csv.NewReader(bytes.NewReader(data)).ReadAll(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Read", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := rosterfile.Read(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Read+Plan", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			f, err := rosterfile.Read(bytes.NewReader(data))
			if err != nil {
				b.Fatal(err)
			}
			if len(f.Rows) != 4500 || len(f.Skipped) != 500 {
				b.Fatalf("%d rows, %d skipped", len(f.Rows), len(f.Skipped))
			}
			if actions := roster.Plan(f.Entries(), roster.Org{Invites: invites}, roster.PlanOptions{RevokeMissing: true}); len(actions) != 4500+500 { // each suspended person's pending invite is revoked
				b.Fatalf("%d actions", len(actions))
			}
		}
	})
}
