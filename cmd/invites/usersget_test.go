package main

import (
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runUsersGetOn(t *testing.T, srv *fake.Server, output, member string) result {
	t.Helper()
	tio := newTestIO("")
	return tio.resultOf(t.Context(), runUsersGet(t.Context(), &usersGetOptions{IO: tio.IOStreams, Client: clientFor(srv), Output: output, Member: member}))
}

func TestUsersGetByIDAndByEmail(t *testing.T) {
	t.Parallel()
	// The emails filter answers no one here: only a scan finds a member.
	srv := membersFixture(t, fake.WithEmptyEmailsFilter())
	r := runUsersGetOn(t, srv, "json", "user-ci")
	require.Equal(t, 0, r.code, r.stderr)
	ci := decodeJSON[memberOut](t, r)
	assert.Equal(t, "user-ci", ci.ID)
	assert.True(t, ci.ServiceAccount)

	r = runUsersGetOn(t, srv, "json", "ada@EXAMPLE.com")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "user-ada", decodeJSON[memberOut](t, r).ID, "emails compare without regard to case")

	r = runUsersGetOn(t, srv, "table", "sso@example.com")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, []string{
		"ID           user-sso",
		"Email        sso@example.com",
		"Name         Sam SSO",
		"Role         reader",
		"Added (UTC)  2026-11-01 09:30",
		"Kind         scim-managed",
	}, lines(r.stdout))

	r = runUsersGetOn(t, srv, "table", "user-anon")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Email        -\n")
}

func TestUsersGetMisses(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	r := runUsersGetOn(t, srv, "table", "nobody@example.com")
	assert.Equal(t, exitFailure, r.code)
	require.ErrorContains(t, r.err, "no member has the email nobody@example.com")
	assert.Empty(t, r.stdout)

	r = runUsersGetOn(t, srv, "table", "user-gone")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, describeError(r.err), "404")

	before := srv.Stats().Total
	r = runUsersGetOn(t, srv, "table", "not an email@example.com")
	assert.Equal(t, exitUsage, r.code)
	r = runUsersGetOn(t, srv, "table", "..")
	assert.Equal(t, exitUsage, r.code)
	assert.Equal(t, before, srv.Stats().Total, "a malformed argument sends nothing")
}
