package rosterfile_test

import (
	"os"
	"strings"
	"testing"

	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The README's table of recognised formats says what Exports does: each
// format has a row naming its signature and email columns, and each column
// its defaults filter with the values kept and those left out, in the case
// the system writes them.
func TestREADMEListsTheExports(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	for _, e := range rosterfile.Exports() {
		var row string
		for line := range strings.Lines(string(readme)) {
			if strings.HasPrefix(line, "| ") && strings.Contains(line, "(`"+string(e.Format)+"`)") {
				row = line
				break
			}
		}
		require.NotEmpty(t, row, "no README row for %s", e.Format)
		names := append(e.Signature, e.Email...)
		for _, d := range e.Default {
			names = append(append(append(names, d.Column), d.Values...), d.Others...)
		}
		for _, name := range names {
			assert.Contains(t, row, "`"+name+"`", "%s", e.Format)
		}
	}
}
