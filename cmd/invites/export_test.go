package main

import (
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExportThenSyncCheckFindsNothing(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(40),
		fake.WithDefaultProjects(fake.ProjectGrant{ID: "proj_default", Role: "member"})) // the default recorded as a grant
	require.Equal(t, 0, on(srv).run(t, "create", "ada@example.com", "--role", "owner", "--project", "proj_b:member", "--project", "proj_a:owner").code)
	require.Equal(t, 0, on(srv).run(t, "create", "bob@example.com", "--role", "reader", "--no-projects").code)

	r := on(srv).run(t, "export")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "email,role,projects", lines(r.stdout)[0])
	assert.Contains(t, lines(r.stdout), "ada@example.com,owner,proj_b:member;proj_a:owner")
	assert.Contains(t, lines(r.stdout), "bob@example.com,reader,none")
	for _, inv := range srv.Invites() {
		if inv.Status == "expired" {
			assert.NotContains(t, r.stdout, inv.Email+",", "expired invites are left out")
		}
	}

	file := writeFile(t, "roster.csv", r.stdout)
	r = on(srv).run(t, "sync", "--file", file, "--check", "--revoke-missing")
	assert.Equal(t, 0, r.code, r.stdout+r.stderr)
	assert.Contains(t, r.stdout, "Nothing to do: the organization matches the roster.")
}

// A roster is CSV: export -o json is refused before anything is read,
// saying why and what gives JSON, rather than writing CSV under a JSON
// flag; -o csv is the roster.
func TestExportRefusesJSON(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(3))
	r := on(srv).run(t, "export", "-o", "json")
	assert.Equal(t, exitUsage, r.code)
	assert.Empty(t, r.stdout)
	assert.Equal(t, []string{"invites: export writes a roster, which is CSV: -o json is not one (invites list --all -o json gives the invites as JSON)"}, lines(r.stderr))
	assert.Zero(t, srv.Stats().Total, "refused before any request")

	csvOut := on(srv).run(t, "export", "-o", "csv")
	require.Equal(t, 0, csvOut.code, csvOut.stderr)
	table := on(srv).run(t, "export")
	assert.Equal(t, "email,role,projects", lines(csvOut.stdout)[0])
	assert.Equal(t, table.stdout, csvOut.stdout)
}
