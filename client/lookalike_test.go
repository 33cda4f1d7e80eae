package client

import (
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/rules/rulestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An invite to a look-alike is refused before anything is sent, with an
// error that matches ErrLookalike and names the character; looking one up
// is not refused, so that an invite made elsewhere can still be found.
func TestALookalikeIsNotInvited(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	c := newTestClient(t, s.URL())
	for _, tc := range rulestest.Lookalikes {
		for name, call := range map[string]func() error{
			"Create": func() error {
				_, _, err := c.Invites.Create(ctx(t), CreateParams{Email: tc.Email, Role: RoleReader})
				return err
			},
			"Ensure": func() error {
				_, _, err := c.Invites.Ensure(ctx(t), CreateParams{Email: tc.Email, Role: RoleOwner})
				return err
			},
		} {
			err := call()
			require.ErrorIs(t, err, ErrLookalike, "%s %q", name, tc.Email)
			require.ErrorIs(t, err, ErrInvalidInput)
			require.ErrorContains(t, err, tc.Named)
			var ve *ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, "email", ve.Field)
		}
		require.NoError(t, ValidateEmail(tc.Email), "an address all the same")
		_, _, err := c.Invites.FindByEmail(ctx(t), tc.Email)
		require.ErrorIs(t, err, ErrNoMatch, "a look-up is sent")
	}
	assert.Zero(t, s.Stats().SentTo(fake.EndpointCreateInvite), "no create is sent")
	assert.NotErrorIs(t, ValidateEmail("ada@"), ErrLookalike, "another invalid email is no look-alike")
}

// An address in one script is invited like any other.
func TestAOneScriptAddressIsInvited(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	c := newTestClient(t, s.URL())
	for _, email := range rulestest.OneScript {
		inv, _, err := c.Invites.Create(ctx(t), CreateParams{Email: email, Role: RoleReader})
		require.NoError(t, err, email)
		assert.Equal(t, email, inv.Email)
	}
}
