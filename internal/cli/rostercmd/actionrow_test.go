package rostercmd

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A progress line is the row's where and describe (cmdutil's progress
// prints them as "[n/total] where: describe"): what a write did, its ID,
// how it went, or why it failed.
func TestARowTellsWhereAndWhatCameOfIt(t *testing.T) {
	t.Parallel()
	done := actionRow{Line: 2, Email: "ada@example.com", Action: "create", Outcome: "done", NewInviteID: "invite-1", detail: "2 attempts"}
	assert.Equal(t, "line 2 ada@example.com", done.where())
	assert.Equal(t, "created invite-1 (2 attempts)", done.describe())
	failed := actionRow{Email: "linus@example.com", Action: "revoke", Outcome: "failed", InviteID: "invite-2", Error: "500 Internal Server Error"}
	assert.Equal(t, "linus@example.com", failed.where())
	assert.Equal(t, "revoke failed invite-2: 500 Internal Server Error", failed.describe())
}
