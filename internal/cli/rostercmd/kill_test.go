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
