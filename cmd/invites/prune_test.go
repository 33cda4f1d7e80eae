package main

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pruneFixture is a fake with a frozen clock holding, 10 days on: two
// expired invites, one accepted, and two pending (sent 3 days and 1 hour ago).
func pruneFixture(t *testing.T) *fake.Server {
	t.Helper()
	srv := fake.NewServer(t, fake.WithNow(time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)))
	c := on(srv)
	for _, email := range []string{"old1@example.com", "old2@example.com", "taken@example.com"} {
		require.Equal(t, 0, c.run(t, "create", email, "--role", "reader").code)
	}
	require.NoError(t, srv.Accept(fakeInvite(t, srv, "taken@example.com").ID))
	srv.Advance(7 * 24 * time.Hour)
	require.Equal(t, 0, c.run(t, "create", "week@example.com", "--role", "reader").code)
	srv.Advance(3*24*time.Hour - time.Hour)
	require.Equal(t, 0, c.run(t, "create", "new@example.com", "--role", "reader").code)
	srv.Advance(time.Hour)
	return srv
}

// runPruneOn runs runPrune with opts against srv, on srv's clock, with tio
// for its streams, and -o output.
func runPruneOn(t *testing.T, srv *fake.Server, tio *testIO, output string, opts pruneOptions) result {
	t.Helper()
	if opts.Status == "" {
		opts.Status = "expired" // the flag's default
	}
	opts.IO, opts.Client, opts.Output, opts.Now = tio.IOStreams, clientFor(srv), output, srv.Now
	return tio.resultOf(t.Context(), runPrune(t.Context(), &opts))
}

func emailsOf(invites []inviteOut) []string {
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
	r := runPruneOn(t, srv, newTestIO(""), "json", pruneOptions{Yes: true})
	require.Equal(t, 0, r.code, r.stderr)
	results := decodeJSON[[]deleteOut](t, r)
	require.Len(t, results, 2)
	for _, res := range results {
		assert.True(t, res.Deleted, res.Email)
		assert.True(t, strings.HasPrefix(res.Email, "old"), res.Email)
	}
	assert.ElementsMatch(t, []string{"taken@example.com", "week@example.com", "new@example.com"}, fakeEmails(srv))

	r = runPruneOn(t, srv, newTestIO(""), "table", pruneOptions{Yes: true})
	assert.Equal(t, 0, r.code)
	assert.Equal(t, "Nothing to prune.\n", r.stderr)
	assert.Empty(t, r.stdout)
	r = runPruneOn(t, srv, newTestIO(""), "json", pruneOptions{DryRun: true})
	assert.Equal(t, 0, r.code)
	assert.Empty(t, decodeJSON[listOut](t, r).Invites)
	r = runPruneOn(t, srv, newTestIO(""), "json", pruneOptions{Yes: true})
	assert.Equal(t, 0, r.code)
	assert.Equal(t, "[]\n", r.stdout)
}

func TestPrunePendingOlderThan(t *testing.T) {
	t.Parallel()
	srv := pruneFixture(t)
	r := runPruneOn(t, srv, newTestIO(""), "json", pruneOptions{Status: "pending", OlderThan: 2 * 24 * time.Hour, DryRun: true})
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, []string{"week@example.com"}, emailsOf(decodeJSON[listOut](t, r).Invites))
	assert.Contains(t, r.stderr, "Dry run: would delete 1 invite(s)")
	assert.Len(t, srv.Invites(), 5, "a dry run deletes nothing")
	assert.Zero(t, srv.Stats().Count(http.MethodDelete, http.StatusOK))

	r = runPruneOn(t, srv, newTestIO(""), "table", pruneOptions{Status: "pending", Yes: true})
	require.Equal(t, 0, r.code, r.stderr)
	assert.Len(t, lines(r.stdout), 2)
	assert.ElementsMatch(t, []string{"old1@example.com", "old2@example.com", "taken@example.com"}, fakeEmails(srv))
}

func TestPruneAsksOnATerminal(t *testing.T) {
	t.Parallel()
	srv := pruneFixture(t)
	r := runPruneOn(t, srv, newTestIO("n\n").terminal(), "table", pruneOptions{})
	assert.Equal(t, 0, r.code)
	assert.Contains(t, r.stderr, "old1@example.com")
	assert.Contains(t, r.stderr, "Delete these 2 invite(s)? [y/N] ")
	assert.Contains(t, r.stderr, "Nothing deleted.")
	assert.Len(t, srv.Invites(), 5)

	r = runPruneOn(t, srv, newTestIO("").terminal(), "table", pruneOptions{})
	assert.Equal(t, 0, r.code)
	assert.Len(t, srv.Invites(), 5, "no answer is no")

	r = runPruneOn(t, srv, newTestIO("yes\n").terminal(), "table", pruneOptions{})
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Len(t, srv.Invites(), 3)
	assert.Regexp(t, `(?m)^deleted\s+invite-\S+\s+old1@example.com$`, r.stdout)
}

func TestPruneRefusesWithoutTerminalOrYes(t *testing.T) {
	t.Parallel()
	srv := pruneFixture(t)
	before := srv.Stats().Total
	r := runPruneOn(t, srv, newTestIO("y\n"), "json", pruneOptions{})
	assert.Equal(t, exitUsage, r.code)
	require.ErrorContains(t, r.err, "refusing to delete these 2 invite(s) without confirmation")
	require.ErrorContains(t, r.err, "pass --yes")
	assert.Equal(t, before+1, srv.Stats().Total, "one list, no delete")
	assert.Len(t, srv.Invites(), 5)
	// What --yes would delete is shown before the refusal, as a table on
	// stderr whatever -o says; stdout stays empty for the script.
	assert.Regexp(t, `(?m)^ID\s+EMAIL\s+ROLE\s+STATUS`, r.stderr)
	for _, email := range []string{"old1@example.com", "old2@example.com"} {
		assert.Regexp(t, `(?m)^invite-\S+\s+`+email+`\s+reader\s+expired\s`, r.stderr)
	}
	assert.NotContains(t, r.stderr, "week@example.com")
	assert.Empty(t, r.stdout)

	// On a terminal, a stdin that gave the key answers no question.
	keyOnStdin := cli{env: map[string]string{client.EnvBaseURL: srv.URL()}, stdin: srv.Key() + "\ny\n", terminal: true}
	r = keyOnStdin.run(t, "--api-key-file", "-", "prune")
	assert.Equal(t, exitUsage, r.code, r.stderr)
	assert.Contains(t, r.stderr, "old1@example.com")
	assert.Contains(t, r.stderr, "pass --yes")
	assert.Equal(t, before+2, srv.Stats().Total, "one more list, no delete")

	for _, args := range [][]string{
		{"prune", "--status", "accepted", "--yes"},
		{"prune", "--older-than", "1m", "--yes"},
		{"prune", "--older-than", "1mo", "--yes"},
		{"prune", "--older-than", "-3d", "--yes"},
	} {
		r := on(srv).run(t, args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", args, r.stderr)
	}
	assert.Equal(t, before+2, srv.Stats().Total)
}

func TestPruneWithNothingToPruneNeedsNoConfirmation(t *testing.T) {
	t.Parallel()
	srv := pruneFixture(t)
	r := runPruneOn(t, srv, newTestIO(""), "table", pruneOptions{OlderThan: 52 * 7 * 24 * time.Hour})
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "Nothing to prune.\n", r.stderr)
}
