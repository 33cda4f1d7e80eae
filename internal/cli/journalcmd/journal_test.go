package journalcmd_test

import (
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/fakecmd"
	"github.com/goinvites/invites/internal/cli/journalcmd"
	"github.com/goinvites/invites/internal/journal"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// start is when the journal of threeRuns begins: its records are a
// second apart.
var start = time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)

func sent(i int, w roster.Write, email string) journal.Record {
	r := journal.Record{Phase: roster.WriteSent, Write: w, Kind: roster.Create, Index: i, Email: email, Role: client.RoleReader}
	switch w {
	case roster.DeleteInvite:
		r.Kind, r.InviteID, r.Role = roster.Revoke, "invite-"+strings.Split(email, "@")[0], ""
	case roster.RemoveMember:
		r.Kind, r.UserID, r.Role = roster.Remove, "user-"+strings.Split(email, "@")[0], ""
	}
	return r
}

func answered(r journal.Record, o roster.Outcome, status int) journal.Record {
	r.Phase, r.Outcome, r.Status, r.RequestID, r.Attempts = roster.WriteOutcome, o, status, fmt.Sprintf("req_%d", r.Index), 1
	if r.Write == roster.CreateInvite && o == roster.Done {
		r.InviteID = "invite-new" + fmt.Sprint(r.Index)
	}
	return r
}

// threeRuns writes a journal of three runs: one whole, one killed as its
// removal went out, one whose create failed; and returns its path.
func threeRuns(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	at := start
	ada, bob, leaver, cy := sent(0, roster.CreateInvite, "ada@example.com"), sent(1, roster.DeleteInvite, "bob@example.com"),
		sent(2, roster.RemoveMember, "leaver@example.com"), sent(0, roster.CreateInvite, "cy@example.com")
	for _, run := range []struct {
		id      string
		records []journal.Record
	}{
		{"run-1", []journal.Record{ada, answered(ada, roster.Done, 200), bob, answered(bob, roster.Done, 200)}},
		{"run-2", []journal.Record{bob, answered(bob, roster.Done, 200), leaver}},
		{"run-3", []journal.Record{cy, answered(cy, roster.Failed, 403)}},
	} {
		w, err := journal.Open(path, journal.WithRunID(run.id))
		require.NoError(t, err)
		for _, r := range run.records {
			at = at.Add(time.Second)
			r.Time = at
			require.NoError(t, w.Append(r))
		}
	}
	return path
}

func runJournal(t *testing.T, opts journalcmd.JournalOptions) clitest.Result {
	t.Helper()
	tio := clitest.NewTestIO("")
	opts.IO = tio.IOStreams
	if opts.Output == "" {
		opts.Output = "table"
	}
	if opts.Last == 0 {
		opts.Last = 10
	}
	return tio.ResultOf(t.Context(), journalcmd.RunJournal(t.Context(), &opts))
}

func TestJournalShowsTheLastRuns(t *testing.T) {
	t.Parallel()
	path := threeRuns(t)

	r := runJournal(t, journalcmd.JournalOptions{Path: path})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "RUN    STARTED (UTC)     SENT  ANSWERED  DONE  FAILED  NOT ATTEMPTED  NO ANSWER\n"+
		"run-1  2025-03-04 09:30  2     2         2     0       0              0\n"+
		"run-2  2025-03-04 09:30  2     1         1     0       0              1\n"+
		"run-3  2025-03-04 09:30  1     1         0     1       0              0\n"+
		"3 of 3 run(s) in "+path+".\n"+
		"Run run-2: 1 write(s) sent and never answered: the run ended before they did, and they may or may not have been applied; "+
		"planning again (sync --dry-run) shows what is left. invites journal --run run-2 lists them.\n", r.Stdout)
	assert.Empty(t, r.Stderr)

	r = runJournal(t, journalcmd.JournalOptions{Path: path, Last: 2, Output: "json"})
	require.Equal(t, 0, r.Code, r.Stderr)
	runs := clitest.DecodeJSON[[]journalcmd.RunOut](t, r)
	require.Len(t, runs, 2, "the last two, oldest first")
	assert.Equal(t, journalcmd.RunOut{Run: "run-2", Started: start.Add(5 * time.Second), Ended: start.Add(7 * time.Second), Sent: 2, Answered: 1,
		Outcomes: map[roster.Outcome]int{roster.Done: 1}, NoAnswer: 1}, runs[0])
	assert.Equal(t, "run-3", runs[1].Run)

	r = runJournal(t, journalcmd.JournalOptions{Path: path, Output: "csv"})
	require.Equal(t, 0, r.Code, r.Stderr)
	rows, err := csv.NewReader(strings.NewReader(r.Stdout)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, [][]string{
		{"run", "started", "ended", "sent", "answered", "done", "failed", "not_attempted", "no_answer"},
		{"run-1", "2025-03-04T09:30:01Z", "2025-03-04T09:30:04Z", "2", "2", "2", "0", "0", "0"},
		{"run-2", "2025-03-04T09:30:05Z", "2025-03-04T09:30:07Z", "2", "1", "1", "0", "0", "1"},
		{"run-3", "2025-03-04T09:30:08Z", "2025-03-04T09:30:09Z", "1", "1", "0", "1", "0", "0"},
	}, rows)
}

