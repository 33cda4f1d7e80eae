package invitecmd_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/invitecmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runDeleteOn runs RunDelete for invites against srv, with -o output.
func runDeleteOn(t *testing.T, srv *fake.Server, output string, invites ...string) clitest.Result {
	t.Helper()
	tio := clitest.NewTestIO("")
	return tio.ResultOf(t.Context(), invitecmd.RunDelete(t.Context(), &invitecmd.DeleteOptions{IO: tio.IOStreams, Client: clitest.ClientFor(srv), Output: output, Invites: invites}))
}

func TestDeleteReportsEveryID(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	for _, email := range []string{"a@example.com", "b@example.com", "c@example.com"} {
		require.Equal(t, 0, clitest.On(srv).Run(t, "create", email, "--role", "reader").Code)
	}
	a, b, c := clitest.FakeInvite(t, srv, "a@example.com"), clitest.FakeInvite(t, srv, "b@example.com"), clitest.FakeInvite(t, srv, "c@example.com")
	require.NoError(t, srv.Accept(b.ID))

	r := runDeleteOn(t, srv, "json", a.ID, "invite-missing", b.ID, c.ID)
	assert.Equal(t, cmdutil.ExitFailure, r.Code, "some IDs failed")
	results := clitest.DecodeJSON[[]cmdutil.DeleteOut](t, r)
	require.Len(t, results, 4)
	assert.Equal(t, cmdutil.DeleteOut{ID: a.ID, Deleted: true}, results[0])
	assert.Contains(t, results[1].Error, "404")
	assert.Contains(t, results[2].Error, "accepted")
	assert.Equal(t, cmdutil.DeleteOut{ID: c.ID, Deleted: true}, results[3], "a failure does not stop the rest")

	var left []string
	for _, inv := range srv.Invites() {
		left = append(left, inv.ID)
	}
	assert.Equal(t, []string{b.ID}, left)
	assert.Equal(t, 2, srv.Stats().Count(http.MethodDelete, http.StatusOK))

	r = runDeleteOn(t, srv, "table", c.ID, "..")
	assert.Equal(t, cmdutil.ExitUsage, r.Code, "a bad ID stops the command before any delete")
	assert.Equal(t, 2, srv.Stats().Count(http.MethodDelete, http.StatusOK))

	r = runDeleteOn(t, srv, "table", b.ID)
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.True(t, slices.ContainsFunc(clitest.Lines(r.Stdout), func(l string) bool { return strings.HasPrefix(l, "FAILED  "+b.ID) }), r.Stdout)
}
