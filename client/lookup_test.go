package client

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// invite creates an invite to email through c, for a test's setup.
func invite(t *testing.T, c *Client, email string) *Invite {
	t.Helper()
	inv, _, err := c.Invites.Create(ctx(t), CreateParams{Email: email, Role: RoleReader})
	require.NoError(t, err)
	return inv
}

func TestFindByEmailStopsAtTheFirstMatch(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	c := newTestClient(t, s.URL())
	require.NoError(t, s.Accept(invite(t, c, "target@example.com").ID))
	m, _ := s.MemberByEmail("target@example.com")
	_, err := c.Users.Remove(ctx(t), m.ID) // left: their accepted invite stays listed
	require.NoError(t, err)
	pending := invite(t, c, "target@example.com")
	for i := range 150 {
		invite(t, c, fmt.Sprintf("u%d@example.com", i))
	}
	inv, _, err := c.Invites.FindByEmail(ctx(t), "TARGET@example.com")
	require.NoError(t, err)
	assert.Equal(t, pending.ID, inv.ID, "the pending one, not the accepted one")
	assert.Equal(t, 2, requests(s, http.MethodGet))

	_, _, err = c.Invites.FindByEmail(ctx(t), "nobody@example.com")
	require.ErrorIs(t, err, ErrNoMatch)
	require.NotErrorIs(t, err, ErrNotFound, "no request answered 404")
	assert.Equal(t, 4, requests(s, http.MethodGet), "a miss reads every page, once")
}

func TestEnsure(t *testing.T) {
	t.Parallel()
	t.Run("creates when none", func(t *testing.T) {
		t.Parallel()
		s := newFake(t)
		got, _, err := newTestClient(t, s.URL()).Invites.Ensure(ctx(t), reader)
		require.NoError(t, err)
		assert.Equal(t, EnsureCreated, got.Outcome)
		assert.Equal(t, "created", got.Outcome.String())
		assert.Equal(t, 1, s.CreatedFor(reader.Email))
		assert.Equal(t, s.Invites()[0].ID, got.Invite.ID)
	})
	t.Run("returns the existing one", func(t *testing.T) {
		t.Parallel()
		s := newFake(t)
		c := newTestClient(t, s.URL())
		existing := invite(t, c, "new@example.com")
		got, _, err := c.Invites.Ensure(ctx(t), reader)
		require.NoError(t, err)
		assert.Equal(t, EnsureExisting, got.Outcome)
		assert.Equal(t, existing.ID, got.Invite.ID)
		assert.Equal(t, 1, requests(s, http.MethodPost), "only the setup's")
	})
	t.Run("reports a mismatch", func(t *testing.T) {
		t.Parallel()
		s := newFake(t)
		c := newTestClient(t, s.URL())
		existing := invite(t, c, "new@example.com")
		for _, p := range []CreateParams{
			{Email: reader.Email, Role: RoleOwner},
			{Email: reader.Email, Role: RoleReader, Projects: []ProjectGrant{{"proj_1", ProjectMember}}},
		} {
			got, _, err := c.Invites.Ensure(ctx(t), p)
			require.ErrorIs(t, err, ErrMismatch)
			var me *MismatchError
			require.ErrorAs(t, err, &me)
			assert.Equal(t, existing.ID, me.Existing.ID)
			assert.Equal(t, p, me.Wanted) //nolint:testifylint // p is what was asked for
			assert.Len(t, me.Fields, 1)
			assert.Contains(t, err.Error(), existing.ID)
			assert.Nil(t, got)
			assert.Equal(t, "none", EnsureOutcome(0).String())
		}
		assert.Equal(t, 1, requests(s, http.MethodPost), "only the setup's")
		assert.Equal(t, 1, s.CreatedFor(reader.Email))
	})
	t.Run("someone else invited first", func(t *testing.T) {
		t.Parallel()
		s := newFake(t) // a duplicate is refused with a 400
		c := newTestClient(t, s.URL())
		existing := invite(t, c, "new@example.com")
		s.FailNextFor(http.MethodGet, fake.FaultStaleList, 1) // the look-up misses it
		got, _, err := c.Invites.Ensure(ctx(t), reader)
		require.NoError(t, err)
		assert.Equal(t, EnsureExisting, got.Outcome)
		assert.Equal(t, existing.ID, got.Invite.ID)
		assert.Equal(t, 1, s.CreatedFor(reader.Email))
	})
}

func TestSameGrantsIgnoresOrder(t *testing.T) {
	t.Parallel()
	a := []ProjectGrant{{"p1", ProjectMember}, {"p2", ProjectOwner}}
	assert.True(t, SameGrants(a, []ProjectGrant{{"p2", ProjectOwner}, {"p1", ProjectMember}}))
	assert.False(t, SameGrants(a, []ProjectGrant{{"p2", ProjectMember}, {"p1", ProjectMember}}))
	assert.False(t, SameGrants(a, a[:1]))
	assert.True(t, SameGrants(nil, []ProjectGrant{}))
}

// An address written with a combining accent is the one written with the
// precomposed letter: a look-up finds it, and Ensure sends no second invite.
func TestLookupsCompareEmailsAfterNFC(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	c := newTestClient(t, s.URL())
	id := invite(t, c, "jos\u00e9@example.com").ID
	inv, _, err := c.Invites.FindByEmail(ctx(t), "JOSE\u0301@example.com")
	require.NoError(t, err)
	assert.Equal(t, id, inv.ID)
	got, _, err := c.Invites.Ensure(ctx(t), CreateParams{Email: "jose\u0301@example.com", Role: RoleReader})
	require.NoError(t, err)
	assert.Equal(t, EnsureExisting, got.Outcome)
	assert.Equal(t, id, got.Invite.ID)
	assert.Equal(t, 1, requests(s, http.MethodPost), "the first invite only")
}
