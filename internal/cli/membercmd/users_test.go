package membercmd_test

import (
	"strings"
	"testing"

	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUsersHelpSaysWhatMembersAreAndTheExitCodes(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"users", "--help"}, {"users"},
		{"users", "list", "--help"}, {"users", "get", "--help"},
		{"users", "set-role", "--help"}, {"users", "remove", "--help"},
	} {
		r := clitest.CLI{}.Run(t, args...)
		require.Equal(t, 0, r.Code, "%v: %s", args, r.Stderr)
		help := strings.Join(strings.Fields(r.Stdout), " ") // as one line, whatever the wrapping
		for _, want := range []string{
			"accepted an invite", "joined through SSO", "service accounts", "SCIM",
			"without regard to case", "emails filter", "never trusted",
			"Exit codes: 0 success", "1 an API or network failure", "2 a usage error or a refusal", "130 interrupted",
		} {
			assert.Contains(t, help, want, "%v", args)
		}
	}
	r := clitest.CLI{}.Run(t, "users", "remove", "--help")
	assert.Contains(t, r.Stdout, "This cannot be undone")
	assert.Contains(t, r.Stdout, "--yes")
	assert.Contains(t, r.Stdout, "--force")
	r = clitest.CLI{}.Run(t, "users", "--help")
	assert.Contains(t, r.Stdout, "cannot be undone")
	for _, sub := range []string{"list", "get", "set-role", "remove"} {
		assert.Regexp(t, `(?m)^  `+sub+` `, r.Stdout)
	}
}

// TestUsersCommandLine covers what only the command line decides: flag and
// argument parsing, the exit codes and the error line.
func TestUsersCommandLine(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	clitest.UsageErrors(t, srv, map[string][]string{
		"remove with no member":    {"users", "remove"},
		"set-role with one arg":    {"users", "set-role", "user-ada"},
		"set-role with a bad role": {"users", "set-role", "user-ada", "admin"},
		"get with two":             {"users", "get", "user-ada", "user-grace"},
		"get a bad email":          {"users", "get", "ada@localhost"},
		"remove a dot segment":     {"users", "remove", "user-ada", ".."},
		"unknown subcommand":       {"users", "frobnicate"},
		"unknown flag":             {"users", "list", "--all"},
	})

	r := clitest.On(srv).Run(t, "users", "get", "nobody@example.com")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Equal(t, []string{"invites: no member has the email nobody@example.com (every member was read)"}, clitest.Lines(r.Stderr))

	// Without a terminal, remove shows whom it would remove, then refuses.
	r = clitest.On(srv).Run(t, "users", "remove", "ada@example.com")
	assert.Equal(t, cmdutil.ExitUsage, r.Code, r.Stderr)
	assert.Contains(t, r.Stderr, "user-ada")
	assert.Contains(t, r.Stderr, "Ada Lovelace")
	assert.Contains(t, r.Stderr, "pass --yes")
	assert.Empty(t, r.Stdout)
	assert.Zero(t, writesTo(srv))

	r = clitest.On(srv).Run(t, "-v", "users", "remove", "-o", "json", "--yes", "ada@example.com")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []cmdutil.DeleteOut{{ID: "user-ada", Email: "Ada@Example.com", Deleted: true}}, clitest.DecodeJSON[[]cmdutil.DeleteOut](t, r))
	assert.Contains(t, r.Stderr, "DELETE", "-v logs the requests")
	assert.NotContains(t, r.Stdout+r.Stderr, srv.Key(), "the key never appears in output")
	assert.Equal(t, []string{"user-ada"}, removedIDs(srv))

	r = clitest.On(srv).Run(t, "users", "set-role", "--force", "sso@example.com", "OWNER", "-o", "csv")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "user-sso,sso@example.com,Sam SSO,owner,2026-11-01T09:30:00Z,false,true", clitest.Lines(r.Stdout)[1])
}
