package cmdutil_test

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The bar names the write under way and counts the API's waits down, in
// the bubble's fake time: no test waits for real.
func TestTheBarNamesEachWriteAndCountsWaitsDown(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		tio := clitest.NewTestIO("").Terminal()
		prog := cmdutil.NewProgress(tio.IOStreams)
		prog.Waiting(client.Wait{Duration: time.Second, Reason: client.WaitPace}) // before the bar: nothing to show it on
		prog.Waiting(client.Wait{Duration: 6937 * time.Millisecond, Reason: client.WaitRateLimited})
		assert.Equal(t, cmdutil.ReadingNotice+"waiting 6.9s "+cmdutil.RateLimitNotice+"\n", tio.Stderr.String(),
			"a 429 while the members and invites are read is told in a line, with its length")
		prog.Start(3)
		bar := cmdutil.BarOf(prog)
		require.NotNil(t, bar)
		description := func() string { synctest.Wait(); return bar.State().Description }

		prog.Sending("revoking")
		assert.Equal(t, "revoking", description())
		prog.Waiting(client.Wait{Duration: 6900 * time.Millisecond, Reason: client.WaitPace})
		assert.Equal(t, "revoking in 6.9s", description())
		time.Sleep(time.Second)
		assert.Equal(t, "revoking in 5.9s", description(), "counted down")
		prog.Waiting(client.Wait{Duration: time.Second, Reason: client.WaitBackoff})
		prog.Waiting(client.Wait{Reason: client.WaitLearning})
		assert.Equal(t, "revoking in 5.9s", description(), "a retry's backoff is not the API's, and learning the pace has no length")
		prog.Sending("changing role")
		assert.Equal(t, "changing role in 5.9s", description())
		time.Sleep(5900 * time.Millisecond)
		assert.Equal(t, "changing role", description(), "the wait over, the write under way")
		prog.Done("", "")

		prog.Waiting(client.Wait{Duration: 2 * time.Second, Reason: client.WaitRateLimited})
		assert.Equal(t, "changing role in 2.0s (429)", description())
		time.Sleep(1300 * time.Millisecond)
		assert.Equal(t, "changing role in 0.7s (429)", description())
		time.Sleep(time.Second)
		prog.Sending("removing")
		assert.Equal(t, "removing", description())
		prog.Waiting(client.Wait{Duration: 90 * time.Second, Reason: client.WaitRateLimited})
		assert.Equal(t, "removing in 1m30s (429)", description())
		prog.Done("", "")
		prog.Finish() // ends the countdown, or the bubble would never end
	})
}

func TestTheLinesTellEachRowAndEach429WithItsLength(t *testing.T) {
	t.Parallel()
	tio := clitest.NewTestIO("")
	prog := cmdutil.NewProgress(tio.IOStreams)
	prog.Waiting(client.Wait{Duration: 6937 * time.Millisecond, Reason: client.WaitRateLimited})
	prog.Start(2)
	prog.Sending("inviting")
	prog.Waiting(client.Wait{Duration: time.Second, Reason: client.WaitPace})
	prog.Waiting(client.Wait{Duration: 1250 * time.Millisecond, Reason: client.WaitRateLimited})
	prog.Done("line 2 ada@example.com", "created invite-1 (2 attempts)")
	prog.Sending("revoking")
	prog.Done("linus@example.com", "revoke failed invite-2: 500 Internal Server Error")
	prog.Finish()
	assert.Equal(t, []string{
		"reading the members and invites: waiting 6.9s for the rate limit (429), as the API asks",
		"waiting 1.3s for the rate limit (429), as the API asks",
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
