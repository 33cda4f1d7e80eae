package rostercmd_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/rostercmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// On a terminal, the bar names each kind of write as it goes out; before,
// every write read "inviting".
func TestSyncsBarNamesWhatEachWriteDoes(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := seedMembersOrg(t, srv)
	tio := clitest.NewTestIO("").Terminal()
	opts := rostercmd.SyncOptions{RosterOptions: rosterOn(tio, srv, "table", file), Yes: true, RemoveMembers: true, RevokeMissing: true,
		MaxRemovals: 5, MaxDemotions: 1}
	r := runSyncOn(t.Context(), tio, opts)
	require.Equal(t, 0, r.Code, r.Stdout+r.Stderr)
	assert.Contains(t, r.Stdout, "Plan for "+file+": 2 create, 1 revoke, 2 set-role, 1 remove,")
	for _, doing := range []string{"inviting", "revoking", "changing role", "removing"} {
		assert.Regexp(t, `\r`+doing+` +\d+% `, r.Stderr, "the bar, while a write of that kind went out")
	}
}

// Without a terminal, each wait a 429 asks for is told with its length,
// while the members and invites are read and while the writes go out.
func TestEachRateLimitLineSaysHowLongItWaits(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithFaults(fake.Faults{RateLimit: 2, RateWindow: 300 * time.Millisecond}))
	tio := clitest.NewTestIO("")
	r := runImportOn(t.Context(), tio, rostercmd.ImportOptions{RosterOptions: rosterOn(tio, srv, "table", clitest.WriteFile(t, "team.csv", teamCSV(6)))})
	require.Equal(t, 0, r.Code, r.Stdout+r.Stderr)
	waits := 0
	wait := regexp.MustCompile(`^(reading the members and invites: )?waiting \d+(\.\d)?m?s ` + regexp.QuoteMeta(cmdutil.RateLimitNotice) + `$`)
	for _, line := range clitest.Lines(r.Stderr) {
		if strings.Contains(line, "wait") {
			waits++
			assert.Regexp(t, wait, line)
		}
	}
	assert.Positive(t, waits, r.Stderr)
}
