package journal_test

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/journal"
	"github.com/goinvites/invites/internal/writetest"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// maxChildAppends bounds the append child, so that it ends by itself
// should its parent never kill it.
const maxChildAppends = 10_000

// appendChild appends records to the journal at path, saying on stdout
// "appended N" after each one is synced, until it is killed.
func appendChild(path string) error {
	w, err := journal.Open(path, journal.WithRunID("child"))
	if err != nil {
		return err
	}
	for i := range maxChildAppends {
		if err := w.Append(sent(i)); err != nil {
			return err
		}
		if _, err := fmt.Printf("appended %d\n", i); err != nil {
			return err
		}
	}
	return nil
}

// child starts this test binary as the given child, with env, and returns
// its stdout, one report a line.
func child(t *testing.T, name string, env ...string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), append(env, childEnv+"="+name)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	return cmd, bufio.NewScanner(out)
}

// kill ends cmd with SIGKILL (TerminateProcess on Windows) and reaps it.
func kill(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	require.NoError(t, cmd.Process.Kill())
	err := cmd.Wait()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "killed, not finished")
}

// A writer killed while it appends leaves every record it said it had
// written, whole and in order, and at most one line cut short, which no
// reader takes for a record; the next run appends after it.
func TestAKilledWriterLeavesATrueJournal(t *testing.T) {
	t.Parallel()
	for _, after := range []int{0, 7, 60} {
		t.Run(fmt.Sprint("killed after ", after+1, " appends"), func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "journal.jsonl")
			cmd, out := child(t, "append", pathEnv+"="+path)
			reported := -1
			for reported < after && out.Scan() {
				_, err := fmt.Sscanf(out.Text(), "appended %d", &reported)
				require.NoError(t, err)
			}
			kill(t, cmd)
			require.Equal(t, after, reported)

			log := read(t, path)
			got := indexes(log.Records)
			require.GreaterOrEqual(t, len(got), after+1, "every append the child reported")
			for i, n := range got {
				require.Equal(t, i, n, "in order, none lost")
			}
			assert.LessOrEqual(t, len(log.Skipped), 1, "at most the append the kill cut")
			for _, r := range log.Records {
				assert.Equal(t, sent(r.Index).Email, r.Email, "whole records only")
			}
			t.Logf("%d records after %d reported; skipped: %v", len(got), after+1, log.Skipped)

			w := open(t, path, journal.WithRunID("next"))
			require.NoError(t, w.Append(sent(0)))
			again := read(t, path)
			assert.Equal(t, log.Records, again.Records[:len(log.Records)])
			assert.Equal(t, "next", again.Records[len(again.Records)-1].Run)
		})
	}
}

// The organization the sync child works on, and the roster it syncs to.
var (
	syncMembers = []fake.Member{
		{ID: "user-boss", Email: "boss@example.com", Role: "owner"},
		{ID: "user-dev", Email: "dev@example.com", Role: "reader"},
		{ID: "user-leaver", Email: "leaver@example.com", Role: "reader"},
	}
	syncEntries = []rosterfile.Entry{
		{Email: "boss@example.com", Role: client.RoleOwner},
		{Email: "dev@example.com", Role: client.RoleOwner},
		{Email: "role@example.com", Role: client.RoleOwner},
		{Email: "a@example.com", Role: client.RoleReader},
		{Email: "b@example.com", Role: client.RoleReader},
		{Email: "c@example.com", Role: client.RoleReader},
		{Email: "d@example.com", Role: client.RoleReader},
		{Email: "e@example.com", Role: client.RoleOwner},
	}
	syncOptions = roster.PlanOptions{RevokeMissing: true, RemoveMembers: true}
)

// syncChild plans from a fresh read and applies, journaling every write to
// path, and says on stdout "sent" or "outcome" after each record is
// synced, until it has applied all ("finished") or is killed.
func syncChild(path, url, key string) error {
	ctx := context.Background()
	c, err := client.New(client.WithoutEnvironment(), client.WithAPIKey(key), client.WithBaseURL(url))
	if err != nil {
		return err
	}
	w, err := journal.Open(path)
	if err != nil {
		return err
	}
	org, err := roster.ReadOrg(ctx, c)
	if err != nil {
		return err
	}
	observe := func(ev roster.WriteEvent) error {
		if err := w.Observe(ev); err != nil {
			return err
		}
		_, err := fmt.Println(ev.Phase)
		return err
	}
	for r := range roster.Apply(ctx, c, roster.Plan(syncEntries, org, syncOptions), roster.ApplyOptions{Limits: roster.Limits{MaxRemovals: 1, MaxDemotions: 1}, Observe: observe}) {
		if r.Err != nil {
			return fmt.Errorf("%s %s: %w", r.Action.Kind, r.Action.Email, r.Err)
		}
	}
	_, err = fmt.Println("finished")
	return err
}

