package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/rules/rulestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An email with a hidden character is refused with the character named, as
// an argument and in a roster file, and nothing is sent.
func TestCLIRefusesHiddenCharactersInEmails(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	for email, named := range rulestest.HiddenEmails {
		r := on(srv).run(t, "create", email, "--role", "reader")
		assert.Equal(t, exitUsage, r.code, "%q: %s", email, r.stderr)
		assert.Contains(t, r.stderr, named)

		file := writeFile(t, "team.csv", "email,role\nada@example.com,reader\n"+email+",reader\n")
		for _, args := range [][]string{{"import"}, {"sync", "--yes"}} {
			cmd := args[0]
			r = on(srv).run(t, append(args, "--file", file)...)
			assert.Equal(t, exitUsage, r.code, "%s %q: %s", cmd, email, r.stderr)
			assert.Contains(t, r.stderr, file+":3: invalid email ")
			assert.Contains(t, r.stderr, named)
		}
	}
	assert.Zero(t, srv.Stats().Total)
}

// A Google Workspace download is read as it is, with no flag: the CLI says
// what it read, and plans only the active accounts.
func TestSyncReadsAWorkspaceExport(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	export, err := os.ReadFile(filepath.Join("..", "..", "roster", "testdata", "google-workspace.csv"))
	require.NoError(t, err)
	file := writeFile(t, "users.csv", string(export))
	sum, r := syncSummaryOf(t, on(srv), "--file", file, "--dry-run")
	require.Equal(t, 0, r.code, r.stderr)
	var planned []string
	for _, a := range sum.Actions {
		planned = append(planned, a.Email+" "+string(a.Action))
	}
	assert.Equal(t, []string{"ada@example.com create", "grace@example.com create", "alan@example.com create", "Emmy.Noether@example.com create"}, planned)
	assert.Contains(t, r.stderr, file+`: Google Workspace user export recognised; emails from "Email Address [Required]"`)
	assert.Contains(t, r.stderr, file+`: kept 4 of 6 rows, those with Status [READ ONLY] "Active"; left out 1 with Status [READ ONLY] "Suspended", 1 with Status [READ ONLY] "Archived"`)
	assert.Contains(t, r.stderr, file+": no role column: every row gets reader")
}
