package rostercmd_test

import (
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/rostercmd"
	"github.com/goinvites/invites/internal/cli/rosterrun"
	"github.com/goinvites/invites/internal/journal"
	"github.com/goinvites/invites/internal/writetest"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// journalOrg seeds w as the journal tests' organization and returns the
// roster that, with --remove-members, plans a write of every kind: a
// promotion, a replace (a delete, then a create), five creates and a
// removal.
func journalOrg(t *testing.T, w *writeServer) string {
	t.Helper()
	addMembers(t, w.Handler,
		fake.Member{ID: "user-boss", Email: "boss@example.com", Role: "owner"},
		fake.Member{ID: "user-dev", Email: "dev@example.com", Role: "reader"},
		fake.Member{ID: "user-leaver", Email: "leaver@example.com", Role: "reader"})
	c, err := clitest.ClientAt(w.URL, w.Key())(t.Context())
	require.NoError(t, err)
	_, _, err = c.Invites.Create(t.Context(), client.CreateParams{Email: "role@example.com", Role: client.RoleReader})
	require.NoError(t, err)
	w.mu.Lock()
	w.received = nil // the seeding's create is no run's
	w.mu.Unlock()
	return clitest.WriteFile(t, "roster.csv", "email,role\r\nboss@example.com,owner\r\ndev@example.com,owner\r\nrole@example.com,owner\r\n"+
		"a@example.com,reader\r\nb@example.com,reader\r\nc@example.com,reader\r\nd@example.com,reader\r\ne@example.com,owner\r\n")
}

// sentNames names the writes the journal's sent records say went out.
func sentNames(log *journal.Log) map[string]bool {
	sent := map[string]bool{}
	for _, r := range log.Records {
		if r.Phase == roster.WriteSent {
			sent[writetest.Name(r.Write, r.Email, r.InviteID, r.UserID)] = true
		}
	}
	return sent
}

// A sync under faults (5xx, dropped connections, creates applied and then
// answered 500 or dropped, a 429) journals a sent record for every write
// the server received, and an outcome for each once answered, with as many
// attempts as the server counted; and never the key.
func TestSyncJournalsEveryWriteTheServerReceivedUnderFaults(t *testing.T) {
	t.Parallel()
	const key = "sk-admin-journal-cli-test-0123456789abcdef"
	w := newWriteServer(t, fake.WithKey(key), fake.WithFaults(fake.Faults{RetryAfter: 10 * time.Millisecond}))
	file := journalOrg(t, w)
	w.FailNthAt(fake.EndpointCreateInvite, fake.FaultAmbiguousError, 1)
	w.FailNthAt(fake.EndpointCreateInvite, fake.FaultAmbiguousDrop, 3)
	w.FailNthAt(fake.EndpointCreateInvite, fake.FaultServerError, 5)
	w.FailNextAt(fake.EndpointDeleteInvite, fake.FaultAmbiguousDrop, 1)
	w.FailNextAt(fake.EndpointModifyUser, fake.FaultUnavailable, 1)
	w.FailNextAt(fake.EndpointDeleteUser, fake.FaultRateLimit, 1)
	path := filepath.Join(t.TempDir(), "journal.jsonl")

	tio := clitest.NewTestIO("")
	opts := rostercmd.SyncOptions{RosterOptions: rosterrun.RosterOptions{IO: tio.IOStreams, Client: clitest.ClientAt(w.URL, key), Output: "json",
		File: file, Concurrency: 2, Grace: rosterrun.DefaultGrace, Journal: path}, Yes: true, RemoveMembers: true, MaxRemovals: 1, MaxDemotions: 1}
	r := runSyncOn(t.Context(), tio, opts)
	require.Equal(t, 0, r.Code, r.Stderr)
	sum := clitest.DecodeJSON[rosterrun.Summary](t, r)
	assert.Equal(t, path, sum.Journal)

	log, err := journal.Read(t.Context(), path)
	require.NoError(t, err)
	assert.Empty(t, log.Skipped)
	runs := log.Runs()
	require.Len(t, runs, 1)
	assert.Equal(t, sum.JournalRun, runs[0].ID)
	assert.Equal(t, 9, runs[0].Sent, "a set-role, a replace's delete and create, five creates, a removal")
	assert.Equal(t, map[roster.Outcome]int{roster.Done: 9}, runs[0].Outcomes)
	assert.Empty(t, runs[0].NoOutcome)

	received := w.Received()
	sent := sentNames(log)
	attempts := 0
	for _, rec := range log.Records {
		attempts += rec.Attempts
	}
	for _, name := range received {
		assert.True(t, sent[name], "the server received %q, which the journal holds no sent record of", name)
	}
	assert.Len(t, received, attempts, "every attempt the server received is counted in an outcome")
	assert.Greater(t, attempts, 9, "the faults made writes of several attempts")
	assert.Equal(t, sum.WriteRequests, attempts)

	assertNoKey(t, path, key)
}

// A journal that cannot be opened stops the run before anything is sent;
// one that fails mid-run keeps every write it cannot record from being
// sent, and the run says so and exits 1.
func TestAJournalThatCannotBeWrittenStopsTheWrites(t *testing.T) {
	t.Parallel()
	t.Run("at open", func(t *testing.T) {
		t.Parallel()
		srv := fake.NewServer(t)
		file := clitest.WriteFile(t, "team.csv", teamCSV(2))
		notADir := clitest.WriteFile(t, "not-a-dir", "")
		path := filepath.Join(notADir, "journal.jsonl")
		for _, args := range [][]string{{"sync", "--file", file, "--yes"}, {"import", "--file", file}} {
			r := clitest.On(srv).Run(t, append(args, "--journal", path)...)
			assert.Equal(t, cmdutil.ExitUsage, r.Code, args)
			assert.Contains(t, r.Stderr, "invites: --journal "+path+": journal: ", args)
			assert.Contains(t, r.Stderr, "; nothing was sent (give another --journal FILE, or --no-journal to keep none)\n", args)
		}
		assert.Zero(t, writesTo(srv))
	})
	t.Run("mid-run", func(t *testing.T) {
		t.Parallel()
		srv := fake.NewServer(t)
		file := clitest.WriteFile(t, "team.csv", teamCSV(3))
		path := filepath.Join(t.TempDir(), "journal.jsonl")
		// As the run reads the organization, its journal becomes a
		// directory: no record can be appended to it any more.
		var once sync.Once
		breakJournal := client.WithMiddleware(func(next http.RoundTripper) http.RoundTripper {
			return clitest.RoundTripFunc(func(r *http.Request) (*http.Response, error) {
				once.Do(func() {
					assert.NoError(t, os.Remove(path))
					assert.NoError(t, os.Mkdir(path, 0o700))
				})
				return next.RoundTrip(r)
			})
		})
		tio := clitest.NewTestIO("")
		opts := rostercmd.SyncOptions{RosterOptions: rosterOn(tio, srv, "table", file, breakJournal), Yes: true}
		opts.Journal, opts.Report = path, filepath.Join(t.TempDir(), "report.csv")
		r := runSyncOn(t.Context(), tio, opts)
		assert.Equal(t, cmdutil.ExitFailure, r.Code, r.Stderr)
		assert.Zero(t, writesTo(srv), "no write the journal could not record")
		assert.Contains(t, r.Stdout, "Synced "+file+": 0 done, 0 failed, 3 not attempted.\n")
		for _, row := range readReport(t, opts.Report)[1:] {
			assert.Equal(t, []string{"not_attempted", "not sent: the journal could not record it"}, []string{row[9], row[11]}, row)
		}
		assert.Contains(t, r.Stderr, "invites: the journal failed: journal "+path+": ")
		assert.Contains(t, r.Stderr, "; the writes it could not record as sent were not sent\n")
	})
}

// The journal is on unless --no-journal, where $INVITES_JOURNAL says, else
// under the user's state directory; where that is not known, a run that
// would send anything stops first, and a dry run goes on. import journals
// as sync does.
func TestTheJournalsDefaultAndItsFlags(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.jsonl")
	c := clitest.On(srv).With(cmdutil.JournalEnv, path)

	r := c.Run(t, "import", "--file", clitest.WriteFile(t, "team.csv", teamCSV(2)))
	require.Equal(t, 0, r.Code, r.Stderr)
	log, err := journal.Read(t.Context(), path)
	require.NoError(t, err)
	assert.Equal(t, 2, log.Runs()[0].Sent, "import journals its creates")

	off := filepath.Join(dir, "off.jsonl")
	r = clitest.On(srv).With(cmdutil.JournalEnv, off).Run(t, "sync", "--file", clitest.WriteFile(t, "team.csv", teamCSV(3)), "--yes", "--no-journal")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.NotContains(t, r.Stdout, "Journal:")
	assert.NoFileExists(t, off)

	r = c.Run(t, "sync", "--file", "roster.csv", "--journal", "")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Equal(t, "invites: --journal \"\": give a FILE, or --no-journal to keep no journal\n", r.Stderr)

	unknown := clitest.On(srv).With(cmdutil.JournalEnv, "") // and no home directory
	roster4 := clitest.WriteFile(t, "team.csv", teamCSV(4))
	r = unknown.Run(t, "sync", "--file", roster4, "--dry-run")
	assert.Equal(t, 0, r.Code, "a dry run sends nothing, and needs no journal: %s", r.Stderr)
	writes := writesTo(srv)
	r = unknown.Run(t, "sync", "--file", roster4, "--yes")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Contains(t, r.Stderr, "invites: no place for the journal of writes: journal: no home directory known")
	assert.Contains(t, r.Stderr, "(set INVITES_JOURNAL=FILE); nothing was sent (give --journal FILE, or --no-journal to keep none)\n")
	assert.Equal(t, writes, writesTo(srv))
}
