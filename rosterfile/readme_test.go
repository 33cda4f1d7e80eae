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
// format has a row naming its signature, email and status columns and the
// value kept.
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
		for _, name := range append(append(e.Signature, e.Email...), e.Status, e.Active) {
			if name != "" {
				assert.Contains(t, row, "`"+name+"`", "%s", e.Format)
			}
		}
	}
}
