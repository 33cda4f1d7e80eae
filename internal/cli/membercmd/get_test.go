package membercmd_test

import (
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/membercmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runUsersGetOn(t *testing.T, srv *fake.Server, output, member string) clitest.Result {
	t.Helper()
	tio := clitest.NewTestIO("")
	return tio.ResultOf(t.Context(), membercmd.RunGet(t.Context(), &membercmd.GetOptions{IO: tio.IOStreams, Client: clitest.ClientFor(srv), Output: output, Member: member}))
}

func TestUsersGetByIDAndByEmail(t *testing.T) {
	t.Parallel()
	// The emails filter answers no one here: only a scan finds a member.
	srv := membersFixture(t, fake.WithEmptyEmailsFilter())
	r := runUsersGetOn(t, srv, "json", "user-ci")
	require.Equal(t, 0, r.Code, r.Stderr)
	ci := clitest.DecodeJSON[membercmd.MemberOut](t, r)
	assert.Equal(t, "user-ci", ci.ID)
	assert.True(t, ci.ServiceAccount)

	r = runUsersGetOn(t, srv, "json", "ada@EXAMPLE.com")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "user-ada", clitest.DecodeJSON[membercmd.MemberOut](t, r).ID, "emails compare without regard to case")

	r = runUsersGetOn(t, srv, "table", "sso@example.com")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []string{
		"ID           user-sso",
		"Email        sso@example.com",
		"Name         Sam SSO",
		"Role         reader",
		"Added (UTC)  2026-11-01 09:30",
		"Kind         scim-managed",
	}, clitest.Lines(r.Stdout))

	r = runUsersGetOn(t, srv, "table", "user-anon")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, "Email        -\n")
}

func TestUsersGetMisses(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	r := runUsersGetOn(t, srv, "table", "nobody@example.com")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	require.ErrorContains(t, r.Err, "no member has the email nobody@example.com")
	assert.Empty(t, r.Stdout)

	r = runUsersGetOn(t, srv, "table", "user-gone")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Contains(t, cmdutil.DescribeError(r.Err), "404")

	before := srv.Stats().Total
	r = runUsersGetOn(t, srv, "table", "not an email@example.com")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	r = runUsersGetOn(t, srv, "table", "..")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Equal(t, before, srv.Stats().Total, "a malformed argument sends nothing")
}
