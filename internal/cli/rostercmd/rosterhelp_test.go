package rostercmd_test

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/roster"
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
		for _, e := range roster.Exports() {
			assert.Regexp(t, `(?m)^  `+regexp.QuoteMeta(string(e.Format))+`\s+`+regexp.QuoteMeta(e.Name), r.Stdout, "%s: %s", cmd, e.Format)
			kept := "every row"
			if e.Status != "" {
				kept = fmt.Sprintf("%q is %s", e.Status, e.Active)
			}
			assert.Contains(t, r.Stdout, fmt.Sprintf("email from %q", e.Email[0]), "%s: %s", cmd, e.Format)
			assert.Contains(t, r.Stdout, "; kept: "+kept+"\n", "%s: %s", cmd, e.Format)
		}
		for _, flag := range []string{"--email-column NAME", "--role-column NAME", "--projects-column NAME", "--default-role ROLE", "--where COLUMN=VALUE", "--delimiter SEPARATOR"} {
			assert.Regexp(t, `(?m)^\s+`+regexp.QuoteMeta(flag)+`\s`, r.Stdout, "%s: %s", cmd, flag)
		}
		assert.Contains(t, r.Stdout, fmt.Sprintf("at most %d project\ngrants a row, project IDs of at most %d bytes, at most %d rows of at most\n%d MiB each.",
			roster.MaxProjectGrants, roster.MaxProjectIDLength, roster.MaxRows, roster.MaxRowBytes/(1<<20)), cmd)
		assert.Contains(t, r.Stdout, "with the outcome skipped.", cmd)
	}
}
