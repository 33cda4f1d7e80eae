package client

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUsersListGetSetRoleRemove(t *testing.T) {
	t.Parallel()
	s := newFake(t, fake.WithMembers(
		fake.Member{ID: "user-ada", Email: "ada@example.com", Name: "Ada", Role: "owner"},
		fake.Member{ID: "user-ci", Name: "CI", ServiceAccount: true},
		fake.Member{ID: "user-sso", Email: "sso@example.com", Role: "reader", SCIMManaged: true},
	))
	c := newTestClient(t, s.URL())

	var got []User
	for u, err := range c.Users.All(ctx(t), AllUsersParams{Limit: 1}) {
		require.NoError(t, err)
		got = append(got, u)
	}
	require.Len(t, got, 3)
	assert.Equal(t, 3, s.Stats().CountAt(fake.EndpointListUsers, http.StatusOK), "one page each, and no request after the last")
	byID := map[string]User{}
	for _, u := range got {
		byID[u.ID] = u
	}
	assert.Equal(t, "ada@example.com", byID["user-ada"].Email)
	assert.Equal(t, RoleOwner, byID["user-ada"].Role)
	assert.True(t, byID["user-ci"].IsServiceAccount && byID["user-ci"].Managed())
	assert.Empty(t, byID["user-ci"].Email, "null email")
	assert.True(t, byID["user-sso"].IsSCIMManaged && byID["user-sso"].Managed())
	assert.False(t, byID["user-ada"].Managed())
	assert.False(t, byID["user-ada"].AddedAt.IsZero())

	u, _, err := c.Users.SetRole(ctx(t), "user-ada", RoleReader)
	require.NoError(t, err)
	assert.Equal(t, RoleReader, u.Role)
	u, _, err = c.Users.Get(ctx(t), "user-ada")
	require.NoError(t, err)
	assert.Equal(t, RoleReader, u.Role)

	_, err = c.Users.Remove(ctx(t), "user-ada")
	require.NoError(t, err)
	_, _, err = c.Users.Get(ctx(t), "user-ada")
	require.ErrorIs(t, err, ErrNotFound)
	_, err = c.Users.Remove(ctx(t), "user-ada")
	require.ErrorIs(t, err, ErrNotFound, "a plain 404 is not a success: only one after an ambiguous attempt is")
}

func TestUsersRefuseBadInputBeforeSending(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	c := newTestClient(t, s.URL())
	for name, call := range map[string]func() error{
		"empty id":   func() error { _, _, err := c.Users.Get(ctx(t), ""); return err },
		"dot id":     func() error { _, err := c.Users.Remove(ctx(t), ".."); return err },
		"bad role":   func() error { _, _, err := c.Users.SetRole(ctx(t), "user-1", "admin"); return err },
		"bad email":  func() error { _, _, err := c.Users.FindByEmail(ctx(t), "not an email"); return err },
		"bad filter": func() error { _, _, err := c.Users.List(ctx(t), UserListParams{Emails: []string{"x"}}); return err },
		"bad limit":  func() error { _, _, err := c.Users.List(ctx(t), UserListParams{Limit: 101}); return err },
		"bad walk": func() error {
			for _, err := range c.Users.All(ctx(t), AllUsersParams{Limit: -1}) {
				return err
			}
			return nil
		},
	} {
		require.ErrorIs(t, call(), ErrInvalidInput, name)
	}
	assert.Zero(t, s.Stats().Total, "nothing was sent")
}

// A role change whose answer was lost is sent again: it is the same change.
// A removal whose answer was lost and that then meets a 404 is done.
func TestUsersWritesSurviveLostAnswers(t *testing.T) {
	t.Parallel()
	s := newFake(t, fake.WithMembers(
		fake.Member{ID: "user-a", Email: "a@example.com", Role: "reader"},
		fake.Member{ID: "user-b", Email: "b@example.com", Role: "reader"},
	))
	c := newTestClient(t, s.URL())

	s.FailNextAt(fake.EndpointModifyUser, fake.FaultAmbiguousDrop, 1)
	s.FailNextAt(fake.EndpointModifyUser, fake.FaultAmbiguousError, 1)
	u, resp, err := c.Users.SetRole(ctx(t), "user-a", RoleOwner)
	require.NoError(t, err)
	assert.Equal(t, RoleOwner, u.Role)
	assert.Equal(t, 3, resp.Attempts)

	s.FailNextAt(fake.EndpointDeleteUser, fake.FaultAmbiguousDrop, 1)
	resp, err = c.Users.Remove(ctx(t), "user-b")
	require.NoError(t, err, "applied, answer dropped, then 404: done")
	assert.Equal(t, 2, resp.Attempts)
	require.Len(t, s.RemovedMembers(), 1)
	assert.Equal(t, "user-b", s.RemovedMembers()[0].ID)
}

func TestUsersFindByEmailScansRatherThanTrustTheFilter(t *testing.T) {
	t.Parallel()
	var members []fake.Member
	for i := range 150 {
		members = append(members, fake.Member{ID: fmt.Sprintf("user-%03d", i), Email: fmt.Sprintf("u%d@example.com", i), Role: "reader"})
	}
	s := newFake(t, fake.WithMembers(members...), fake.WithEmptyEmailsFilter())
	c := newTestClient(t, s.URL())

	page, _, err := c.Users.List(ctx(t), UserListParams{Emails: []string{"u7@example.com"}})
	require.NoError(t, err)
	assert.Empty(t, page.Users, "the filter answers no one, as the real one is reported to")

	u, _, err := c.Users.FindByEmail(ctx(t), "U7@Example.com")
	require.NoError(t, err)
	assert.Equal(t, "user-007", u.ID)
	_, _, err = c.Users.FindByEmail(ctx(t), "nobody@example.com")
	require.ErrorIs(t, err, ErrNoMatch)
	require.NotErrorIs(t, err, ErrNotFound)
}

func TestUsersAllCannotLoop(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	n := 0
	mux.HandleFunc("GET /v1/organization/users", func(w http.ResponseWriter, _ *http.Request) {
		n++
		fmt.Fprint(w, `{"object":"list","data":[{"object":"organization.user","id":"user-1","email":null,"name":null,"role":null,"added_at":1}],"first_id":"user-1","last_id":"user-1","has_more":true}`)
	})
	var err error
	for _, err = range c.Users.All(ctx(t), AllUsersParams{}) {
		if err != nil {
			break
		}
	}
	require.ErrorIs(t, err, ErrPagination)
	assert.Equal(t, 2, n)
}
