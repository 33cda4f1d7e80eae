package roster_test

import (
	"bytes"
	"os"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The README's example of a plan file is what SavePlan writes for the plan
// it describes, so it cannot drift from the format.
func TestREADMEShowsASavedPlanAsWritten(t *testing.T) {
	t.Parallel()
	org := roster.Org{
		Members: []client.User{{ID: "user-ada", Email: "ada@example.com", Role: client.RoleReader}},
		Invites: []client.Invite{{ID: "invite-bob", Email: "bob@example.com", Role: client.RoleReader, Status: client.StatusPending}},
	}
	entries := []rosterfile.Entry{
		{Email: "ada@example.com", Role: client.RoleOwner},
		{Email: "carol@example.com", Role: client.RoleReader, Projects: []client.ProjectGrant{{ID: "proj_a", Role: client.ProjectRoleMember}}},
	}
	saved := roster.SavePlan(roster.Plan(entries, org, roster.PlanOptions{RevokeMissing: true}), org, roster.PlanInfo{
		Roster:      roster.SavedRoster{Path: "roster.csv", SHA256: "4b227777d4dd1fc61c6f884f48641d02b4d121d3fd328cb08b5531fcacdabf8a"},
		Options:     map[string]string{"--revoke-missing": "true", "--max-removals": "5"},
		ToolVersion: "v1.2.3",
		CreatedAt:   time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC),
	})
	var file bytes.Buffer
	_, err := saved.WriteTo(&file)
	require.NoError(t, err)
	readme, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	assert.Contains(t, string(readme), "```json\n"+file.String()+"```\n")
}
