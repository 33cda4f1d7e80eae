package fakecmd_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/fakecmd"
	"github.com/goinvites/invites/internal/cli/invitecmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFakeServerPrintsItsURLAndStopsOnInterrupt(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	tio := clitest.NewTestIO("")
	stdout, stderr := tio.Stdout, tio.Stderr
	state := filepath.Join(t.TempDir(), "state.json")
	code := make(chan int, 1)
	go func() {
		opts := &fakecmd.ServerOptions{IO: tio.IOStreams, Logger: slog.New(slog.DiscardHandler), Addr: "127.0.0.1:0", Key: "sk-admin-k",
			Invites: 4, State: state, Seed: 1, Expiry: fake.DefaultExpiry, CreateStatus: 200, Faults: fake.Faults{RateWindow: time.Minute}}
		code <- tio.ResultOf(ctx, fakecmd.RunServer(ctx, opts)).Code
	}()

	var url string
	require.Eventually(t, func() bool {
		url, _, _ = strings.Cut(stdout.String(), "\n")
		return strings.HasSuffix(stdout.String(), "\n")
	}, 10*time.Second, 5*time.Millisecond)
	assert.Regexp(t, `^http://127\.0\.0\.1:\d+/v1$`, url)

	c, err := client.New(client.WithBaseURL(url), client.WithAPIKey("sk-admin-k"), client.WithMaxRetries(0))
	require.NoError(t, err)
	page, _, err := c.Invites.List(t.Context(), client.ListParams{})
	require.NoError(t, err)
	assert.Len(t, page.Invites, 4)

	cancel()
	select {
	case got := <-code:
		assert.Equal(t, 0, got, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("fake-server did not stop on interrupt")
	}
	assert.Contains(t, stderr.String(), "fake Invites API stopped")
	assert.NotContains(t, stderr.String(), "sk-admin-k", "a key of one's own is not printed")
	assert.FileExists(t, state)
	_, _, err = c.Invites.List(t.Context(), client.ListParams{})
	assert.Error(t, err, "the server is gone")
}

func TestFakeServerBadAddressOrOptions(t *testing.T) {
	t.Parallel()
	r := clitest.CLI{}.Run(t, "fake-server", "--addr", "127.0.0.1:99999")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Len(t, clitest.Lines(r.Stderr), 1, r.Stderr)

	r = clitest.CLI{}.Run(t, "fake-server", "--addr", "127.0.0.1:0", "--error-rate", "2", "--create-status", "202")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Len(t, clitest.Lines(r.Stderr), 1, r.Stderr)
	assert.Contains(t, r.Stderr, "202")
	assert.Empty(t, r.Stdout, "no URL: nothing is served")
}

func TestFakeFlagKeepsStateBetweenCommands(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "sub", "fake-state.json")
	offline := clitest.CLI{Env: map[string]string{fakecmd.StateEnv: state}}

	r := offline.Run(t, "--fake", "list", "-o", "json")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Len(t, clitest.DecodeJSON[invitecmd.ListOut](t, r).Invites, fakecmd.SampleInvites, "a new state starts with samples")
	assert.Contains(t, r.Stderr, state)

	r = offline.Run(t, "--fake", "create", "ada@example.com", "--role", "reader", "-o", "json")
	require.Equal(t, 0, r.Code, r.Stderr)
	id := clitest.DecodeJSON[invitecmd.InviteOut](t, r).ID

	r = offline.Run(t, "--fake", "get", id, "-o", "json")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "ada@example.com", clitest.DecodeJSON[invitecmd.InviteOut](t, r).Email)

	r = offline.Run(t, "--fake", "delete", id)
	require.Equal(t, 0, r.Code, r.Stderr)
	r = offline.Run(t, "--fake", "get", id)
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
}

func TestFakeFlagWithABrokenStateFile(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "fake-state.json")
	require.NoError(t, os.WriteFile(state, []byte("{not json"), 0o600))
	r := clitest.CLI{Env: map[string]string{fakecmd.StateEnv: state}}.Run(t, "--fake", "list")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Contains(t, r.Stderr, "remove "+state+" to start afresh")
	assert.Len(t, clitest.Lines(r.Stderr), 1, r.Stderr)
}

