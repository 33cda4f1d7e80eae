package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/stretchr/testify/assert"
)

func TestTheBarShowsThePacersWaits(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	a := &app{stderr: &lockedWriter{w: &out}, isTerminal: func(any) bool { return true }}
	relay := &waitRelay{}
	relay.hear(client.Wait{Duration: time.Second, Reason: client.WaitPace}) // before any progress: dropped
	prog := a.newProgress(3)
	relay.to.Store(&prog)
	bar := prog.(*barProgress).bar

	relay.hear(client.Wait{Duration: 1234 * time.Millisecond, Reason: client.WaitPace})
	assert.Equal(t, "pacing: next in 1.2s", bar.State().Description)
	relay.hear(client.Wait{Duration: time.Second, Reason: client.WaitBackoff})
	assert.Equal(t, "pacing: next in 1.2s", bar.State().Description, "a retry's backoff is not the pacer's")
	relay.hear(client.Wait{Reason: client.WaitLearning})
	assert.Equal(t, "pacing: next in 1.2s", bar.State().Description, "learning the pace has no length to show")
	prog.done(rowResult{})
	assert.Equal(t, barDescription, bar.State().Description)
	prog.finish()
}

func TestAnUnfinishedBarIsClearedBeforeTheSummary(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	a := &app{stderr: &lockedWriter{w: &out}, isTerminal: func(any) bool { return true }}
	prog := a.newProgress(3)
	prog.done(rowResult{})
	assert.Contains(t, out.String(), "(1/3)")
	prog.finish() // as after Ctrl-C, with two rows not attempted
	assert.Regexp(t, "\r +\r$", out.String(), "the bar's line is blanked, so the summary starts on a clean line")
}
