package root_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/stretchr/testify/assert"
)

// Ctrl-C while a command reads says what it was reading and that nothing
// was changed, rather than exit 130 with a bare "interrupted".
func TestAnInterruptDuringTheReadsSaysNothingWasChanged(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args    []string
		reading string
	}{
		// export reads the members, the invites and the projects side by
		// side: the notice names those still in flight, at least the one held.
		{[]string{"export"}, "(the members|the invites|the projects)( and (the invites|the projects|a project's members))*"},
		{[]string{"users", "remove", "ada@example.com", "--yes"}, "the members"},
		{[]string{"users", "set-role", "ada@example.com", "owner"}, "the members"},
		{[]string{"prune", "--yes"}, "the invites"},
		{[]string{"delete", "old@example.com"}, "the invites"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Parallel()
			h := fake.NewHandler(fake.WithMembers(fake.Member{Email: "ada@example.com"}, fake.Member{Email: "grace@example.com", Role: "owner"}),
				fake.WithInvites(5), fake.WithNow(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)))
			members, invites := h.Members(), h.Invites()
			r := clitest.InterruptAtFirst(t, h, http.MethodGet, tc.args...)
			assert.Equal(t, cmdutil.ExitInterrupted, r.Code, r.Stderr)
			assert.Regexp(t, `\Ainvites: interrupted while reading `+tc.reading+`, before any change was sent: nothing was changed\n\z`, r.Stderr)
			assert.Equal(t, members, h.Members())
			assert.Equal(t, invites, h.Invites())
		})
	}
}

// Once a change has gone out, the interrupt claims nothing of the kind:
// the command has said what it did.
func TestAnInterruptAfterAChangeSaysNoMore(t *testing.T) {
	t.Parallel()
	h := fake.NewHandler(fake.WithMembers(fake.Member{Email: "ada@example.com"}, fake.Member{Email: "grace@example.com", Role: "owner"}))
	r := clitest.InterruptAtFirst(t, h, http.MethodDelete, "users", "remove", "ada@example.com", "--yes")
	assert.NotEqual(t, 0, r.Code)
	assert.Contains(t, r.Stdout, "ada@example.com", "the removal's outcome is told")
	assert.NotContains(t, r.Stderr, "nothing was changed")
}
