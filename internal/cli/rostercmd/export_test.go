package rostercmd_test

import (
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExportThenSyncCheckFindsNothing(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, rosterProjects(), fake.WithInvites(40),
		fake.WithDefaultProjects(fake.ProjectGrant{ID: "proj_default", Role: "member"})) // the default recorded as a grant
	require.Equal(t, 0, clitest.On(srv).Run(t, "create", "ada@example.com", "--role", "owner", "--project", "proj_b:member", "--project", "proj_a:owner").Code)
	require.Equal(t, 0, clitest.On(srv).Run(t, "create", "bob@example.com", "--role", "reader", "--no-projects").Code)

	r := clitest.On(srv).Run(t, "export")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "email,role,projects", clitest.Lines(r.Stdout)[0])
	assert.Contains(t, clitest.Lines(r.Stdout), "ada@example.com,owner,proj_b:member;proj_a:owner")
	assert.Contains(t, clitest.Lines(r.Stdout), "bob@example.com,reader,none")
	for _, inv := range srv.Invites() {
		if inv.Status == "expired" {
			assert.NotContains(t, r.Stdout, inv.Email+",", "expired invites are left out")
		}
	}

	file := clitest.WriteFile(t, "roster.csv", r.Stdout)
	r = clitest.On(srv).Run(t, "sync", "--file", file, "--check", "--revoke-missing")
	assert.Equal(t, 0, r.Code, r.Stdout+r.Stderr)
	assert.Contains(t, r.Stdout, "Nothing to do: the organization matches the roster.")
}

// A roster is CSV: export -o json is refused before anything is read,
// saying why and what gives JSON, rather than writing CSV under a JSON
// flag; -o csv is the roster.
func TestExportRefusesJSON(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(3))
	r := clitest.On(srv).Run(t, "export", "-o", "json")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Empty(t, r.Stdout)
	assert.Equal(t, []string{"invites: export writes a roster, which is CSV: -o json is not one (invites list --all -o json gives the invites as JSON)"}, clitest.Lines(r.Stderr))
	assert.Zero(t, srv.Stats().Total, "refused before any request")

	csvOut := clitest.On(srv).Run(t, "export", "-o", "csv")
	require.Equal(t, 0, csvOut.Code, csvOut.Stderr)
	table := clitest.On(srv).Run(t, "export")
	assert.Equal(t, "email,role,projects", clitest.Lines(csvOut.Stdout)[0])
	assert.Equal(t, table.Stdout, csvOut.Stdout)
}
