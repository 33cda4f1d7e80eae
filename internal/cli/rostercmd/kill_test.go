//go:build unix

package rostercmd_test

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
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

// holdingServer is a fake behind a server of the test's own that names
// every write request it receives and can hold the nth write of a run
// until the test has killed the client that sent it, then serve it: the
// server received it, and the client never heard back.
type holdingServer struct {
	*fake.Handler
	URL string

	mu       sync.Mutex
	received []string
	writes   int           // write requests since hold
	holdAt   int           // the write request to hold; 0 none
	held     chan string   // the held write's name
	release  chan struct{} // closed when the held write may be served
}

func newHoldingServer(t *testing.T, opts ...fake.Option) *holdingServer {
	t.Helper()
	s := &holdingServer{Handler: fake.NewHandler(opts...)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body) // whole, before its client may be gone
		assert.NoError(t, err)
		r.Body = io.NopCloser(bytes.NewReader(body))
		name, err := writetest.Of(r)
		assert.NoError(t, err)
		if name != "" {
			s.mu.Lock()
			s.received = append(s.received, name)
			s.writes++
			held, release := s.writes == s.holdAt, s.release
			s.mu.Unlock()
			if held {
				s.held <- name
				select {
				case <-release:
				case <-t.Context().Done():
					return
				}
				r = r.WithContext(context.WithoutCancel(r.Context())) // served as if its client were there
			}
		}
		s.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	s.URL = srv.URL + "/v1"
	return s
}

// hold makes the nth write request from now on wait for release.
func (s *holdingServer) hold(n int) (held <-chan string, release chan<- struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.writes, s.holdAt = 0, n
	s.held, s.release = make(chan string, 1), make(chan struct{})
	return s.held, s.release
}

// Received are the writes received so far, in order, one per request.
func (s *holdingServer) Received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.received...)
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
	s := newHoldingServer(t, fake.WithKey(key), fake.WithMembers(
		fake.Member{ID: "user-boss", Email: "boss@example.com", Role: "owner"},
		fake.Member{ID: "user-dev", Email: "dev@example.com", Role: "reader"},
		fake.Member{ID: "user-leaver", Email: "leaver@example.com", Role: "reader"},
	))
	c, err := clitest.ClientAt(s.URL, key)(t.Context())
	require.NoError(t, err)
	_, _, err = c.Invites.Create(t.Context(), client.CreateParams{Email: "role@example.com", Role: client.RoleReader})
	require.NoError(t, err)
	seeded := len(s.Received())
	file := clitest.WriteFile(t, "roster.csv", "email,role\r\nboss@example.com,owner\r\ndev@example.com,owner\r\nrole@example.com,owner\r\n"+
		"a@example.com,reader\r\nb@example.com,reader\r\nc@example.com,reader\r\nd@example.com,reader\r\ne@example.com,owner\r\n")
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
	for _, name := range s.Received()[seeded:] {
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
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotContains(t, string(data), key, "never the key")
}
