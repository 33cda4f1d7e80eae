package cmdutil_test

import (
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTheBarShowsTheClientsWaits(t *testing.T) {
	t.Parallel()
	tio := clitest.NewTestIO("").Terminal()
	prog := cmdutil.NewProgress(tio.IOStreams)
	prog.Waiting(client.Wait{Duration: time.Second, Reason: client.WaitPace}) // before the bar: nothing to show it on
	prog.Waiting(client.Wait{Duration: time.Second, Reason: client.WaitRateLimited})
	assert.Equal(t, cmdutil.ScanNotice+"\n", tio.Stderr.String(), "a 429 while the invites are read is told in a line")
	prog.Start(3)
	bar := cmdutil.BarOf(prog)
	require.NotNil(t, bar)

	prog.Waiting(client.Wait{Duration: 1234 * time.Millisecond, Reason: client.WaitPace})
	assert.Equal(t, "pacing: next in 1.2s", bar.State().Description)
	prog.Waiting(client.Wait{Duration: time.Second, Reason: client.WaitBackoff})
	assert.Equal(t, "pacing: next in 1.2s", bar.State().Description, "a retry's backoff is not the API's")
	prog.Waiting(client.Wait{Reason: client.WaitLearning})
	assert.Equal(t, "pacing: next in 1.2s", bar.State().Description, "learning the pace has no length to show")
	prog.Waiting(client.Wait{Duration: 700 * time.Millisecond, Reason: client.WaitRateLimited})
	assert.Equal(t, "rate limited: next in 700ms", bar.State().Description)
	prog.Done("", "")
	assert.Equal(t, cmdutil.BarDescription, bar.State().Description)
	prog.Finish()
}

func TestTheLinesTellEachRowAndEach429(t *testing.T) {
	t.Parallel()
	tio := clitest.NewTestIO("")
	prog := cmdutil.NewProgress(tio.IOStreams)
	prog.Waiting(client.Wait{Duration: time.Second, Reason: client.WaitRateLimited})
	prog.Start(2)
	prog.Waiting(client.Wait{Duration: time.Second, Reason: client.WaitPace})
	prog.Waiting(client.Wait{Duration: time.Second, Reason: client.WaitRateLimited})
	prog.Done("line 2 ada@example.com", "created invite-1 (2 attempts)")
	prog.Done("linus@example.com", "revoke failed invite-2: 500 Internal Server Error")
	prog.Finish()
	assert.Equal(t, []string{
		cmdutil.ScanNotice,
		cmdutil.RateLimitNotice,
		"[1/2] line 2 ada@example.com: created invite-1 (2 attempts)",
		"[2/2] linus@example.com: revoke failed invite-2: 500 Internal Server Error",
	}, clitest.Lines(tio.Stderr.String()), "a pacing wait, which every row has, gets no line")
}

func TestAnUnfinishedBarIsClearedBeforeTheSummary(t *testing.T) {
	t.Parallel()
	tio := clitest.NewTestIO("").Terminal()
	prog := cmdutil.NewProgress(tio.IOStreams)
	prog.Start(3)
	prog.Done("", "")
	assert.Contains(t, tio.Stderr.String(), "(1/3)")
	prog.Finish() // as after Ctrl-C, with two rows not attempted
	assert.Regexp(t, "\r +\r$", tio.Stderr.String(), "the bar's line is blanked, so the summary starts on a clean line")
}
