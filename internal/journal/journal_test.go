package journal_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/journal"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var start = time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC)

// ticking is a clock that moves a second each time it is read.
func ticking() func() time.Time {
	var mu sync.Mutex
	t := start
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(time.Second)
		return t
	}
}

func sent(i int) journal.Record {
	return journal.Record{Phase: roster.WriteSent, Write: roster.CreateInvite, Kind: roster.Create, Index: i, Email: fmt.Sprintf("user%d@example.com", i), Role: "reader"}
}

func outcome(i int, o roster.Outcome) journal.Record {
	r := sent(i)
	r.Phase, r.Outcome, r.Status, r.RequestID, r.Attempts, r.InviteID = roster.WriteOutcome, o, 200, fmt.Sprintf("req_%d", i), 1, fmt.Sprintf("invite-%d", i)
	return r
}

func open(t *testing.T, path string, opts ...journal.Option) *journal.Writer {
	t.Helper()
	w, err := journal.Open(path, opts...)
	require.NoError(t, err)
	return w
}

func read(t *testing.T, path string) *journal.Log {
	t.Helper()
	log, err := journal.Read(t.Context(), path)
	require.NoError(t, err)
	return log
}

func indexes(records []journal.Record) []int {
	out := make([]int, len(records))
	for i, r := range records {
		out[i] = r.Index
	}
	return out
}

func TestAppendWritesOneWholeLinePerRecord(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state", "invites", "journal.jsonl")
	w := open(t, path, journal.WithRunID("run-1"), journal.WithClock(ticking()))
	assert.Equal(t, "run-1", w.Run())
	require.NoError(t, w.Append(sent(0)))
	require.NoError(t, w.Append(outcome(0, roster.Done)))

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, []string{ // byte for byte: the format is the journal's contract
		`{"run":"run-1","time":"2025-03-04T09:30:01Z","phase":"sent","write":"create-invite","kind":"create","index":0,"email":"user0@example.com","role":"reader"}`,
		`{"run":"run-1","time":"2025-03-04T09:30:02Z","phase":"outcome","write":"create-invite","kind":"create","index":0,"email":"user0@example.com","invite_id":"invite-0","role":"reader","outcome":"done","status":200,"request_id":"req_0","attempts":1}`,
		"",
	}, strings.Split(string(data), "\n"))
	info, err := os.Stat(path)
	require.NoError(t, err)
	if filepath.Separator == '/' {
		assert.Equal(t, fs.FileMode(0o600), info.Mode().Perm(), "the user's own")
		dir, err := os.Stat(filepath.Dir(path))
		require.NoError(t, err)
		assert.Equal(t, fs.FileMode(0o700), dir.Mode().Perm())
	}

	log := read(t, path)
	assert.Empty(t, log.Skipped)
	want := []journal.Record{sent(0), outcome(0, roster.Done)}
	for i := range want {
		want[i].Run, want[i].Time = "run-1", start.Add(time.Duration(i+1)*time.Second)
	}
	assert.Equal(t, want, log.Records)
	require.NoError(t, w.Err())
}

func TestOpenMakesARunIDAndFailsEarly(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w := open(t, filepath.Join(dir, "journal.jsonl"), journal.WithClock(func() time.Time { return start }))
	assert.Regexp(t, `^20250304T093000Z-[0-9a-f]{8}$`, w.Run())
	other := open(t, filepath.Join(dir, "journal.jsonl"), journal.WithClock(func() time.Time { return start }))
	assert.NotEqual(t, w.Run(), other.Run(), "two runs started in the same second")

	_, err := journal.Open(dir) // a directory is no journal
	require.Error(t, err)
	_, err = journal.Read(t.Context(), filepath.Join(dir, "none.jsonl"))
	require.ErrorIs(t, err, fs.ErrNotExist)
}