func TestFakeServerRefusesAStateFileInUse(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "state.json")
	first, err := fake.Start("127.0.0.1:0", fake.WithStateFile(state))
	require.NoError(t, err)
	defer first.Close()

	r := clitest.CLI{}.Run(t, "fake-server", "--addr", "127.0.0.1:0", "--state", state)
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Empty(t, r.Stdout, "no URL: nothing is served")
	require.Len(t, clitest.Lines(r.Stderr), 1, r.Stderr)
	assert.Contains(t, r.Stderr, "in use by another process")
	assert.Contains(t, r.Stderr, state)
}

// TestConcurrentFakeImportsShareTheStateFile runs two imports at once on one
// --fake state file: the second waits for the first, so both reports are
// true and the file ends with every invite.
func TestConcurrentFakeImportsShareTheStateFile(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "fake-state.json")
	offline := clitest.CLI{Env: map[string]string{fakecmd.StateEnv: state}}
	const rows = 40
	emails := func(run int) []string {
		out := make([]string, rows)
		for i := range out {
			out[i] = fmt.Sprintf("run%d-%02d@example.com", run, i)
		}
		return out
	}
	var wg sync.WaitGroup
	results := make([]clitest.Result, 2)
	for run := range results {
		file := clitest.WriteFile(t, fmt.Sprintf("run%d.csv", run), "email,role\n"+strings.Join(emails(run), ",reader\n")+",reader\n")
		wg.Go(func() { results[run] = offline.Run(t, "--fake", "import", "--file", file, "-o", "json") })
	}
	wg.Wait()
	for run, r := range results {
		require.Equal(t, 0, r.Code, r.Stderr)
		var sum struct{ Outcomes map[string]int }
		require.NoError(t, json.Unmarshal([]byte(r.Stdout), &sum), r.Stdout)
		assert.Equal(t, map[string]int{"done": rows}, sum.Outcomes, "run %d: every row created, none found already invited", run)
	}

	srv, err := fake.Start("127.0.0.1:0", fake.WithStateFile(state))
	require.NoError(t, err, "both runs have let go of the file")
	defer srv.Close()
	assert.Len(t, srv.Invites(), 2*rows+fakecmd.SampleInvites, "samples once, then every invite of both runs")
	for _, email := range append(emails(0), emails(1)...) {
		assert.Equal(t, 1, srv.CreatedFor(email), email)
	}
}

// A new --fake state and fake-server start with the sample projects beside
// the default one, and keep them: a state that exists is not seeded again.
func TestANewFakeStartsWithTheSampleProjects(t *testing.T) {
	t.Parallel()
	want := []string{fake.DefaultProjectID}
	for _, p := range fake.SampleProjects() {
		want = append(want, p.ID)
	}
	projectsIn := func(state string) []string {
		srv, err := fake.Start("127.0.0.1:0", fake.WithStateFile(state))
		require.NoError(t, err)
		defer srv.Close()
		var ids []string
		for _, p := range srv.Projects() {
			ids = append(ids, p.ID)
			if p.ID == "proj_legacy" {
				assert.False(t, p.ArchivedAt.IsZero(), "the archived sample")
			}
		}
		return ids
	}

	state := filepath.Join(t.TempDir(), "fake-state.json")
	offline := clitest.CLI{Env: map[string]string{fakecmd.StateEnv: state}}
	r := offline.Run(t, "--fake", "list")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stderr, "(offline fake; its invites, members and projects are kept in "+state+")")
	assert.ElementsMatch(t, want, projectsIn(state))
	require.Equal(t, 0, offline.Run(t, "--fake", "list").Code)
	assert.ElementsMatch(t, want, projectsIn(state), "kept, not seeded twice")

	served := filepath.Join(t.TempDir(), "served.json")
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // served, seeded and saved, then stopped at once
	tio := clitest.NewTestIO("")
	opts := &fakecmd.ServerOptions{IO: tio.IOStreams, Logger: slog.New(slog.DiscardHandler), Addr: "127.0.0.1:0", Key: fake.DefaultKey,
		State: served, Seed: 1, Expiry: fake.DefaultExpiry, CreateStatus: 200, Faults: fake.Faults{RateWindow: time.Minute}}
	require.NoError(t, fakecmd.RunServer(ctx, opts), tio.Stderr.String())
	assert.ElementsMatch(t, want, projectsIn(served))
}
