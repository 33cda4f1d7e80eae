package membercmd_test

import (
	"encoding/csv"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/membercmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runUsersListOn(t *testing.T, srv *fake.Server, output string) clitest.Result {
	t.Helper()
	tio := clitest.NewTestIO("")
	return tio.ResultOf(t.Context(), membercmd.RunList(t.Context(), &membercmd.ListOptions{IO: tio.IOStreams, Client: clitest.ClientFor(srv), Output: output}))
}

func TestUsersListJSON(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	r := runUsersListOn(t, srv, "json")
	require.Equal(t, 0, r.Code, r.Stderr)
	list := clitest.DecodeJSON[membercmd.MembersOut](t, r)
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

	assert.Contains(t, r.Stdout, `"email": null`)
	assert.Contains(t, r.Stdout, `"name": null`)
	assert.Contains(t, r.Stdout, `"added_at": "2026-11-01T09:30:00Z"`)
}

func TestUsersListCSV(t *testing.T) {
	t.Parallel()
	r := runUsersListOn(t, membersFixture(t), "csv")
	require.Equal(t, 0, r.Code, r.Stderr)
	rows, err := csv.NewReader(strings.NewReader(r.Stdout)).ReadAll()
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
	require.Equal(t, 0, r.Code, r.Stderr)
	got := clitest.Lines(r.Stdout)
	require.Len(t, got, 6)
	assert.Equal(t, []string{"ID", "EMAIL", "NAME", "ROLE", "ADDED", "(UTC)", "KIND"}, strings.Fields(got[0]))
	assert.Equal(t, []string{"user-anon", "-", "-", "reader", "2026-11-01", "09:30", "person"}, strings.Fields(got[1]))
	assert.Equal(t, []string{"user-sso", "sso@example.com", "Sam", "SSO", "reader", "2026-11-01", "09:30", "scim-managed"}, strings.Fields(got[2]))
	assert.Equal(t, []string{"user-ci", "-", "CI", "deploy", "owner", "2026-11-01", "09:30", "service-account"}, strings.Fields(got[3]))
	assert.Equal(t, strings.Index(got[0], "KIND"), strings.Index(got[3], "service-account"), "columns align")

	r = runUsersListOn(t, fake.NewServer(t), "table")
	assert.Equal(t, 0, r.Code)
	assert.Equal(t, "No members.\n", r.Stdout)
	r = runUsersListOn(t, fake.NewServer(t), "json")
	assert.JSONEq(t, `{"members":[]}`, r.Stdout)
}

func TestUsersListReadsEveryPage(t *testing.T) {
	t.Parallel()
	members := make([]fake.Member, 150)
	for i := range members {
		members[i] = fake.Member{Email: fmt.Sprintf("m%03d@example.com", i)}
	}
	srv := fake.NewServer(t, fake.WithMembers(members...))
	r := runUsersListOn(t, srv, "json")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Len(t, clitest.DecodeJSON[membercmd.MembersOut](t, r).Members, 150)
	assert.Equal(t, 2, srv.Stats().CountAt(fake.EndpointListUsers, http.StatusOK), "100 a page")

	// A page that fails fails the list: half a list is never printed.
	srv.FailNthAt(fake.EndpointListUsers, fake.FaultForbidden, 2)
	r = runUsersListOn(t, srv, "json")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Empty(t, r.Stdout)
	assert.Contains(t, cmdutil.DescribeError(r.Err), "403")
}
