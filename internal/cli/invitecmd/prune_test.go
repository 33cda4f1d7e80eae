package invitecmd_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/invitecmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pruneFixture is a fake with a frozen clock holding, 10 days on: two
// expired invites, one accepted, and two pending (sent 3 days and 1 hour ago).
func pruneFixture(t *testing.T) *fake.Server {
	t.Helper()
	srv := fake.NewServer(t, fake.WithNow(time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)))
	c := clitest.On(srv)
	for _, email := range []string{"old1@example.com", "old2@example.com", "taken@example.com"} {
		require.Equal(t, 0, c.Run(t, "create", email, "--role", "reader").Code)
	}
	require.NoError(t, srv.Accept(clitest.FakeInvite(t, srv, "taken@example.com").ID))
	srv.Advance(7 * 24 * time.Hour)
	require.Equal(t, 0, c.Run(t, "create", "week@example.com", "--role", "reader").Code)
	srv.Advance(3*24*time.Hour - time.Hour)
	require.Equal(t, 0, c.Run(t, "create", "new@example.com", "--role", "reader").Code)
	srv.Advance(time.Hour)
	return srv
}

// runPruneOn runs RunPrune with opts against srv, on srv's clock, with tio
// for its streams, and -o output.
func runPruneOn(t *testing.T, srv *fake.Server, tio *clitest.TestIO, output string, opts invitecmd.PruneOptions) clitest.Result {
	t.Helper()
	if opts.Status == "" {
		opts.Status = "expired" // the flag's default
	}
	opts.IO, opts.Client, opts.Output, opts.Now = tio.IOStreams, clitest.ClientFor(srv), output, srv.Now
	return tio.ResultOf(t.Context(), invitecmd.RunPrune(t.Context(), &opts))
}

func emailsOf(invites []invitecmd.InviteOut) []string {
	var out []string
	for _, inv := range invites {
		out = append(out, inv.Email)
	}
	return out
}

func fakeEmails(srv *fake.Server) []string {
	var out []string
	for _, inv := range srv.Invites() {
		out = append(out, inv.Email)
	}
	return out
}

func TestPruneExpiredWithYes(t *testing.T) {
	t.Parallel()
	srv := pruneFixture(t)
	r := runPruneOn(t, srv, clitest.NewTestIO(""), "json", invitecmd.PruneOptions{Yes: true})
	require.Equal(t, 0, r.Code, r.Stderr)
	results := clitest.DecodeJSON[[]cmdutil.DeleteOut](t, r)
	require.Len(t, results, 2)
	for _, res := range results {
		assert.True(t, res.Deleted, res.Email)
		assert.True(t, strings.HasPrefix(res.Email, "old"), res.Email)
	}
	assert.ElementsMatch(t, []string{"taken@example.com", "week@example.com", "new@example.com"}, fakeEmails(srv))

	r = runPruneOn(t, srv, clitest.NewTestIO(""), "table", invitecmd.PruneOptions{Yes: true})
	assert.Equal(t, 0, r.Code)
	assert.Equal(t, "Nothing to prune.\n", r.Stderr)
	assert.Empty(t, r.Stdout)
	r = runPruneOn(t, srv, clitest.NewTestIO(""), "json", invitecmd.PruneOptions{DryRun: true})
	assert.Equal(t, 0, r.Code)
	assert.Empty(t, clitest.DecodeJSON[invitecmd.ListOut](t, r).Invites)
	r = runPruneOn(t, srv, clitest.NewTestIO(""), "json", invitecmd.PruneOptions{Yes: true})
	assert.Equal(t, 0, r.Code)
	assert.Equal(t, "[]\n", r.Stdout)
}

func TestPrunePendingOlderThan(t *testing.T) {
	t.Parallel()
	srv := pruneFixture(t)
	r := runPruneOn(t, srv, clitest.NewTestIO(""), "json", invitecmd.PruneOptions{Status: "pending", OlderThan: 2 * 24 * time.Hour, DryRun: true})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []string{"week@example.com"}, emailsOf(clitest.DecodeJSON[invitecmd.ListOut](t, r).Invites))
	assert.Contains(t, r.Stderr, "Dry run: would delete 1 invite(s)")
	assert.Len(t, srv.Invites(), 5, "a dry run deletes nothing")
	assert.Zero(t, srv.Stats().Count(http.MethodDelete, http.StatusOK))

	r = runPruneOn(t, srv, clitest.NewTestIO(""), "table", invitecmd.PruneOptions{Status: "pending", Yes: true})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Len(t, clitest.Lines(r.Stdout), 2)
	assert.ElementsMatch(t, []string{"old1@example.com", "old2@example.com", "taken@example.com"}, fakeEmails(srv))
}

