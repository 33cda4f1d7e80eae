package journal_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The README's journal example is a journal Read takes whole, and says
// what the README says of it: a write sent and never answered.
func TestREADMEShowsAJournal(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	_, block, ok := strings.Cut(string(readme), "```jsonl\n")
	require.True(t, ok, "no jsonl block in the README")
	block, _, ok = strings.Cut(block, "```")
	require.True(t, ok)
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(block), 0o600))

	log := read(t, path)
	assert.Empty(t, log.Skipped)
	assert.Len(t, log.Records, strings.Count(block, "\n"))
	runs := log.Runs()
	require.Len(t, runs, 1)
	assert.Equal(t, 2, runs[0].Sent)
	assert.Equal(t, map[roster.Outcome]int{roster.Done: 1}, runs[0].Outcomes)
	require.Len(t, runs[0].NoOutcome, 1)
	assert.Equal(t, roster.DeleteInvite, runs[0].NoOutcome[0].Write)
}