func TestJournalListsTheWritesOfOneRun(t *testing.T) {
	t.Parallel()
	path := threeRuns(t)

	r := runJournal(t, journalcmd.JournalOptions{Path: path, Run: "run-2"})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "SENT (UTC)        WRITE          KIND    EMAIL               ID           ROLE  OUTCOME    STATUS  ATTEMPTS  REQUEST ID\n"+
		"2025-03-04 09:30  delete-invite  revoke  bob@example.com     invite-bob   -     done       200     1         req_1\n"+
		"2025-03-04 09:30  remove-member  remove  leaver@example.com  user-leaver  -     no answer  -       -         -\n"+
		"Run run-2: 2 write(s) sent, 1 never answered.\n"+
		"A write never answered may or may not have been applied: planning again (sync --dry-run) shows what is left.\n", r.Stdout)

	r = runJournal(t, journalcmd.JournalOptions{Path: path, Run: "run-2", Output: "json"})
	require.Equal(t, 0, r.Code, r.Stderr)
	writes := clitest.DecodeJSON[[]journalcmd.WriteOut](t, r)
	require.Len(t, writes, 2)
	answeredAt := start.Add(6 * time.Second)
	assert.Equal(t, journalcmd.WriteOut{Run: "run-2", Index: 1, Write: roster.DeleteInvite, Kind: roster.Revoke, Email: "bob@example.com",
		InviteID: "invite-bob", SentAt: start.Add(5 * time.Second), AnsweredAt: &answeredAt, Outcome: roster.Done, Status: 200, RequestID: "req_1", Attempts: 1}, writes[0])
	assert.Nil(t, writes[1].AnsweredAt)
	assert.Empty(t, writes[1].Outcome)

	r = runJournal(t, journalcmd.JournalOptions{Path: path, Run: "last", Output: "csv"})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "run,index,write,kind,email,invite_id,user_id,role,sent_at,answered_at,outcome,status,request_id,attempts\n"+
		"run-3,0,create-invite,create,cy@example.com,,,reader,2025-03-04T09:30:08Z,2025-03-04T09:30:09Z,failed,403,req_0,1\n", r.Stdout)

	r = runJournal(t, journalcmd.JournalOptions{Path: path, Run: "run-9"})
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	require.EqualError(t, r.Err, "no run run-9 in "+path+": invites journal lists the runs")
}

// A last line a kill cut short is said and skipped, not an error; a
// journal that is not there is one.
func TestJournalSaysWhatItCannotRead(t *testing.T) {
	t.Parallel()
	path := threeRuns(t)
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"run":"run-4","time":"2025-03-04T09:31:00Z","phase":"se`)
	require.NoError(t, errors.Join(err, f.Close()))

	r := runJournal(t, journalcmd.JournalOptions{Path: path})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, path+":10: the last line has no end (56 bytes): an append cut short or under way, skipped\n", r.Stderr)
	assert.Contains(t, r.Stdout, "3 of 3 run(s) in "+path+".\n")

	missing := filepath.Join(t.TempDir(), "journal.jsonl")
	r = runJournal(t, journalcmd.JournalOptions{Path: missing})
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	require.EqualError(t, r.Err, "no journal at "+missing+": nothing has been journaled there yet (import and sync journal what they send; --journal FILE reads another)")

	empty := clitest.WriteFile(t, "journal.jsonl", "")
	r = runJournal(t, journalcmd.JournalOptions{Path: empty})
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "No runs in "+empty+".\n", r.Stdout)

	r = runJournal(t, journalcmd.JournalOptions{Path: empty, Last: -1})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
}

