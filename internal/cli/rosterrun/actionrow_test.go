package rosterrun

import (
	"strings"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A progress line is the row's where and describe (cmdutil's progress
// prints them as "[n/total] where: describe"): what a write did, its ID,
// how it went, or why it failed.
func TestARowTellsWhereAndWhatCameOfIt(t *testing.T) {
	t.Parallel()
	done := ActionRow{Line: 2, Email: "ada@example.com", Action: "create", Outcome: "done", NewInviteID: "invite-1", detail: "2 attempts"}
	assert.Equal(t, "line 2 ada@example.com", done.where())
	assert.Equal(t, "created invite-1 (2 attempts)", done.describe())
	failed := ActionRow{Email: "linus@example.com", Action: "revoke", Outcome: "failed", InviteID: "invite-2", Error: "500 Internal Server Error"}
	assert.Equal(t, "linus@example.com", failed.where())
	assert.Equal(t, "revoke failed invite-2: 500 Internal Server Error", failed.describe())
}

// A create an import finds done since its read (the email invited by
// someone else, or become a member's) is unchanged, its error saying
// which: the outcome is roster's, the words the report's.
func TestRecordTellsCreatesDoneSinceTheRead(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	c, err := client.New(client.WithoutEnvironment(), client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	require.NoError(t, err)
	entries := []rosterfile.Entry{{Email: "ada@example.com", Role: client.RoleReader}, {Email: "grace@example.com", Role: client.RoleReader}}
	actions := roster.Plan(entries, roster.Org{}, roster.PlanOptions{CreateOnly: true})
	_, _, err = c.Invites.Create(t.Context(), client.CreateParams{Email: "ada@example.com", Role: client.RoleOwner})
	require.NoError(t, err)
	_, err = srv.AddMember(fake.Member{Email: "grace@example.com", Role: "reader"})
	require.NoError(t, err)
	got := map[string]string{}
	for res := range roster.Apply(t.Context(), c, actions, roster.ApplyOptions{CreateOnly: true}) {
		var row ActionRow
		row.record(res)
		words, _, _ := strings.Cut(row.Error, ": ")
		got[res.Action.Email] = string(row.Outcome) + ", " + words
		assert.Contains(t, row.Error, cmdutil.DescribeError(res.Err))
	}
	assert.Equal(t, map[string]string{"ada@example.com": "unchanged, already invited", "grace@example.com": "unchanged, already a member"}, got)
}
