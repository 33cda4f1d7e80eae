package fake

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/goinvites/invites/internal/rules/rulestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func createBody(t *testing.T, email string) string {
	t.Helper()
	b, err := json.Marshal(map[string]string{"email": email, "role": "reader"})
	require.NoError(t, err)
	return string(b)
}

// A create whose email hides a character is a 400 that names it.
func TestCreateNamesAHiddenCharacter(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t)
	for email, named := range rulestest.HiddenEmails {
		r := tt.do(http.MethodPost, "/organization/invites", createBody(t, email))
		assertError(t, r, http.StatusBadRequest, typeInvalidRequest, "email", "invalid_value")
		assert.Contains(t, r.apiError(t).Message, named, "%q", email)
	}
	assert.Empty(t, s.Invites())
}

// The fake tells two spellings of one address apart no more than the client
// does: a decomposed é is a duplicate of a precomposed one.
func TestDuplicatesCompareAfterNFC(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithDuplicates(ConflictDuplicates))
	tt.do(http.MethodPost, "/organization/invites", createBody(t, "jos\u00e9@example.com"))
	r := tt.do(http.MethodPost, "/organization/invites", createBody(t, "JOSE\u0301@example.com"))
	assertError(t, r, http.StatusConflict, typeInvalidRequest, "email", codeDuplicate)
	assert.Equal(t, 1, s.CreatedFor("jose\u0301@example.com"))
}