func TestPruneAsksOnATerminal(t *testing.T) {
	t.Parallel()
	srv := pruneFixture(t)
	r := runPruneOn(t, srv, clitest.NewTestIO("n\n").Terminal(), "table", invitecmd.PruneOptions{})
	assert.Equal(t, 0, r.Code)
	assert.Contains(t, r.Stderr, "old1@example.com")
	assert.Contains(t, r.Stderr, "Delete these 2 invite(s)? [y/N] ")
	assert.Contains(t, r.Stderr, "Nothing deleted.")
	assert.Len(t, srv.Invites(), 5)

	r = runPruneOn(t, srv, clitest.NewTestIO("").Terminal(), "table", invitecmd.PruneOptions{})
	assert.Equal(t, 0, r.Code)
	assert.Len(t, srv.Invites(), 5, "no answer is no")

	r = runPruneOn(t, srv, clitest.NewTestIO("yes\n").Terminal(), "table", invitecmd.PruneOptions{})
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Len(t, srv.Invites(), 3)
	assert.Regexp(t, `(?m)^deleted\s+invite-\S+\s+old1@example.com$`, r.Stdout)
}

func TestPruneRefusesWithoutTerminalOrYes(t *testing.T) {
	t.Parallel()
	srv := pruneFixture(t)
	before := srv.Stats().Total
	r := runPruneOn(t, srv, clitest.NewTestIO("y\n"), "json", invitecmd.PruneOptions{})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "refusing to delete these 2 invite(s) without confirmation")
	require.ErrorContains(t, r.Err, "pass --yes")
	assert.Equal(t, before+1, srv.Stats().Total, "one list, no delete")
	assert.Len(t, srv.Invites(), 5)
	// What --yes would delete is shown before the refusal, as a table on
	// stderr whatever -o says; stdout stays empty for the script.
	assert.Regexp(t, `(?m)^ID\s+EMAIL\s+ROLE\s+STATUS`, r.Stderr)
	for _, email := range []string{"old1@example.com", "old2@example.com"} {
		assert.Regexp(t, `(?m)^invite-\S+\s+`+email+`\s+reader\s+expired\s`, r.Stderr)
	}
	assert.NotContains(t, r.Stderr, "week@example.com")
	assert.Empty(t, r.Stdout)

	// On a terminal, a stdin that gave the key answers no question.
	keyOnStdin := clitest.CLI{Env: map[string]string{client.EnvBaseURL: srv.URL()}, Stdin: srv.Key() + "\ny\n", Terminal: true}
	r = keyOnStdin.Run(t, "--api-key-file", "-", "prune")
	assert.Equal(t, cmdutil.ExitUsage, r.Code, r.Stderr)
	assert.Contains(t, r.Stderr, "old1@example.com")
	assert.Contains(t, r.Stderr, "stdin is read by --api-key-file -; pass --yes")
	assert.Equal(t, before+2, srv.Stats().Total, "one more list, no delete")

	// prune 2>&1 | tail: stdin a terminal, stderr piped; no question.
	piped := clitest.NewTestIO("y\n")
	piped.SetTerminal(true, false)
	r = runPruneOn(t, srv, piped, "table", invitecmd.PruneOptions{})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "stderr, where the question would go, is not a terminal (a pipe or a file); pass --yes")
	assert.NotContains(t, r.Stderr, "[y/N]")
	assert.Len(t, srv.Invites(), 5)

	for _, args := range [][]string{
		{"prune", "--status", "accepted", "--yes"},
		{"prune", "--older-than", "1m", "--yes"},
		{"prune", "--older-than", "1mo", "--yes"},
		{"prune", "--older-than", "-3d", "--yes"},
	} {
		r := clitest.On(srv).Run(t, args...)
		assert.Equal(t, cmdutil.ExitUsage, r.Code, "%v: %s", args, r.Stderr)
	}
	assert.Equal(t, before+3, srv.Stats().Total, "three lists, no delete; the bad flags send nothing")
}

func TestPruneWithNothingToPruneNeedsNoConfirmation(t *testing.T) {
	t.Parallel()
	srv := pruneFixture(t)
	r := runPruneOn(t, srv, clitest.NewTestIO(""), "table", invitecmd.PruneOptions{OlderThan: 52 * 7 * 24 * time.Hour})
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "Nothing to prune.\n", r.Stderr)
}