// A sync under faults, killed at several points, leaves a journal with a
// sent record for every write the server received and an outcome record
// only after its sent one; and a run after the kills converges.
func TestASyncKilledMidwayLeavesASentRecordOfEveryWriteReceived(t *testing.T) {
	t.Parallel()
	h := fake.NewHandler(fake.WithMembers(syncMembers...))
	var mu sync.Mutex
	var received []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key, err := writetest.Of(r)
		assert.NoError(t, err)
		if key != "" {
			mu.Lock()
			received = append(received, key)
			mu.Unlock()
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(client.WithoutEnvironment(), client.WithAPIKey(h.Key()), client.WithBaseURL(srv.URL+"/v1"))
	require.NoError(t, err)
	_, _, err = c.Invites.Create(t.Context(), client.CreateParams{Email: "role@example.com", Role: client.RoleReader})
	require.NoError(t, err)
	mu.Lock()
	received = nil // the seeding's create is no run's
	mu.Unlock()

	path := filepath.Join(t.TempDir(), "journal.jsonl")
	env := []string{pathEnv + "=" + path, urlEnv + "=" + srv.URL + "/v1", keyEnv + "=" + h.Key()}
	// Each run plans what the ones before left, and is killed after it
	// reports its nth record of a phase: as a write goes out, or as the
	// next one does after an answer. The second create the server gets is
	// applied and its answer lost.
	h.FailNthAt(fake.EndpointCreateInvite, fake.FaultAmbiguousDrop, 2)
	for _, killAt := range []struct {
		phase roster.Phase
		nth   int
	}{{roster.WriteSent, 1}, {roster.WriteOutcome, 2}, {roster.WriteSent, 3}} {
		cmd, out := child(t, "sync", env...)
		for seen := 0; seen < killAt.nth && out.Scan(); {
			require.NotEqual(t, "finished", out.Text(), "the run finished before its kill")
			if out.Text() == string(killAt.phase) {
				seen++
			}
		}
		kill(t, cmd)
	}
	cmd, out := child(t, "sync", env...)
	var last string
	for out.Scan() {
		last = out.Text()
	}
	require.NoError(t, cmd.Wait())
	assert.Equal(t, "finished", last)

	log := read(t, path)
	sentBy := map[string]bool{}
	for _, run := range log.Runs() {
		t.Logf("run %s: %d sent, %d with an outcome %v, %d without", run.ID, run.Sent, run.Answered(), run.Outcomes, len(run.NoOutcome))
	}
	open := map[string]bool{} // run and write of each sent record
	for _, r := range log.Records {
		name := writetest.Name(r.Write, r.Email, r.InviteID, r.UserID)
		if r.Phase == roster.WriteSent {
			sentBy[name] = true
			open[r.Run+" "+fmt.Sprint(r.Index, r.Write)] = true
			continue
		}
		assert.True(t, open[r.Run+" "+fmt.Sprint(r.Index, r.Write)], "an outcome after its sent record: %+v", r)
		assert.Equal(t, roster.Done, r.Outcome, "%+v", r)
	}
	mu.Lock()
	defer mu.Unlock()
	require.NotEmpty(t, received)
	for _, key := range received {
		assert.True(t, sentBy[key], "the server received %q, which the journal holds no sent record of", key)
	}
	assert.Empty(t, log.Skipped)
	runs := log.Runs()
	require.Len(t, runs, 4, "one a child: the kills leave the last at least two of the nine writes")
	assert.Empty(t, runs[3].NoOutcome, "the last run finished")

	org, err := roster.ReadOrg(t.Context(), c)
	require.NoError(t, err)
	for _, a := range roster.Plan(syncEntries, org, syncOptions) {
		assert.False(t, a.Kind.Writes(), "converged: %s %s (%s)", a.Kind, a.Email, a.Reason)
	}
	for _, e := range syncEntries[3:] {
		assert.Equal(t, 1, h.CreatedFor(e.Email), "%s: no duplicate invite, kills or not", e.Email)
	}
	assert.Contains(t, received, "remove-member user-leaver")
	assert.Equal(t, 1, h.Stats().CountAt(fake.EndpointCreateInvite, 0), "the create whose answer was lost")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotContains(t, string(data), h.Key(), "never the key")
}
