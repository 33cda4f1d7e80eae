package invitecmd_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/invitecmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runListOn runs RunList against srv with opts' flags and -o output.
func runListOn(t *testing.T, srv *fake.Server, output string, opts invitecmd.ListOptions) clitest.Result {
	t.Helper()
	tio := clitest.NewTestIO("")
	opts.IO, opts.Client, opts.Output = tio.IOStreams, clitest.ClientFor(srv), output
	return tio.ResultOf(t.Context(), invitecmd.RunList(t.Context(), &opts))
}

func TestListOnePageThenAll(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(25))
	held := srv.Invites()

	r := runListOn(t, srv, "json", invitecmd.ListOptions{})
	require.Equal(t, 0, r.Code, r.Stderr)
	page := clitest.DecodeJSON[invitecmd.ListOut](t, r)
	require.Len(t, page.Invites, 20, "one page of the API's default size")
	assert.True(t, page.HasMore)
	require.NotNil(t, page.LastID)
	assert.Equal(t, held[19].ID, *page.LastID)
	assert.Contains(t, r.Stderr, "invites list --after "+held[19].ID)

	r = runListOn(t, srv, "json", invitecmd.ListOptions{After: *page.LastID})
	require.Equal(t, 0, r.Code, r.Stderr)
	rest := clitest.DecodeJSON[invitecmd.ListOut](t, r)
	assert.Len(t, rest.Invites, 5)
	assert.False(t, rest.HasMore)

	r = runListOn(t, srv, "csv", invitecmd.ListOptions{All: true})
	require.Equal(t, 0, r.Code, r.Stderr)
	rows := clitest.Lines(r.Stdout)
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

	r := runListOn(t, srv, "json", invitecmd.ListOptions{Status: "pending", All: true})
	require.Equal(t, 0, r.Code, r.Stderr)
	var got []string
	for _, inv := range clitest.DecodeJSON[invitecmd.ListOut](t, r).Invites {
		got = append(got, inv.ID)
	}
	assert.Equal(t, pending, got)
	assert.NotContains(t, r.Stderr, "this page only")

	r = runListOn(t, srv, "table", invitecmd.ListOptions{Status: "pending", Limit: 10})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stderr, "--status filtered this page only")
	assert.Contains(t, r.Stderr, "of its 10 invites are pending; add --all")
	for _, row := range clitest.Lines(r.Stdout)[1:] {
		assert.Equal(t, "pending", strings.Fields(row)[3])
	}
}

// The command only fills ListOptions from the command line; RunList gets
// them as they are.
func TestNewListCmdFillsItsOptions(t *testing.T) {
	t.Parallel()
	f := cmdutil.NewFactory(clitest.NewTestIO("").IOStreams, func(string) string { return "" })
	var got *invitecmd.ListOptions
	cmd := invitecmd.NewListCmd(f, func(_ context.Context, opts *invitecmd.ListOptions) error { got = opts; return nil })
	cmd.SetArgs([]string{"--status", "pending", "--limit", "5", "--email", "ada@example.com"})
	require.NoError(t, cmd.Execute())
	require.NotNil(t, got)
	assert.NotNil(t, got.Client, "the factory's client")
	filled := *got
	filled.Client = nil // a func: only nil compares
	assert.Equal(t, invitecmd.ListOptions{IO: f.IO, Status: "pending", Limit: 5, Email: "ada@example.com"}, filled)

	cmd = invitecmd.NewListCmd(f, func(context.Context, *invitecmd.ListOptions) error {
		t.Error("ran despite a flag conflict")
		return nil
	})
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
		r := clitest.On(srv).Run(t, args...)
		assert.Equal(t, cmdutil.ExitUsage, r.Code, "%v: %s", args, r.Stderr)
	}
	assert.Equal(t, 0, srv.Stats().Total)
}

func TestAPIFailuresExit1(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	wrongKey := clitest.On(srv)
	wrongKey.Env[client.EnvAPIKey] = "sk-admin-wrong"
	r := wrongKey.Run(t, "list")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	require.Len(t, clitest.Lines(r.Stderr), 2, r.Stderr)
	assert.Regexp(t, `^invites: 401 Unauthorized: `, clitest.Lines(r.Stderr)[0])
	assert.Equal(t, "invites: the API refused the key from OPENAI_ADMIN_KEY: it must be an active Admin API key (sk-admin-...)", clitest.Lines(r.Stderr)[1])
	assert.NotContains(t, r.Stderr, "sk-admin-wrong")

	down := fake.NewServer(t)
	url := down.URL()
	down.Close()
	r = clitest.CLI{Env: map[string]string{client.EnvAPIKey: "k"}}.Run(t, "--base-url", url, "--max-retries", "0", "list")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Len(t, clitest.Lines(r.Stderr), 1, r.Stderr)
	assert.Contains(t, r.Stderr, "connection refused")
}

func TestInterruptedListExits130(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(3))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	c := clitest.On(srv)
	c.Ctx = ctx
	r := c.Run(t, "list", "--all")
	assert.Equal(t, cmdutil.ExitInterrupted, r.Code)
	// Interrupted before it began: whether the client sent the read at all
	// is its own affair; nothing was changed either way.
	assert.Regexp(t, `^invites: interrupted (while reading the invites, )?before any change was sent: nothing was changed\n$`, r.Stderr)
	assert.Empty(t, r.Stdout)
}

func TestPlainHTTPBaseURLSaysWhatToDo(t *testing.T) {
	t.Parallel()
	r := clitest.CLI{Env: map[string]string{client.EnvAPIKey: "sk-admin-k"}}.Run(t, "--base-url", "http://api.example.com/v1", "list")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Contains(t, r.Stderr, "give an https:// URL")
	assert.NotContains(t, r.Stderr, "WithInsecureHTTP", "a CLI user cannot pass a Go option")
}
