package main

import (
	"strings"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseGrant(t *testing.T) {
	t.Parallel()
	g, err := parseGrant(" proj_a : Owner ")
	require.NoError(t, err)
	assert.Equal(t, grant{"proj_a", "owner"}, g)
	for _, bad := range []string{"", "proj_a", ":member", "proj_a:admin", "../x:member", "..:member", "a b:member", "proj_a:member:x"} {
		_, err := parseGrant(bad)
		assert.Error(t, err, "%q", bad)
	}
}

func TestParseProjectsRoundTrip(t *testing.T) {
	t.Parallel()
	grants, err := parseProjects("proj_a:member; proj_b:owner;")
	require.NoError(t, err)
	assert.Equal(t, "proj_a:member;proj_b:owner", formatProjects(grants))
	_, err = parseProjects(";;")
	require.Error(t, err)
	none, err := parseProjects("NONE")
	require.NoError(t, err)
	assert.NotNil(t, none)
	assert.Empty(t, none)
}

func TestCheckEmail(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"ada@example.com", "a.b+tag@sub.example.co.uk"} {
		require.NoError(t, checkEmail(ok), ok)
	}
	for _, bad := range []string{"", "ada", "ada@", "@example.com", "ada@example", "ada@example.com ", "<ada@example.com>", "a@b@c.com", strings.Repeat("a", 250) + "@example.com"} {
		assert.Error(t, checkEmail(bad), "%q", bad)
	}
}

func TestCheckRole(t *testing.T) {
	t.Parallel()
	role, err := checkRole(" OWNER")
	require.NoError(t, err)
	assert.Equal(t, "owner", role)
	_, err = checkRole("member")
	require.Error(t, err)
}

func TestCheckEmailIsTheClientsRule(t *testing.T) {
	t.Parallel()
	for _, email := range []string{"a@localhost", `"a b"@example.com`, "ada@example.com", "a@[127.0.0.1]"} {
		cli, lib := checkEmail(email), client.ValidateEmail(email)
		assert.Equal(t, lib == nil, cli == nil, email)
		if cli != nil {
			require.ErrorIs(t, cli, client.ErrInvalidInput, email)
			assert.NotContains(t, cli.Error(), "invites:", "the CLI names itself once")
		}
	}
}
