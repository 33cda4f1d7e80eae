package main

import (
	"strings"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A create an import finds done since its read (the email invited by
// someone else, or become a member's) is unchanged, its error saying
// which: the outcome is roster's, the words the report's.
func TestRecordTellsCreatesDoneSinceTheRead(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	c, err := clientFor(srv)(t.Context())
	require.NoError(t, err)
	entries := []rosterfile.Entry{{Email: "ada@example.com", Role: client.RoleReader}, {Email: "grace@example.com", Role: client.RoleReader}}
	actions := roster.Plan(entries, roster.Org{}, roster.PlanOptions{CreateOnly: true})
	_, _, err = c.Invites.Create(t.Context(), client.CreateParams{Email: "ada@example.com", Role: client.RoleOwner})
	require.NoError(t, err)
	_, err = srv.AddMember(fake.Member{Email: "grace@example.com", Role: "reader"})
	require.NoError(t, err)
	got := map[string]string{}
	for res := range roster.Apply(t.Context(), c, actions, roster.ApplyOptions{CreateOnly: true}) {
		var row actionRow
		row.record(res)
		words, _, _ := strings.Cut(row.Error, ": ")
		got[res.Action.Email] = string(row.Outcome) + ", " + words
		assert.Contains(t, row.Error, describeError(res.Err))
	}
	assert.Equal(t, map[string]string{"ada@example.com": "unchanged, already invited", "grace@example.com": "unchanged, already a member"}, got)
}
