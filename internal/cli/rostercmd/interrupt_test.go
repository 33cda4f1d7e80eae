package rostercmd_test

import (
	"net/http"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/stretchr/testify/assert"
)

// Ctrl-C while sync or import reads the members and invites: there is no
// plan yet, and the summary says so, and that nothing was sent, instead of
// a count of rows "not attempted".
func TestAnInterruptDuringTheReadsIsToldAsSuch(t *testing.T) {
	t.Parallel()
	file := clitest.WriteFile(t, "roster.csv", "email,role,projects\nada@example.com,reader,\nbob@example.com,owner,\n")
	for _, args := range [][]string{
		{"sync", "--file", file, "--yes", "--remove-members"},
		{"sync", "--file", file, "--check"},
		{"import", "--file", file},
		{"import", "--file", file, "-o", "json"},
	} {
		h := fake.NewHandler(fake.WithMembers(fake.Member{Email: "grace@example.com", Role: "owner"}, fake.Member{Email: "leaver@example.com"}))
		r := clitest.InterruptAtFirst(t, h, http.MethodGet, args...)
		assert.Equal(t, cmdutil.ExitInterrupted, r.Code, "%v: %s", args, r.Stdout+r.Stderr)
		said := r.Stdout
		if args[len(args)-1] == "json" {
			said = r.Stderr
			assert.Contains(t, r.Stdout, `"interrupted": true`)
		}
		assert.Contains(t, said, "Interrupted while reading the members and invites, before any plan: nothing was sent for "+file+".\n"+
			"Run the same command again to start over.\n", args)
		assert.NotContains(t, r.Stdout+r.Stderr, "not attempted", args)
		assert.Empty(t, h.Invites(), args)
		assert.Len(t, h.Members(), 2, args)
	}
}