// A kill mid-append leaves a line without its end: never a record, said
// when read, and the next append starts on a line of its own.
func TestReadSkipsALineCutShort(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	w := open(t, path, journal.WithRunID("run-1"))
	require.NoError(t, w.Append(sent(0)))
	require.NoError(t, w.Append(outcome(0, roster.Done)))
	for _, torn := range []string{
		`{"run":"run-1","time":"2025-03-04T09:3`, // cut mid-record
		`{"run":"run-1","time":"2025-03-04T09:30:00Z","phase":"sent","write":"create-invite","kind":"create","index":9,"email":"x@example.com"}`, // whole but for its line end
	} {
		tornPath := filepath.Join(t.TempDir(), "journal.jsonl")
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(tornPath, append(data, torn...), 0o600))

		log := read(t, tornPath)
		assert.Equal(t, []int{0, 0}, indexes(log.Records), "only whole lines are records")
		require.Len(t, log.Skipped, 1)
		assert.Equal(t, 3, log.Skipped[0].Line)
		assert.Contains(t, log.Skipped[0].String(), fmt.Sprintf("journal.jsonl:3: the last line has no end (%d bytes)", len(torn)))

		next := open(t, tornPath, journal.WithRunID("run-2"))
		require.NoError(t, next.Append(sent(1)))
		log = read(t, tornPath)
		assert.Equal(t, []int{0, 0, 1}, indexes(log.Records), "the next run's record is whole")
		require.Len(t, log.Skipped, 1)
		assert.Equal(t, 3, log.Skipped[0].Line)
		assert.Equal(t, "an append cut short (the run was killed mid-write)", log.Skipped[0].Reason)
	}
}

func TestReadSkipsLinesThatAreNoRecords(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	w := open(t, path, journal.WithRunID("run-1"))
	require.NoError(t, w.Append(sent(0)))
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString("{\"run\":\"run-1\"}\r\n" + strings.Repeat("x", 100<<10) + "\n\n[1,2]\n")
	require.NoError(t, err)
	require.NoError(t, f.Close())
	require.NoError(t, w.Append(sent(1)))

	log := read(t, path)
	assert.Equal(t, []int{0, 1}, indexes(log.Records))
	var reasons []string
	for _, s := range log.Skipped {
		reasons = append(reasons, fmt.Sprint(s.Line, " ", s.Reason))
	}
	assert.Equal(t, []string{
		"2 not a journal record",
		"3 a line longer than 64 KiB",
		"5 not a journal record",
	}, reasons)
}

// A journal never grows past twice its limit: it rotates to PATH.1, and a
// read sees the newest records, in order, with no gap.
func TestRotationKeepsTheJournalBounded(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	line, err := json.Marshal(sent(10))
	require.NoError(t, err)
	limit := int64(5 * (len(line) + 80)) // about five records a file
	w := open(t, path, journal.WithRunID("run-1"), journal.WithMaxBytes(limit))
	for i := range 100 {
		require.NoError(t, w.Append(sent(i)))
		for _, p := range []string{path, path + ".1"} {
			if info, err := os.Stat(p); err == nil {
				assert.LessOrEqual(t, info.Size(), limit, "%s after record %d", p, i)
			}
		}
	}
	entries, err := os.ReadDir(filepath.Dir(path))
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	assert.Equal(t, []string{"journal.jsonl", "journal.jsonl.1", "journal.jsonl.lock"}, names)

	log := read(t, path)
	got := indexes(log.Records)
	require.NotEmpty(t, got)
	assert.Equal(t, 99, got[len(got)-1], "the newest record")
	for i := 1; i < len(got); i++ {
		assert.Equal(t, got[i-1]+1, got[i], "no gap")
	}
	assert.GreaterOrEqual(t, len(got), 5, "at least a file's worth")
	assert.Empty(t, log.Skipped)
}

