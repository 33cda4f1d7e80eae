package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runListOn runs runList against srv with opts' flags and -o output.
func runListOn(t *testing.T, srv *fake.Server, output string, opts listOptions) result {
	t.Helper()
	tio := newTestIO("")
	opts.IO, opts.Client, opts.Output = tio.IOStreams, clientFor(srv), output
	return tio.resultOf(t.Context(), runList(t.Context(), &opts))
}

func TestListOnePageThenAll(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(25))
	held := srv.Invites()

	r := runListOn(t, srv, "json", listOptions{})
	require.Equal(t, 0, r.code, r.stderr)
	page := decodeJSON[listOut](t, r)
	require.Len(t, page.Invites, 20, "one page of the API's default size")
	assert.True(t, page.HasMore)
	require.NotNil(t, page.LastID)
	assert.Equal(t, held[19].ID, *page.LastID)
	assert.Contains(t, r.stderr, "invites list --after "+held[19].ID)

	r = runListOn(t, srv, "json", listOptions{After: *page.LastID})
	require.Equal(t, 0, r.code, r.stderr)
	rest := decodeJSON[listOut](t, r)
	assert.Len(t, rest.Invites, 5)
	assert.False(t, rest.HasMore)

	r = runListOn(t, srv, "csv", listOptions{All: true})
	require.Equal(t, 0, r.code, r.stderr)
	rows := lines(r.stdout)
	require.Len(t, rows, 26, "a header and every invite")
	for i, inv := range held {
		assert.True(t, strings.HasPrefix(rows[i+1], inv.ID+","+inv.Email+","), "row %d: %s", i, rows[i+1])
	}
}

func TestListStatusFilter(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(30))
	var pending []string
	for _, inv := range srv.Invites() {
		if inv.Status == "pending" {
			pending = append(pending, inv.ID)
		}
	}
	require.NotEmpty(t, pending)

	r := runListOn(t, srv, "json", listOptions{Status: "pending", All: true})
	require.Equal(t, 0, r.code, r.stderr)
	var got []string
	for _, inv := range decodeJSON[listOut](t, r).Invites {
		got = append(got, inv.ID)
	}
	assert.Equal(t, pending, got)
	assert.NotContains(t, r.stderr, "this page only")

	r = runListOn(t, srv, "table", listOptions{Status: "pending", Limit: 10})
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "--status filtered this page only")
	assert.Contains(t, r.stderr, "of its 10 invites are pending; add --all")
	for _, row := range lines(r.stdout)[1:] {
		assert.Equal(t, "pending", strings.Fields(row)[3])
	}
}

// The command only fills listOptions from the command line; runList gets
// them as they are.
func TestNewListCmdFillsItsOptions(t *testing.T) {
	t.Parallel()
	f := newFactory(newTestIO("").IOStreams, func(string) string { return "" })
	var got *listOptions
	cmd := newListCmd(f, func(_ context.Context, opts *listOptions) error { got = opts; return nil })
	cmd.SetArgs([]string{"--status", "pending", "--limit", "5", "--email", "ada@example.com"})
	require.NoError(t, cmd.Execute())
	require.NotNil(t, got)
	assert.NotNil(t, got.Client, "the factory's client")
	filled := *got
	filled.Client = nil // a func: only nil compares
	assert.Equal(t, listOptions{IO: f.IO, Status: "pending", Limit: 5, Email: "ada@example.com"}, filled)

	cmd = newListCmd(f, func(context.Context, *listOptions) error { t.Error("ran despite a flag conflict"); return nil })
	cmd.SetArgs([]string{"--all", "--after", "invite-x"})
	cmd.SetErr(&bytes.Buffer{})
	assert.Error(t, cmd.Execute())
}

func TestListRejectsBadFlagsBeforeSending(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	for _, args := range [][]string{
		{"list", "--limit", "101"},
		{"list", "--limit", "-1"},
		{"list", "--status", "gone"},
		{"list", "--all", "--after", "x"},
		{"list", "--limit", "ten"},
	} {
		r := on(srv).run(t, args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", args, r.stderr)
	}
	assert.Equal(t, 0, srv.Stats().Total)
}

func TestAPIFailuresExit1(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	wrongKey := on(srv)
	wrongKey.env[client.EnvAPIKey] = "sk-admin-wrong"
	r := wrongKey.run(t, "list")
	assert.Equal(t, exitFailure, r.code)
	require.Len(t, lines(r.stderr), 2, r.stderr)
	assert.Regexp(t, `^invites: 401 Unauthorized: `, lines(r.stderr)[0])
	assert.Equal(t, "invites: the API refused the key from OPENAI_ADMIN_KEY: it must be an active Admin API key (sk-admin-...)", lines(r.stderr)[1])
	assert.NotContains(t, r.stderr, "sk-admin-wrong")

	down := fake.NewServer(t)
	url := down.URL()
	down.Close()
	r = cli{env: map[string]string{client.EnvAPIKey: "k"}}.run(t, "--base-url", url, "--max-retries", "0", "list")
	assert.Equal(t, exitFailure, r.code)
	assert.Len(t, lines(r.stderr), 1, r.stderr)
	assert.Contains(t, r.stderr, "connection refused")
}

func TestInterruptedListExits130(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(3))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	c := on(srv)
	c.ctx = ctx
	r := c.run(t, "list", "--all")
	assert.Equal(t, exitInterrupted, r.code)
	assert.Equal(t, "invites: interrupted\n", r.stderr)
	assert.Empty(t, r.stdout)
}

func TestPlainHTTPBaseURLSaysWhatToDo(t *testing.T) {
	t.Parallel()
	r := cli{env: map[string]string{client.EnvAPIKey: "sk-admin-k"}}.run(t, "--base-url", "http://api.example.com/v1", "list")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "give an https:// URL")
	assert.NotContains(t, r.stderr, "WithInsecureHTTP", "a CLI user cannot pass a Go option")
}
