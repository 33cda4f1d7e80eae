package invitecmd_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/invitecmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func sampleInvites() invitecmd.ListOut {
	created := time.Date(2026, 11, 1, 9, 30, 0, 0, time.UTC)
	expires := created.Add(7 * 24 * time.Hour)
	accepted := created.Add(time.Hour)
	last := "inv_2"
	return invitecmd.ListOut{
		Invites: []invitecmd.InviteOut{
			{ID: "inv_1", Email: "ada@example.com", Role: "reader", Status: "pending", CreatedAt: &created, ExpiresAt: &expires,
				Projects: []invitecmd.Grant{{"proj_a", "member"}, {"proj_b", "owner"}}},
			{ID: "inv_2", Email: "bob@example.com", Role: "owner", Status: "accepted", CreatedAt: &created, AcceptedAt: &accepted,
				Projects: []invitecmd.Grant{}},
		},
		HasMore: true,
		LastID:  &last,
	}
}

func TestPrinterJSONIsStable(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	require.NoError(t, invitecmd.PrintInvites(&buf, "json", sampleInvites()))
	want := `{
  "invites": [
    {
      "id": "inv_1",
      "email": "ada@example.com",
      "role": "reader",
      "status": "pending",
      "created_at": "2026-11-01T09:30:00Z",
      "expires_at": "2026-11-08T09:30:00Z",
      "accepted_at": null,
      "projects": [
        {
          "id": "proj_a",
          "role": "member"
        },
        {
          "id": "proj_b",
          "role": "owner"
        }
      ]
    },
    {
      "id": "inv_2",
      "email": "bob@example.com",
      "role": "owner",
      "status": "accepted",
      "created_at": "2026-11-01T09:30:00Z",
      "expires_at": null,
      "accepted_at": "2026-11-01T10:30:00Z",
      "projects": []
    }
  ],
  "has_more": true,
  "last_id": "inv_2"
}
`
	assert.Equal(t, want, buf.String())
}

func TestPrinterCSVIsStable(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	require.NoError(t, invitecmd.PrintInvites(&buf, "csv", sampleInvites()))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, [][]string{
		{"id", "email", "role", "status", "created_at", "expires_at", "accepted_at", "projects"},
		{"inv_1", "ada@example.com", "reader", "pending", "2026-11-01T09:30:00Z", "2026-11-08T09:30:00Z", "", "proj_a:member;proj_b:owner"},
		{"inv_2", "bob@example.com", "owner", "accepted", "2026-11-01T09:30:00Z", "", "2026-11-01T10:30:00Z", ""},
	}, rows)
}

func TestPrinterTable(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	require.NoError(t, invitecmd.PrintInvites(&buf, "table", sampleInvites()))
	got := clitest.Lines(buf.String())
	require.Len(t, got, 3)
	assert.Equal(t, []string{"ID", "EMAIL", "ROLE", "STATUS", "CREATED", "(UTC)", "EXPIRES", "(UTC)", "PROJECTS"}, strings.Fields(got[0]))
	assert.Equal(t, []string{"inv_1", "ada@example.com", "reader", "pending", "2026-11-01", "09:30", "2026-11-08", "09:30", "proj_a:member;proj_b:owner"}, strings.Fields(got[1]))
	assert.Equal(t, []string{"inv_2", "bob@example.com", "owner", "accepted", "2026-11-01", "09:30", "-", "default"}, strings.Fields(got[2]), "no grant shown: the default project")
	assert.Equal(t, strings.Index(got[0], "EMAIL"), strings.Index(got[1], "ada@"), "columns align")

	buf.Reset()
	require.NoError(t, invitecmd.PrintInvites(&buf, "table", invitecmd.ListOut{}))
	assert.Equal(t, "No invites.\n", buf.String())
}

func TestPrinterSingleInvite(t *testing.T) {
	t.Parallel()
	inv := sampleInvites().Invites[0]
	var buf bytes.Buffer
	require.NoError(t, invitecmd.PrintInvite(&buf, "json", inv))
	var back invitecmd.InviteOut
	require.NoError(t, json.Unmarshal(buf.Bytes(), &back))
	assert.Equal(t, inv.ID, back.ID)
	assert.True(t, inv.ExpiresAt.Equal(*back.ExpiresAt))

	buf.Reset()
	require.NoError(t, invitecmd.PrintInvite(&buf, "table", inv))
	assert.Contains(t, buf.String(), "Accepted (UTC)  -\n")
	assert.Contains(t, buf.String(), "Projects        proj_a:member;proj_b:owner\n")
}
