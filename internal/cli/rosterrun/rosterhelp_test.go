package rosterrun_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// import's and sync's help list every export roster recognises, with the
// column its emails come from and the rows it keeps, the flags that read
// other files, and roster's limits.
func TestRosterHelpSaysWhatRosterKnows(t *testing.T) {
	t.Parallel()
	for _, cmd := range []string{"import", "sync"} {
		r := clitest.CLI{}.Run(t, cmd, "--help")
		require.Equal(t, 0, r.Code, r.Stderr)
		for _, e := range rosterfile.Exports() {
			assert.Regexp(t, `(?m)^  `+regexp.QuoteMeta(string(e.Format))+`\s+`+regexp.QuoteMeta(e.Name), r.Stdout, "%s: %s", cmd, e.Format)
			kept := e.Keeps()
			assert.Contains(t, r.Stdout, fmt.Sprintf("email from %q", e.Email[0]), "%s: %s", cmd, e.Format)
			assert.Contains(t, r.Stdout, "; kept: "+kept+"\n", "%s: %s", cmd, e.Format)
		}
		for _, flag := range []string{"--email-column NAME", "--role-column NAME", "--projects-column NAME", "--default-role ROLE", "--where COLUMN=VALUE", "--owner-where COLUMN=VALUE", "--delimiter SEPARATOR"} {
			assert.Regexp(t, `(?m)^\s+`+regexp.QuoteMeta(flag)+`\s`, r.Stdout, "%s: %s", cmd, flag)
		}
		assert.Contains(t, r.Stdout, fmt.Sprintf("at most %d project\ngrants a row, project IDs of at most %d bytes, at most %d rows of at most\n%d MiB each.",
			rosterfile.MaxProjectGrants, rosterfile.MaxProjectIDLength, rosterfile.MaxRows, rosterfile.MaxRowBytes/(1<<20)), cmd)
		assert.Contains(t, r.Stdout, "with the outcome skipped.", cmd)
		assert.Contains(t, r.Stdout, "Roles come from the file, or are not managed.", cmd)
		assert.Contains(t, r.Stdout, "not read as reader: its member keeps the role they have, and only a new\ninvite gets one, --default-role (reader unless said).", cmd)
	}
}
