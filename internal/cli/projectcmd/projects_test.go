package projectcmd_test

import (
	"strings"
	"testing"

	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProjectsHelpSaysHowThingsAreNamedAndTheExitCodes(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"projects", "--help"}, {"projects"}, {"projects", "list", "--help"}, {"projects", "get", "--help"},
		{"projects", "members"}, {"projects", "members", "list", "--help"}, {"projects", "members", "add", "--help"},
		{"projects", "members", "set-role", "--help"}, {"projects", "members", "remove", "--help"},
	} {
		r := clitest.CLI{}.Run(t, args...)
		require.Equal(t, 0, r.Code, "%v: %s", args, r.Stderr)
		help := strings.Join(strings.Fields(r.Stdout), " ") // as one line, whatever the wrapping
		for _, want := range []string{
			"by ID or by name", "ID first, then as a name", "refused (exit 2) with their IDs",
			"user ID (user-...) or by email", "without regard to case", "owners of every project",
			"Exit codes: 0 success", "1 an API or network failure", "2 a usage error or a refusal", "130 interrupted",
		} {
			assert.Contains(t, help, want, "%v", args)
		}
	}
	r := clitest.CLI{}.Run(t, "projects", "members", "remove", "--help")
	assert.Contains(t, r.Stdout, "--yes")
	assert.Contains(t, r.Stdout, "ends at")
	r = clitest.CLI{}.Run(t, "projects", "members", "add", "--help")
	assert.Contains(t, r.Stdout, `--role string   the project role: member or owner (default "member")`)
	r = clitest.CLI{}.Run(t, "projects", "--help")
	for _, sub := range []string{"list", "get", "members"} {
		assert.Regexp(t, `(?m)^  `+sub+` `, r.Stdout)
	}
	r = clitest.CLI{}.Run(t, "--help")
	assert.Regexp(t, `(?m)^  projects `, r.Stdout, "the root lists the projects commands")
}

// TestProjectsCommandLine covers what only the command line decides: flag
// and argument parsing, the exit codes and the error line.
func TestProjectsCommandLine(t *testing.T) {
	t.Parallel()
	srv := projectsFixture(t)
	clitest.UsageErrors(t, srv, map[string][]string{
		"get with no project":        {"projects", "get"},
		"members list with two":      {"projects", "members", "list", "Research", "Support"},
		"add with no member":         {"projects", "members", "add", "Research"},
		"add with a bad role":        {"projects", "members", "add", "Research", "user-ada", "--role", "admin"},
		"set-role with two args":     {"projects", "members", "set-role", "Research", "user-ada"},
		"set-role with a bad role":   {"projects", "members", "set-role", "Research", "user-ada", "reader"},
		"remove with no member":      {"projects", "members", "remove", "Research"},
		"remove a dot segment":       {"projects", "members", "remove", "Research", "user-bob", ".."},
		"unknown subcommand":         {"projects", "frobnicate"},
		"unknown members subcommand": {"projects", "members", "frobnicate"},
		"unknown flag":               {"projects", "list", "--all"},
	})

	r := clitest.On(srv).Run(t, "projects", "get", "Ops")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Equal(t, []string{`invites: 2 projects are named "Ops" (proj_ops2, proj_ops1): name one by its ID`}, clitest.Lines(r.Stderr))

	// Without a terminal, remove shows whom it would remove, then refuses.
	r = clitest.On(srv).Run(t, "projects", "members", "remove", "Research", "bob@example.com")
	assert.Equal(t, cmdutil.ExitUsage, r.Code, r.Stderr)
	assert.Contains(t, r.Stderr, "user-bob")
	assert.Contains(t, r.Stderr, "pass --yes")
	assert.Empty(t, r.Stdout)
	assert.Zero(t, clitest.ProjectWrites(srv))

	r = clitest.On(srv).Run(t, "-v", "projects", "members", "remove", "-o", "json", "--yes", "Research", "bob@example.com")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []cmdutil.DeleteOut{{ID: "user-bob", Email: "bob@example.com", Deleted: true}}, clitest.DecodeJSON[[]cmdutil.DeleteOut](t, r))
	assert.Contains(t, r.Stderr, "DELETE", "-v logs the requests")
	assert.NotContains(t, r.Stdout+r.Stderr, srv.Key(), "the key never appears in output")

	r = clitest.On(srv).Run(t, "projects", "members", "add", "Support", "ada@example.com", "--role", "OWNER", "-o", "csv")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "proj_support,user-ada,Ada@Example.com,Ada Lovelace,owner,2026-11-01T09:30:00Z", clitest.Lines(r.Stdout)[1])
}
