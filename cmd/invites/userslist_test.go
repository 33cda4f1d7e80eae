package main

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runUsersListOn(t *testing.T, srv *fake.Server, output string) result {
	t.Helper()
	tio := newTestIO("")
	return tio.resultOf(t.Context(), runUsersList(t.Context(), &usersListOptions{IO: tio.IOStreams, Client: clientFor(srv), Output: output}))
}

func TestUsersListJSON(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	r := runUsersListOn(t, srv, "json")
	require.Equal(t, 0, r.code, r.stderr)
	list := decodeJSON[membersOut](t, r)
	var ids []string
	for _, m := range list.Members {
		ids = append(ids, m.ID)
	}
	assert.Equal(t, []string{"user-anon", "user-sso", "user-ci", "user-ada", "user-grace"}, ids, "every member, in the API's order")

	ci := list.Members[2]
	assert.Nil(t, ci.Email, "a service account without an email is null")
	assert.True(t, ci.ServiceAccount)
	assert.False(t, ci.SCIMManaged)
	assert.True(t, list.Members[1].SCIMManaged)
	ada := list.Members[3]
	require.NotNil(t, ada.Email)
	assert.Equal(t, "Ada@Example.com", *ada.Email, "shown as the API sent it")
	assert.True(t, membersAdded.Equal(*ada.AddedAt))

	assert.Contains(t, r.stdout, `"email": null`)
	assert.Contains(t, r.stdout, `"name": null`)
	assert.Contains(t, r.stdout, `"added_at": "2026-11-01T09:30:00Z"`)
}

func TestUsersListCSV(t *testing.T) {
	t.Parallel()
	r := runUsersListOn(t, membersFixture(t), "csv")
	require.Equal(t, 0, r.code, r.stderr)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, [][]string{
		{"id", "email", "name", "role", "added_at", "service_account", "scim_managed"},
		{"user-anon", "", "", "reader", "2026-11-01T09:30:00Z", "false", "false"},
		{"user-sso", "sso@example.com", "Sam SSO", "reader", "2026-11-01T09:30:00Z", "false", "true"},
		{"user-ci", "", "CI deploy", "owner", "2026-11-01T09:30:00Z", "true", "false"},
		{"user-ada", "Ada@Example.com", "Ada Lovelace", "reader", "2026-11-01T09:30:00Z", "false", "false"},
		{"user-grace", "grace@example.com", "Grace Hopper", "owner", "2026-11-01T09:30:00Z", "false", "false"},
	}, rows)
}

func TestUsersListTable(t *testing.T) {
	t.Parallel()
	r := runUsersListOn(t, membersFixture(t), "table")
	require.Equal(t, 0, r.code, r.stderr)
	got := lines(r.stdout)
	require.Len(t, got, 6)
	assert.Equal(t, []string{"ID", "EMAIL", "NAME", "ROLE", "ADDED", "(UTC)", "KIND"}, strings.Fields(got[0]))
	assert.Equal(t, []string{"user-anon", "-", "-", "reader", "2026-11-01", "09:30", "person"}, strings.Fields(got[1]))
	assert.Equal(t, []string{"user-sso", "sso@example.com", "Sam", "SSO", "reader", "2026-11-01", "09:30", "scim-managed"}, strings.Fields(got[2]))
	assert.Equal(t, []string{"user-ci", "-", "CI", "deploy", "owner", "2026-11-01", "09:30", "service-account"}, strings.Fields(got[3]))
	assert.Equal(t, strings.Index(got[0], "KIND"), strings.Index(got[3], "service-account"), "columns align")

	r = runUsersListOn(t, fake.NewServer(t), "table")
	assert.Equal(t, 0, r.code)
	assert.Equal(t, "No members.\n", r.stdout)
	r = runUsersListOn(t, fake.NewServer(t), "json")
	assert.JSONEq(t, `{"members":[]}`, r.stdout)
}

func TestUsersListReadsEveryPage(t *testing.T) {
	t.Parallel()
	members := make([]fake.Member, 150)
	for i := range members {
		members[i] = fake.Member{Email: fmt.Sprintf("m%03d@example.com", i)}
	}
	srv := fake.NewServer(t, fake.WithMembers(members...))
	r := runUsersListOn(t, srv, "json")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Len(t, decodeJSON[membersOut](t, r).Members, 150)
	assert.Equal(t, 2, srv.Stats().CountAt(fake.EndpointListUsers, http.StatusOK), "100 a page")

	// A page that fails fails the list: half a list is never printed.
	srv.FailNthAt(fake.EndpointListUsers, fake.FaultForbidden, 2)
	r = runUsersListOn(t, srv, "json")
	assert.Equal(t, exitFailure, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, describeError(r.err), "403")
}
