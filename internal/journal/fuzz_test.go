package journal_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goinvites/invites/internal/journal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzRead: no file makes Read panic, every record it returns is one a
// Writer could have written, and only lines ending in a line end are
// records.
func FuzzRead(f *testing.F) {
	f.Add(`{"run":"r","time":"2025-03-04T09:30:00Z","phase":"sent","write":"create-invite","kind":"create","index":0,"email":"a@b.co"}` + "\n")
	f.Add(`{"run":"r","time":"2025-03-04T09:30:00Z","phase":"outcome","write":"create-invite"} [cut short]` + "\n{}\n\n")
	f.Add(`{"run":"r","time":"2025-03-04T09:30:00Z","phase":"sent","write":"delete-invite"}`)
	f.Fuzz(func(t *testing.T, in string) {
		path := filepath.Join(t.TempDir(), "journal.jsonl")
		require.NoError(t, os.WriteFile(path, []byte(in), 0o600))
		log, err := journal.Read(t.Context(), path)
		require.NoError(t, err)
		assert.LessOrEqual(t, len(log.Records)+len(log.Skipped), strings.Count(in, "\n")+1)
		for _, r := range log.Records {
			assert.NotEmpty(t, r.Run)
			assert.False(t, r.Time.IsZero())
		}
		if !strings.Contains(in, "\n") {
			assert.Empty(t, log.Records, "a line without its end is no record")
		}
		_ = log.Runs()
	})
}
