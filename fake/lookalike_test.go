package fake

import (
	"net/http"
	"testing"

	"github.com/goinvites/invites/internal/rules/rulestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A create to a look-alike is a 400 that names the characters making it
// one, as the client refuses it; an address in one script is invited.
func TestCreateRefusesALookalike(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t)
	for _, tc := range rulestest.Lookalikes {
		r := tt.do(http.MethodPost, "/organization/invites", createBody(t, tc.Email))
		assertError(t, r, http.StatusBadRequest, typeInvalidRequest, "email", "invalid_value")
		msg := r.apiError(t).Message
		assert.Contains(t, msg, "Invalid 'email': not a valid email: looks like another address: ", tc.Email)
		assert.Contains(t, msg, tc.Named, tc.Email)
	}
	assert.Empty(t, s.Invites(), "no look-alike was invited")
	r := tt.do(http.MethodPost, "/organization/invites", createBody(t, "owner@\u0430cme-corp.com"))
	assert.Contains(t, r.apiError(t).Message, "the domain is xn--cme-corp-06g.com in ASCII")
	for _, email := range rulestest.OneScript {
		r := tt.do(http.MethodPost, "/organization/invites", createBody(t, email))
		require.Equal(t, http.StatusOK, r.status, "%s: %s", email, r.body)
	}
	assert.Len(t, s.Invites(), len(rulestest.OneScript))
}

// A member may hold a look-alike, as one who joined before the rule or
// through another way in would: only an invite sent is refused.
func TestAMemberMayHoldALookalike(t *testing.T) {
	t.Parallel()
	s := NewServer(t, WithMembers(Member{Email: rulestest.Lookalikes[0].Email}))
	require.Len(t, s.Members(), 1)
	assert.Equal(t, rulestest.Lookalikes[0].Email, s.Members()[0].Email)
}
