package main

import (
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTheBarShowsTheClientsWaits(t *testing.T) {
	t.Parallel()
	tio := newTestIO("").terminal()
	prog := newProgress(tio.IOStreams)
	prog.waiting(client.Wait{Duration: time.Second, Reason: client.WaitPace}) // before the bar: nothing to show it on
	prog.waiting(client.Wait{Duration: time.Second, Reason: client.WaitRateLimited})
	assert.Equal(t, scanNotice+"\n", tio.stderr.String(), "a 429 while the invites are read is told in a line")
	prog.start(3)
	bar := prog.(*barProgress).bar
	require.NotNil(t, bar)

	prog.waiting(client.Wait{Duration: 1234 * time.Millisecond, Reason: client.WaitPace})
	assert.Equal(t, "pacing: next in 1.2s", bar.State().Description)
	prog.waiting(client.Wait{Duration: time.Second, Reason: client.WaitBackoff})
	assert.Equal(t, "pacing: next in 1.2s", bar.State().Description, "a retry's backoff is not the API's")
	prog.waiting(client.Wait{Reason: client.WaitLearning})
	assert.Equal(t, "pacing: next in 1.2s", bar.State().Description, "learning the pace has no length to show")
	prog.waiting(client.Wait{Duration: 700 * time.Millisecond, Reason: client.WaitRateLimited})
	assert.Equal(t, "rate limited: next in 700ms", bar.State().Description)
	prog.done(actionRow{})
	assert.Equal(t, barDescription, bar.State().Description)
	prog.finish()
}

func TestTheLinesTellEachRowAndEach429(t *testing.T) {
	t.Parallel()
	tio := newTestIO("")
	prog := newProgress(tio.IOStreams)
	prog.waiting(client.Wait{Duration: time.Second, Reason: client.WaitRateLimited})
	prog.start(2)
	prog.waiting(client.Wait{Duration: time.Second, Reason: client.WaitPace})
	prog.waiting(client.Wait{Duration: time.Second, Reason: client.WaitRateLimited})
	prog.done(actionRow{Line: 2, Email: "ada@example.com", Action: "create", Outcome: "done", NewInviteID: "invite-1", detail: "2 attempts"})
	prog.done(actionRow{Email: "linus@example.com", Action: "revoke", Outcome: "failed", InviteID: "invite-2", Error: "500 Internal Server Error"})
	prog.finish()
	assert.Equal(t, []string{
		scanNotice,
		rateLimitNotice,
		"[1/2] line 2 ada@example.com: created invite-1 (2 attempts)",
		"[2/2] linus@example.com: revoke failed invite-2: 500 Internal Server Error",
	}, lines(tio.stderr.String()), "a pacing wait, which every row has, gets no line")
}

func TestAnUnfinishedBarIsClearedBeforeTheSummary(t *testing.T) {
	t.Parallel()
	tio := newTestIO("").terminal()
	prog := newProgress(tio.IOStreams)
	prog.start(3)
	prog.done(actionRow{})
	assert.Contains(t, tio.stderr.String(), "(1/3)")
	prog.finish() // as after Ctrl-C, with two rows not attempted
	assert.Regexp(t, "\r +\r$", tio.stderr.String(), "the bar's line is blanked, so the summary starts on a clean line")
}
