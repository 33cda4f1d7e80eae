package client

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFindByEmailStopsAtTheFirstMatch(t *testing.T) {
	t.Parallel()
	m := newMemServer(t)
	now := time.Now().Unix()
	m.add("target@example.com", "accepted", now-500)
	m.add("target@example.com", "pending", now-400)
	for i := range 150 {
		m.add(fmt.Sprintf("u%d@example.com", i), "pending", now-int64(i))
	}
	c := newTestClient(t, m.URL)
	inv, _, err := c.Invites.FindByEmail(ctx(t), "TARGET@example.com")
	require.NoError(t, err)
	assert.Equal(t, "invite-2", inv.ID, "the pending one, not the accepted one")
	assert.Equal(t, 2, m.count(http.MethodGet))

	_, _, err = c.Invites.FindByEmail(ctx(t), "nobody@example.com")
	require.ErrorIs(t, err, ErrNoMatch)
	require.NotErrorIs(t, err, ErrNotFound, "no request answered 404")
	assert.Equal(t, 4, m.count(http.MethodGet), "a miss reads every page, once")
}

func TestEnsure(t *testing.T) {
	t.Parallel()
	t.Run("creates when none", func(t *testing.T) {
		t.Parallel()
		m := newMemServer(t)
		got, _, err := newTestClient(t, m.URL).Invites.Ensure(ctx(t), reader)
		require.NoError(t, err)
		assert.Equal(t, EnsureCreated, got.Outcome)
		assert.Equal(t, "created", got.Outcome.String())
		assert.Equal(t, 1, m.pendingFor(reader.Email))
		assert.Equal(t, "invite-1", got.Invite.ID)
	})
	t.Run("returns the existing one", func(t *testing.T) {
		t.Parallel()
		m := newMemServer(t)
		id := m.add("new@example.com", "pending", time.Now().Unix())
		got, _, err := newTestClient(t, m.URL).Invites.Ensure(ctx(t), reader)
		require.NoError(t, err)
		assert.Equal(t, EnsureExisting, got.Outcome)
		assert.Equal(t, id, got.Invite.ID)
		assert.Zero(t, m.count(http.MethodPost))
	})
	t.Run("reports a mismatch", func(t *testing.T) {
		t.Parallel()
		m := newMemServer(t)
		m.add("new@example.com", "pending", time.Now().Unix())
		for _, p := range []CreateParams{
			{Email: reader.Email, Role: RoleOwner},
			{Email: reader.Email, Role: RoleReader, Projects: []ProjectGrant{{"proj_1", ProjectMember}}},
		} {
			got, _, err := newTestClient(t, m.URL).Invites.Ensure(ctx(t), p)
			require.ErrorIs(t, err, ErrMismatch)
			var me *MismatchError
			require.ErrorAs(t, err, &me)
			assert.Equal(t, "invite-1", me.Existing.ID)
			assert.Equal(t, p, me.Wanted) //nolint:testifylint // p is what was asked for
			assert.Len(t, me.Fields, 1)
			assert.Contains(t, err.Error(), "invite-1")
			assert.Nil(t, got)
			assert.Equal(t, "none", EnsureOutcome(0).String())
		}
		assert.Zero(t, m.count(http.MethodPost))
		assert.Equal(t, 1, m.pendingFor(reader.Email))
	})
	t.Run("someone else invited first", func(t *testing.T) {
		t.Parallel()
		m := newMemServer(t)
		m.rejectDuplicate = http.StatusBadRequest
		m.add("new@example.com", "pending", time.Now().Unix())
		m.hideNewest = 1
		got, _, err := newTestClient(t, m.URL).Invites.Ensure(ctx(t), reader)
		require.NoError(t, err)
		assert.Equal(t, EnsureExisting, got.Outcome)
		assert.Equal(t, "invite-1", got.Invite.ID)
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
	m := newMemServer(t)
	id := m.add("jos\u00e9@example.com", "pending", time.Now().Unix())
	c := newTestClient(t, m.URL)
	inv, _, err := c.Invites.FindByEmail(ctx(t), "JOSE\u0301@example.com")
	require.NoError(t, err)
	assert.Equal(t, id, inv.ID)
	got, _, err := c.Invites.Ensure(ctx(t), CreateParams{Email: "jose\u0301@example.com", Role: RoleReader})
	require.NoError(t, err)
	assert.Equal(t, EnsureExisting, got.Outcome)
	assert.Equal(t, id, got.Invite.ID)
	assert.Zero(t, m.count(http.MethodPost))
}