// Readers see whole records in order while writers in other "processes"
// (each Writer opens and locks the file on its own) append and rotate.
func TestReadWhileOthersAppend(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	const writers, each = 3, 60
	var wg sync.WaitGroup
	for n := range writers {
		w := open(t, path, journal.WithRunID(fmt.Sprint("run-", n)), journal.WithMaxBytes(8<<10))
		wg.Go(func() {
			for i := range each {
				assert.NoError(t, w.Append(sent(i)))
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	reads := 0
	last := map[string]int{}
	for finished := false; !finished; reads++ {
		select {
		case <-done:
			finished = true
		default:
		}
		log := read(t, path)
		assert.Empty(t, log.Skipped, "read %d", reads)
		byRun := map[string][]int{}
		for _, r := range log.Records {
			byRun[r.Run] = append(byRun[r.Run], r.Index)
		}
		for run, got := range byRun {
			for i := 1; i < len(got); i++ {
				require.Equal(t, got[i-1]+1, got[i], "%s: in order, no gap (read %d)", run, reads)
			}
			assert.GreaterOrEqual(t, got[len(got)-1], last[run], "%s: never goes back", run)
			last[run] = got[len(got)-1]
		}
	}
	// Rotation drops the oldest file whole: a run is in the last read as
	// a run of records ending at its last, or not at all.
	final := read(t, path)
	ends := map[string]int{}
	for _, r := range final.Records {
		ends[r.Run] = r.Index
	}
	require.NotEmpty(t, ends)
	for run, end := range ends {
		assert.Equal(t, each-1, end, "%s: its last record is there", run)
	}
	t.Logf("%d reads while %d writers appended %d records each", reads, writers, each)
}

func TestRunsCountWhatWasSentAndWhatAnswered(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	clock := ticking()
	first := open(t, path, journal.WithRunID("run-1"), journal.WithClock(clock))
	for _, r := range []journal.Record{sent(0), outcome(0, roster.Done), sent(1), outcome(1, roster.Failed), sent(2)} {
		require.NoError(t, first.Append(r))
	}
	second := open(t, path, journal.WithRunID("run-2"), journal.WithClock(clock))
	replace := sent(5)
	replace.Write, replace.Kind, replace.InviteID = roster.DeleteInvite, roster.Replace, "invite-old"
	replaced := replace
	replaced.Phase, replaced.Outcome = roster.WriteOutcome, roster.Done
	create := sent(5) // the replace's create: same action, another write
	create.Kind = roster.Replace
	for _, r := range []journal.Record{replace, replaced, create, sent(2), outcome(2, roster.Done)} {
		require.NoError(t, second.Append(r))
	}

	log := read(t, path)
	runs := log.Runs()
	require.Len(t, runs, 2)
	one, two := runs[0], runs[1]
	assert.Equal(t, "run-1", one.ID)
	assert.Equal(t, start.Add(time.Second), one.Start)
	assert.Equal(t, start.Add(5*time.Second), one.End)
	assert.Equal(t, 3, one.Sent)
	assert.Equal(t, 2, one.Answered())
	assert.Equal(t, map[roster.Outcome]int{roster.Done: 1, roster.Failed: 1}, one.Outcomes)
	require.Len(t, one.NoOutcome, 1)
	assert.Equal(t, "user2@example.com", one.NoOutcome[0].Email)

	assert.Equal(t, 3, two.Sent)
	assert.Equal(t, map[roster.Outcome]int{roster.Done: 2}, two.Outcomes)
	require.Len(t, two.NoOutcome, 1, "the replace's create, not its delete")
	assert.Equal(t, roster.CreateInvite, two.NoOutcome[0].Write)

	assert.Equal(t, []journal.Run{two}, log.LastRuns(1))
	assert.Len(t, log.LastRuns(0), 2)
	assert.Len(t, log.LastRuns(5), 2)

	writes := log.WritesOf("run-2")
	require.Len(t, writes, 3, "in the order sent")
	assert.Equal(t, roster.DeleteInvite, writes[0].Sent.Write)
	require.NotNil(t, writes[0].Outcome)
	assert.Equal(t, roster.Done, writes[0].Outcome.Outcome)
	assert.Equal(t, roster.CreateInvite, writes[1].Sent.Write)
	assert.Nil(t, writes[1].Outcome, "the replace's create never answered")
	require.NotNil(t, writes[2].Outcome)
	assert.Equal(t, 2, writes[2].Outcome.Index)
	assert.Empty(t, log.WritesOf("run-3"))
}

// A write of project access names its project and the project role it
// sends, so that a journal line says which project a killed run touched.
func TestAProjectWriteNamesItsProject(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	w := open(t, path, journal.WithRunID("run-p"), journal.WithClock(ticking()))
	require.NoError(t, w.Observe(roster.WriteEvent{Phase: roster.WriteSent, Write: roster.AddProjectMember, Kind: roster.AddToProject,
		Email: "ada@example.com", UserID: "user-ada", ProjectID: "proj_research", ProjectRole: client.ProjectRoleOwner}))
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, []string{ // byte for byte, as the journal's contract
		`{"run":"run-p","time":"2025-03-04T09:30:01Z","phase":"sent","write":"add-project-member","kind":"add-to-project","index":0,` +
			`"email":"ada@example.com","user_id":"user-ada","project_id":"proj_research","project_role":"owner"}`,
		"",
	}, strings.Split(string(data), "\n"))
}
