package main

import (
	"strings"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runCreateOn runs runCreate with opts against srv, with -o output.
func runCreateOn(t *testing.T, srv *fake.Server, output string, opts createOptions) result {
	t.Helper()
	tio := newTestIO("")
	opts.IO, opts.Client, opts.Output = tio.IOStreams, clientFor(srv), output
	return tio.resultOf(t.Context(), runCreate(t.Context(), &opts))
}

func TestCreate(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)

	r := runCreateOn(t, srv, "json", createOptions{Email: "ada@example.com", Role: "reader"})
	require.Equal(t, 0, r.code, r.stderr)
	got := decodeJSON[inviteOut](t, r)
	assert.Equal(t, "ada@example.com", got.Email)
	assert.Equal(t, "pending", got.Status)
	assert.Equal(t, fakeInvite(t, srv, "ada@example.com").ID, got.ID)

	r = runCreateOn(t, srv, "table", createOptions{Email: "bob@example.com", Role: "owner", Projects: []string{"proj_a:owner", "proj_b:member"}})
	require.Equal(t, 0, r.code, r.stderr)
	bob := fakeInvite(t, srv, "bob@example.com")
	require.Len(t, bob.Projects, 2)
	assert.Equal(t, "proj_a", bob.Projects[0].ID)
	assert.Equal(t, "owner", bob.Projects[0].Role)
	assert.Contains(t, r.stdout, "proj_a:owner;proj_b:member")

	r = runCreateOn(t, srv, "table", createOptions{Email: "cy@example.com", Role: "reader", NoProjects: true})
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, fakeInvite(t, srv, "cy@example.com").Projects)

	// The fake refuses a second pending invite to one email, as a 400.
	r = on(srv).run(t, "create", "ada@example.com", "--role", "reader")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr, "invite_already_exists")
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
		r := on(srv).run(t, args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", args, r.stderr)
		assert.Len(t, lines(r.stderr), 1+boolInt(strings.Contains(r.stderr, "Run '")), "%v: %s", args, r.stderr)
	}
	assert.Equal(t, 0, srv.Stats().Total)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
