package client

import (
	"testing"

	"github.com/goinvites/invites/internal/rules/rulestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every method that takes an email refuses one with a hidden character,
// names it, and sends nothing.
func TestHiddenCharactersInAnEmailAreRefused(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	c := newTestClient(t, s.URL())
	for email, named := range rulestest.HiddenEmails {
		err := ValidateEmail(email)
		require.ErrorIs(t, err, ErrInvalidInput, "%q", email)
		assert.Contains(t, err.Error(), named)
		_, _, err = c.Invites.Create(ctx(t), CreateParams{Email: email, Role: RoleReader})
		require.ErrorContains(t, err, named)
		_, _, err = c.Invites.Ensure(ctx(t), CreateParams{Email: email, Role: RoleReader})
		require.ErrorContains(t, err, named)
		_, _, err = c.Invites.FindByEmail(ctx(t), email)
		require.ErrorContains(t, err, named)
	}
	assert.Zero(t, s.Stats().Total, "nothing is sent")
}
