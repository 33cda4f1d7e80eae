package invitecmd_test

import (
	"strings"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/invitecmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runCreateOn runs RunCreate with opts against srv, with -o output.
func runCreateOn(t *testing.T, srv *fake.Server, output string, opts invitecmd.CreateOptions) clitest.Result {
	t.Helper()
	tio := clitest.NewTestIO("")
	opts.IO, opts.Client, opts.Output = tio.IOStreams, clitest.ClientFor(srv), output
	return tio.ResultOf(t.Context(), invitecmd.RunCreate(t.Context(), &opts))
}

func TestCreate(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)

	r := runCreateOn(t, srv, "json", invitecmd.CreateOptions{Email: "ada@example.com", Role: "reader"})
	require.Equal(t, 0, r.Code, r.Stderr)
	got := clitest.DecodeJSON[invitecmd.InviteOut](t, r)
	assert.Equal(t, "ada@example.com", got.Email)
	assert.Equal(t, "pending", got.Status)
	assert.Equal(t, clitest.FakeInvite(t, srv, "ada@example.com").ID, got.ID)

	r = runCreateOn(t, srv, "table", invitecmd.CreateOptions{Email: "bob@example.com", Role: "owner", Projects: []string{"proj_a:owner", "proj_b:member"}})
	require.Equal(t, 0, r.Code, r.Stderr)
	bob := clitest.FakeInvite(t, srv, "bob@example.com")
	require.Len(t, bob.Projects, 2)
	assert.Equal(t, "proj_a", bob.Projects[0].ID)
	assert.Equal(t, "owner", bob.Projects[0].Role)
	assert.Contains(t, r.Stdout, "proj_a:owner;proj_b:member")

	r = runCreateOn(t, srv, "table", invitecmd.CreateOptions{Email: "cy@example.com", Role: "reader", NoProjects: true})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Empty(t, clitest.FakeInvite(t, srv, "cy@example.com").Projects)

	// The fake refuses a second pending invite to one email, as a 400.
	r = clitest.On(srv).Run(t, "create", "ada@example.com", "--role", "reader")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Contains(t, r.Stderr, "invite_already_exists")
	assert.Equal(t, 1, srv.CreatedFor("ada@example.com"))
}

func TestCreateRejectsBadInputBeforeSending(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	for _, args := range [][]string{
		{"create", "not-an-email", "--role", "reader"},
		{"create", "ada@example.com"},
		{"create", "ada@example.com", "--role", "admin"},
		{"create", "ada@example.com", "--role", "reader", "--project", "proj_a"},
		{"create", "ada@example.com", "--role", "reader", "--project", "proj_a:boss"},
		{"create", "ada@example.com", "--role", "reader", "--project", "p:member", "--no-projects"},
		{"create", "ada@example.com", "--role", "reader", "--project", "p:member", "--project", "p:owner"},
		{"create", "--role", "reader"},
	} {
		r := clitest.On(srv).Run(t, args...)
		assert.Equal(t, cmdutil.ExitUsage, r.Code, "%v: %s", args, r.Stderr)
		assert.Len(t, clitest.Lines(r.Stderr), 1+boolInt(strings.Contains(r.Stderr, "Run '")), "%v: %s", args, r.Stderr)
	}
	assert.Equal(t, 0, srv.Stats().Total)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// An invite needs a role: `create` refuses an empty one before sending.
func TestCreateNeedsARole(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	r := clitest.On(srv).Run(t, "create", "ada@example.com", "--role", "")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Equal(t, "invites: --role \"\": want reader or owner\n", r.Stderr)
	assert.Zero(t, srv.Stats().Total, "nothing sent")
}
