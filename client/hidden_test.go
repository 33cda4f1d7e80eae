package client

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hiddenEmails are addresses that look like ada@example.com in any table,
// and the character each hides.
var hiddenEmails = map[string]string{
	"ad\u200ba@example.com": "U+200B ZERO WIDTH SPACE at position 3",
	"ada@exam\u202eple.com": "U+202E RIGHT-TO-LEFT OVERRIDE at position 9",
	"ada@example.com\u00a0": "U+00A0 NO-BREAK SPACE at position 16",
	"\ufeffada@example.com": "U+FEFF ZERO WIDTH NO-BREAK SPACE at position 1",
}

// Every method that takes an email refuses one with a hidden character,
// names it, and sends nothing.
func TestHiddenCharactersInAnEmailAreRefused(t *testing.T) {
	t.Parallel()
	m := newMemServer(t)
	c := newTestClient(t, m.URL)
	for email, named := range hiddenEmails {
		err := ValidateEmail(email)
		require.ErrorIs(t, err, ErrInvalidInput, "%q", email)
		assert.Contains(t, err.Error(), named)
		_, _, err = c.Create(ctx(t), CreateParams{Email: email, Role: RoleReader})
		require.ErrorContains(t, err, named)
		_, _, _, err = c.Ensure(ctx(t), CreateParams{Email: email, Role: RoleReader})
		require.ErrorContains(t, err, named)
		_, _, err = c.FindByEmail(ctx(t), email)
		require.ErrorContains(t, err, named)
	}
	assert.Zero(t, m.count(http.MethodPost)+m.count(http.MethodGet), "nothing is sent")
}