// The journal is read while a run appends to it: each read sees whole
// records only, and never fewer than the read before.
func TestJournalIsReadWhileARunAppends(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	w, err := journal.Open(path, journal.WithRunID("busy"))
	require.NoError(t, err)
	const writes = 50
	// The run waits, between a write's two records, for a read to start:
	// every read overlaps appends.
	reading := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		for i := range writes {
			r := sent(i, roster.CreateInvite, fmt.Sprintf("p%d@example.com", i))
			if err := w.Append(r); err != nil {
				done <- err
				return
			}
			select {
			case <-reading:
			case <-t.Context().Done():
			}
			if err := w.Append(answered(r, roster.Done, 200)); err != nil {
				done <- err
				return
			}
		}
		done <- nil
	}()
	last, reads := 0, 0
	for finished := false; !finished; {
		select { // a read as each write is between its records, and one after the run
		case reading <- struct{}{}:
		case err := <-done:
			require.NoError(t, err)
			finished = true
		}
		r := runJournal(t, journalcmd.JournalOptions{Path: path, Output: "json"})
		require.Equal(t, 0, r.Code, r.Stderr)
		assert.Empty(t, r.Stderr, "no line read half-written")
		runs := clitest.DecodeJSON[[]journalcmd.RunOut](t, r)
		require.Len(t, runs, 1)
		require.GreaterOrEqual(t, runs[0].Sent, last, "never fewer than before")
		assert.LessOrEqual(t, runs[0].NoAnswer, 1, "at most the write between its two records")
		last = runs[0].Sent
		reads++
	}
	assert.Equal(t, writes, last, "the read after the run ended sees all of it")
	assert.Equal(t, writes+1, reads, "a read during each write, and one after")
	t.Logf("%d reads while %d writes were journaled", reads, writes)
}

// What sync journals, journal shows, through the same default; and --fake
// keeps a journal of its own, beside it.
func TestJournalShowsWhatSyncJournaled(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	srv := fake.NewServer(t)
	c := clitest.On(srv).With(cmdutil.JournalEnv, filepath.Join(dir, "journal.jsonl"))
	file := clitest.WriteFile(t, "roster.csv", "email,role\nada@example.com,reader\nbob@example.com,owner\n")
	require.Equal(t, 0, c.Run(t, "sync", "--file", file, "--yes").Code)

	r := c.Run(t, "journal", "-o", "json")
	require.Equal(t, 0, r.Code, r.Stderr)
	runs := clitest.DecodeJSON[[]journalcmd.RunOut](t, r)
	require.Len(t, runs, 1)
	assert.Equal(t, 2, runs[0].Sent)
	assert.Equal(t, map[roster.Outcome]int{roster.Done: 2}, runs[0].Outcomes)

	offline := c.With(fakecmd.StateEnv, filepath.Join(dir, "fake-state.json"))
	r = offline.Run(t, "--fake", "sync", "--file", file, "--yes")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, "Journal: "+filepath.Join(dir, "fake-journal.jsonl")+", run ")
	r = offline.Run(t, "--fake", "journal", "-o", "json")
	require.Equal(t, 0, r.Code, r.Stderr)
	require.Len(t, clitest.DecodeJSON[[]journalcmd.RunOut](t, r), 1, "the fake's run, in its own journal")
	r = c.Run(t, "journal", "-o", "json")
	require.Len(t, clitest.DecodeJSON[[]journalcmd.RunOut](t, r), 1, "and not in the organization's")

	r = c.Run(t, "journal", "--journal", "")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Equal(t, "invites: --journal \"\": give a FILE\n", r.Stderr)
}
