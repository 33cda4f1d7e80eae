package main

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runDeleteOn runs runDelete for invites against srv, with -o output.
func runDeleteOn(t *testing.T, srv *fake.Server, output string, invites ...string) result {
	t.Helper()
	tio := newTestIO("")
	return tio.resultOf(t.Context(), runDelete(t.Context(), &deleteOptions{IO: tio.IOStreams, Client: clientFor(srv), Output: output, Invites: invites}))
}

func TestDeleteReportsEveryID(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	for _, email := range []string{"a@example.com", "b@example.com", "c@example.com"} {
		require.Equal(t, 0, on(srv).run(t, "create", email, "--role", "reader").code)
	}
	a, b, c := fakeInvite(t, srv, "a@example.com"), fakeInvite(t, srv, "b@example.com"), fakeInvite(t, srv, "c@example.com")
	require.NoError(t, srv.Accept(b.ID))

	r := runDeleteOn(t, srv, "json", a.ID, "invite-missing", b.ID, c.ID)
	assert.Equal(t, exitFailure, r.code, "some IDs failed")
	results := decodeJSON[[]deleteOut](t, r)
	require.Len(t, results, 4)
	assert.Equal(t, deleteOut{ID: a.ID, Deleted: true}, results[0])
	assert.Contains(t, results[1].Error, "404")
	assert.Contains(t, results[2].Error, "accepted")
	assert.Equal(t, deleteOut{ID: c.ID, Deleted: true}, results[3], "a failure does not stop the rest")

	var left []string
	for _, inv := range srv.Invites() {
		left = append(left, inv.ID)
	}
	assert.Equal(t, []string{b.ID}, left)
	assert.Equal(t, 2, srv.Stats().Count(http.MethodDelete, http.StatusOK))

	r = runDeleteOn(t, srv, "table", c.ID, "..")
	assert.Equal(t, exitUsage, r.code, "a bad ID stops the command before any delete")
	assert.Equal(t, 2, srv.Stats().Count(http.MethodDelete, http.StatusOK))

	r = runDeleteOn(t, srv, "table", b.ID)
	assert.Equal(t, exitFailure, r.code)
	assert.True(t, slices.ContainsFunc(lines(r.stdout), func(l string) bool { return strings.HasPrefix(l, "FAILED  "+b.ID) }), r.stdout)
}
