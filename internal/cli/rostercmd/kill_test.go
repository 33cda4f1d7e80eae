//go:build unix

package rostercmd_test

import (
	"bufio"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/root"
	"github.com/goinvites/invites/internal/journal"
	"github.com/goinvites/invites/internal/writetest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// childCLIEnv makes the test binary, run again as a child, run the CLI with
// these arguments: a real process, for a test to kill.
const childCLIEnv = "INVITES_CHILD_CLI"

func TestMain(m *testing.M) {
	if args := os.Getenv(childCLIEnv); args != "" {
		os.Exit(root.Run(context.Background(), strings.Fields(args), cmdutil.SystemStreams(), os.Getenv))
	}
	os.Exit(m.Run())
}

// A sync killed with SIGKILL mid-apply writes no report and says nothing;
// the next run must still converge without a duplicate, because it plans
// from a fresh read of the invites. The kill comes at the worst moment: the
// third create was carried out, and its answer is half sent.
func TestSyncKilledMidApplyConvergesOnReRun(t *testing.T) {
	t.Parallel()
	const n = 8
	srv := fake.NewServer(t)
	srv.FailNth(http.MethodPost, fake.FaultStallBody, 3)
	file := clitest.WriteFile(t, "team.csv", teamCSV(n))

	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childCLIEnv+"=sync --file "+file+" --yes",
		client.EnvAPIKey+"="+srv.Key(), client.EnvBaseURL+"="+srv.URL(), cmdutil.JournalEnv+"="+filepath.Join(t.TempDir(), "journal.jsonl"))
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		if strings.HasPrefix(lines.Text(), "[2/") {
			break
		}
	}
	// The child is another process: all the test can do is watch the fake
	// until the third create has been applied.
	require.Eventually(t, func() bool { return srv.CreatedFor(hire(2)) == 1 }, 10*time.Second, 5*time.Millisecond)
	require.NoError(t, cmd.Process.Kill())
	require.Error(t, cmd.Wait(), "the child was killed")
	assert.Equal(t, 0, srv.CreatedFor(hire(3)), "killed before the fourth create")

	sum, r := syncSummaryOf(t, clitest.On(srv), "--file", file, "--yes")
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, map[string]int{"keep": 3, "create": n - 3}, sum.Plan, "what the killed run made is kept")
	oneInviteEach(t, srv, n)
	assert.Equal(t, 0, clitest.On(srv).Run(t, "sync", "--file", file, "--check").Code)
}

// A sync under faults, killed with SIGKILL as its 1st, 3rd and then 2nd
// write request is in the server's hands, leaves a journal with a sent
// record of every write the server received, an outcome record of every
// write answered before the kill (each run one write without: the one in
// flight), and no key; and a run after the kills converges, with no
// duplicate invite.
func TestASyncKilledMidWriteLeavesAJournalOfEveryWriteReceived(t *testing.T) {
	t.Parallel()
	const key = "sk-admin-kill-test-0123456789abcdef"
	s := newWriteServer(t, fake.WithKey(key))
	file := journalOrg(t, s)
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	// Creates applied and then answered 500, or never answered: the
	// client looks them up rather than send them again.
	s.FailNthAt(fake.EndpointCreateInvite, fake.FaultAmbiguousDrop, 3)
	s.FailNthAt(fake.EndpointCreateInvite, fake.FaultAmbiguousError, 5)
	s.FailNextAt(fake.EndpointModifyUser, fake.FaultServerError, 1)

	syncCmd := func() *exec.Cmd {
		cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), childCLIEnv+"=sync --file "+file+" --yes --remove-members --max-removals 1",
			client.EnvAPIKey+"="+key, client.EnvBaseURL+"="+s.URL, cmdutil.JournalEnv+"="+path)
		return cmd
	}
	for _, n := range []int{1, 3, 2} {
		held, release := s.hold(n)
		cmd := syncCmd()
		var stderr strings.Builder
		cmd.Stderr = &stderr
		require.NoError(t, cmd.Start())
		var name string
		select {
		case name = <-held:
		case <-t.Context().Done():
			t.Fatalf("write %d never came: %s", n, stderr.String())
		}
		require.NoError(t, cmd.Process.Kill())
		var exit *exec.ExitError
		require.ErrorAs(t, cmd.Wait(), &exit, "killed, not finished")
		close(release)

		log, err := journal.Read(t.Context(), path)
		require.NoError(t, err)
		runs := log.Runs()
		run := runs[len(runs)-1]
		t.Logf("killed at write request %d (%s): run %s sent %d, answered %v", n, name, run.ID, run.Sent, run.Outcomes)
		require.Len(t, run.NoOutcome, 1, "one write in flight, every one before it answered")
		last := run.NoOutcome[0]
		assert.Equal(t, name, writetest.Name(last.Write, last.Email, last.InviteID, last.UserID), "the write in flight")
	}
	s.hold(0)
	r := syncCmd()
	out, err := r.CombinedOutput()
	require.NoError(t, err, "%s", out)

	log, err := journal.Read(t.Context(), path)
	require.NoError(t, err)
	assert.Empty(t, log.Skipped, "each kill came between appends, as the server held a write")
	sent := sentNames(log)
	for _, name := range s.Received() {
		assert.True(t, sent[name], "the server received %q, which the journal holds no sent record of", name)
	}
	runs := log.Runs()
	require.Len(t, runs, 4)
	assert.Empty(t, runs[3].NoOutcome, "the last run finished")
	stats := s.Stats()
	assert.Equal(t, 1, stats.CountAt(fake.EndpointModifyUser, http.StatusInternalServerError), "a 5xx met")
	assert.Equal(t, 1, stats.CountAt(fake.EndpointCreateInvite, http.StatusInternalServerError), "a create applied, then answered 500")
	assert.Positive(t, stats.CountAt(fake.EndpointCreateInvite, 0), "a create applied, then dropped")

	check := clitest.CLI{Env: map[string]string{client.EnvAPIKey: key, client.EnvBaseURL: s.URL}}.Run(t, "sync", "--file", file, "--remove-members", "--check")
	assert.Equal(t, 0, check.Code, "converged: %s", check.Stdout)
	for _, email := range []string{"a@example.com", "b@example.com", "c@example.com", "d@example.com", "e@example.com"} {
		assert.Equal(t, 1, s.CreatedFor(email), "%s: no duplicate invite, kills or not", email)
	}
	assert.Equal(t, 2, s.CreatedFor("role@example.com"), "the seeded invite and its replacement")
	assertNoKey(t, path, key)
}
