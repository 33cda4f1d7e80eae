package rosterfile

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
	assert.Equal(t, client.ProjectGrant{ID: "proj_a", Role: client.ProjectRoleOwner}, g)
	for _, bad := range []string{"", "proj_a", ":member", "proj_a:admin", "../x:member", "..:member", "a\tb:member", "a/b:member", "proj_a:member:x"} {
		_, err := parseGrant(bad)
		assert.Error(t, err, "%q", bad)
	}
}

// A project may be written by name, spaces and all, for a sync to resolve.
func TestParseGrantTakesAName(t *testing.T) {
	t.Parallel()
	grants, err := ParseProjects(" Default project : member ; Research:owner")
	require.NoError(t, err)
	assert.Equal(t, []client.ProjectGrant{{ID: "Default project", Role: "member"}, {ID: "Research", Role: "owner"}}, grants)
	assert.Equal(t, "Default project:member;Research:owner", FormatProjects(grants))
}

func TestParseProjectsRoundTrip(t *testing.T) {
	t.Parallel()
	grants, err := ParseProjects("proj_a:member; proj_b:owner;")
	require.NoError(t, err)
	assert.Equal(t, "proj_a:member;proj_b:owner", FormatProjects(grants))
	_, err = ParseProjects(";;")
	require.Error(t, err)
	none, err := ParseProjects("NONE")
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
	assert.Equal(t, client.RoleOwner, role)
	_, err = checkRole("member")
	require.Error(t, err)
}

func TestParseEntryReportsEveryProblem(t *testing.T) {
	t.Parallel()
	_, err := ParseEntry("bob@", "admin", "proj_a")
	require.Error(t, err)
	for _, want := range []string{`invalid email "bob@"`, `invalid role "admin"`, `project "proj_a"`} {
		assert.Contains(t, err.Error(), want)
	}
	e, err := ParseEntry(" ada@example.com ", "Reader", "")
	require.NoError(t, err)
	assert.Equal(t, client.CreateParams{Email: "ada@example.com", Role: client.RoleReader}, e.Params())
}

func TestCheckEmailIsTheClientsRule(t *testing.T) {
	t.Parallel()
	for _, email := range []string{"a@localhost", `"a b"@example.com`, "ada@example.com", "a@[127.0.0.1]"} {
		mine, lib := checkEmail(email), client.ValidateEmail(email)
		assert.Equal(t, lib == nil, mine == nil, email)
		if mine != nil {
			require.ErrorIs(t, mine, client.ErrInvalidInput, email)
			assert.NotContains(t, mine.Error(), "invites:", "the caller names itself once")
		}
	}
}
