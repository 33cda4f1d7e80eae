package invitecmd_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/invitecmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// emailOrg holds ada (expired, then pending again), bob (accepted) and
// cy (two pending invites, as a server that allows duplicates may hold).
func emailOrg(t *testing.T) *fake.Server {
	t.Helper()
	srv := fake.NewServer(t, fake.WithDuplicates(fake.AllowDuplicates))
	c := clitest.On(srv)
	require.Equal(t, 0, c.Run(t, "create", "ada@example.com", "--role", "reader").Code)
	srv.Advance(8 * 24 * time.Hour)
	for _, args := range [][]string{
		{"create", "ada@example.com", "--role", "owner"},
		{"create", "bob@example.com", "--role", "reader"},
		{"create", "cy@example.com", "--role", "reader"},
		{"create", "cy@example.com", "--role", "reader"},
	} {
		require.Equal(t, 0, c.Run(t, args...).Code)
	}
	require.NoError(t, srv.Accept(clitest.FakeInvite(t, srv, "bob@example.com").ID))
	return srv
}

func TestGetByEmail(t *testing.T) {
	t.Parallel()
	srv := emailOrg(t)
	before := srv.Stats().Total
	r := runGetOn(t, srv, "json", "ADA@example.com")
	require.Equal(t, 0, r.Code, r.Stderr)
	got := clitest.DecodeJSON[invitecmd.InviteOut](t, r)
	assert.Equal(t, "owner", got.Role, "the pending invite, not the expired one")
	assert.Equal(t, "pending", got.Status)
	assert.Equal(t, before+1, srv.Stats().Total, "one look-up")

	r = clitest.On(srv).Run(t, "get", "cy@example.com")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Regexp(t, `^invites: cy@example.com matches 2 invites \(invite-\S+ \(pending\), invite-\S+ \(pending\)\); give one by ID\n$`, r.Stderr)

	r = runGetOn(t, srv, "table", "nobody@example.com")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.ErrorContains(t, r.Err, "no invite for nobody@example.com")
}

func TestDeleteByEmail(t *testing.T) {
	t.Parallel()
	srv := emailOrg(t)
	ada := clitest.FakeInvite(t, srv, "ada@example.com") // the newest: pending
	r := runDeleteOn(t, srv, "json", "ada@example.com", "bob@example.com", "cy@example.com")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	results := clitest.DecodeJSON[[]cmdutil.DeleteOut](t, r)
	require.Len(t, results, 3)
	assert.Equal(t, cmdutil.DeleteOut{ID: ada.ID, Email: "ada@example.com", Deleted: true}, results[0])
	assert.Contains(t, results[1].Error, "only invite was accepted")
	assert.Contains(t, results[2].Error, "matches 2 invites")
	assert.Equal(t, 1, srv.Stats().Count(http.MethodDelete, http.StatusOK), "only ada's pending invite")
	assert.Equal(t, 1, srv.Stats().Count(http.MethodGet, http.StatusOK), "one look-up for the three")
}

func TestListByEmail(t *testing.T) {
	t.Parallel()
	srv := emailOrg(t)
	r := runListOn(t, srv, "json", invitecmd.ListOptions{Email: "Ada@Example.com"})
	require.Equal(t, 0, r.Code, r.Stderr)
	got := clitest.DecodeJSON[invitecmd.ListOut](t, r).Invites
	require.Len(t, got, 2)
	assert.Equal(t, []string{"pending", "expired"}, []string{got[0].Status, got[1].Status})
}
