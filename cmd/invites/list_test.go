package main

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListOnePageThenAll(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(25))
	held := srv.Invites()

	r := on(srv).run(t, "list", "-o", "json")
	require.Equal(t, 0, r.code, r.stderr)
	page := decodeJSON[listOut](t, r)
	require.Len(t, page.Invites, 20, "one page of the API's default size")
	assert.True(t, page.HasMore)
	require.NotNil(t, page.LastID)
	assert.Equal(t, held[19].Id, *page.LastID)
	assert.Contains(t, r.stderr, "invites list --after "+held[19].Id)

	r = on(srv).run(t, "list", "-o", "json", "--after", *page.LastID)
	require.Equal(t, 0, r.code, r.stderr)
	rest := decodeJSON[listOut](t, r)
	assert.Len(t, rest.Invites, 5)
	assert.False(t, rest.HasMore)

	r = on(srv).run(t, "list", "--all", "-o", "csv")
	require.Equal(t, 0, r.code, r.stderr)
	rows := lines(r.stdout)
	require.Len(t, rows, 26, "a header and every invite")
	for i, inv := range held {
		assert.True(t, strings.HasPrefix(rows[i+1], inv.Id+","+inv.Email+","), "row %d: %s", i, rows[i+1])
	}
}

func TestListStatusFilter(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(30))
	var pending []string
	for _, inv := range srv.Invites() {
		if inv.Status == "pending" {
			pending = append(pending, inv.Id)
		}
	}
	require.NotEmpty(t, pending)

	r := on(srv).run(t, "list", "--status", "pending", "--all", "-o", "json")
	require.Equal(t, 0, r.code, r.stderr)
	var got []string
	for _, inv := range decodeJSON[listOut](t, r).Invites {
		got = append(got, inv.ID)
	}
	assert.Equal(t, pending, got)
	assert.NotContains(t, r.stderr, "this page only")

	r = on(srv).run(t, "list", "--status", "pending", "--limit", "10")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "--status filtered this page only")
	assert.Contains(t, r.stderr, "of its 10 invites are pending; add --all")
	for _, row := range lines(r.stdout)[1:] {
		assert.Equal(t, "pending", strings.Fields(row)[3])
	}
}

func TestListRejectsBadFlagsBeforeSending(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	for _, args := range [][]string{
		{"list", "--limit", "101"},
		{"list", "--limit", "-1"},
		{"list", "--status", "gone"},
		{"list", "--all", "--after", "x"},
		{"list", "--limit", "ten"},
	} {
		r := on(srv).run(t, args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", args, r.stderr)
	}
	assert.Equal(t, 0, srv.Stats().Total)
}

func TestGet(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(3))
	want := srv.Invites()[1]

	r := on(srv).run(t, "get", want.Id, "-o", "json")
	require.Equal(t, 0, r.code, r.stderr)
	got := decodeJSON[inviteOut](t, r)
	assert.Equal(t, want.Id, got.ID)
	assert.Equal(t, want.Email, got.Email)
	assert.Equal(t, string(want.Status), got.Status)
	assert.Equal(t, want.CreatedAt, got.CreatedAt.Unix())

	r = on(srv).run(t, "get", want.Id)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Regexp(t, `(?m)^Email\s+`+want.Email+`$`, r.stdout)
}

func TestGetMissingIsOneLineWithStatusAndRequestID(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	r := on(srv).run(t, "get", "invite-nope")
	assert.Equal(t, exitFailure, r.code)
	assert.Empty(t, r.stdout)
	require.Len(t, lines(r.stderr), 1, r.stderr)
	assert.Regexp(t, `^invites: 404 Not Found: .*invite-nope.* \(request req_\w+\)\n$`, r.stderr)
}

func TestGetRejectsDotSegments(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	for _, id := range []string{"..", ".", ""} {
		r := on(srv).run(t, "get", id)
		assert.Equal(t, exitUsage, r.code, "%q: %s", id, r.stderr)
	}
	assert.Equal(t, 0, srv.Stats().Total, "nothing was sent")
}

func TestCreate(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)

	r := on(srv).run(t, "create", "ada@example.com", "--role", "reader", "-o", "json")
	require.Equal(t, 0, r.code, r.stderr)
	got := decodeJSON[inviteOut](t, r)
	assert.Equal(t, "ada@example.com", got.Email)
	assert.Equal(t, "pending", got.Status)
	assert.Equal(t, fakeInvite(t, srv, "ada@example.com").Id, got.ID)

	r = on(srv).run(t, "create", "bob@example.com", "--role", "owner", "--project", "proj_a:owner", "--project", "proj_b:member")
	require.Equal(t, 0, r.code, r.stderr)
	bob := fakeInvite(t, srv, "bob@example.com")
	require.Len(t, bob.Projects, 2)
	assert.Equal(t, "proj_a", bob.Projects[0].Id)
	assert.Equal(t, "owner", string(bob.Projects[0].Role))
	assert.Contains(t, r.stdout, "proj_a:owner;proj_b:member")

	r = on(srv).run(t, "create", "cy@example.com", "--role", "reader", "--no-projects")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, fakeInvite(t, srv, "cy@example.com").Projects)

	// The fake refuses a second pending invite to one email, as a 400.
	r = on(srv).run(t, "create", "ada@example.com", "--role", "reader")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr, "invite_already_exists")
	assert.Equal(t, 1, srv.CreatedFor("ada@example.com"))
}

func TestCreateRejectsBadInputBeforeSending(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	for _, args := range [][]string{
		{"create", "not-an-email", "--role", "reader"},
		{"create", "ada@example.com"},
		{"create", "ada@example.com", "--role", "admin"},
		{"create", "ada@example.com", "--role", "reader", "--project", "proj_a"},
		{"create", "ada@example.com", "--role", "reader", "--project", "proj_a:boss"},
		{"create", "ada@example.com", "--role", "reader", "--project", "p:member", "--no-projects"},
		{"create", "ada@example.com", "--role", "reader", "--project", "p:member", "--project", "p:owner"},
		{"create", "--role", "reader"},
	} {
		r := on(srv).run(t, args...)
		assert.Equal(t, exitUsage, r.code, "%v: %s", args, r.stderr)
		assert.Len(t, lines(r.stderr), 1+boolInt(strings.Contains(r.stderr, "Run '")), "%v: %s", args, r.stderr)
	}
	assert.Equal(t, 0, srv.Stats().Total)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestDeleteReportsEveryID(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	for _, email := range []string{"a@example.com", "b@example.com", "c@example.com"} {
		require.Equal(t, 0, on(srv).run(t, "create", email, "--role", "reader").code)
	}
	a, b, c := fakeInvite(t, srv, "a@example.com"), fakeInvite(t, srv, "b@example.com"), fakeInvite(t, srv, "c@example.com")
	require.NoError(t, srv.Accept(b.Id))

	r := on(srv).run(t, "delete", a.Id, "invite-missing", b.Id, c.Id, "-o", "json")
	assert.Equal(t, exitFailure, r.code, "some IDs failed")
	results := decodeJSON[[]deleteOut](t, r)
	require.Len(t, results, 4)
	assert.Equal(t, deleteOut{ID: a.Id, Deleted: true}, results[0])
	assert.Contains(t, results[1].Error, "404")
	assert.Contains(t, results[2].Error, "accepted")
	assert.Equal(t, deleteOut{ID: c.Id, Deleted: true}, results[3], "a failure does not stop the rest")

	var left []string
	for _, inv := range srv.Invites() {
		left = append(left, inv.Id)
	}
	assert.Equal(t, []string{b.Id}, left)
	assert.Equal(t, 2, srv.Stats().Count(http.MethodDelete, http.StatusOK))

	r = on(srv).run(t, "delete", b.Id)
	assert.Equal(t, exitFailure, r.code)
	assert.True(t, slices.ContainsFunc(lines(r.stdout), func(l string) bool { return strings.HasPrefix(l, "FAILED  "+b.Id) }), r.stdout)
}

func TestAPIFailuresExit1(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	wrongKey := on(srv)
	wrongKey.env[keyEnv] = "sk-admin-wrong"
	r := wrongKey.run(t, "list")
	assert.Equal(t, exitFailure, r.code)
	assert.Regexp(t, `^invites: 401 Unauthorized: .*OPENAI_ADMIN_KEY`, r.stderr)
	assert.NotContains(t, r.stderr, "sk-admin-wrong")

	down := fake.NewServer(t)
	url := down.URL()
	down.Close()
	r = cli{env: map[string]string{keyEnv: "k"}}.run(t, "--base-url", url, "--max-retries", "0", "list")
	assert.Equal(t, exitFailure, r.code)
	assert.Len(t, lines(r.stderr), 1, r.stderr)
	assert.Contains(t, r.stderr, "connection refused")
}

func TestInterruptedListExits130(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(3))
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	c := on(srv)
	c.ctx = ctx
	r := c.run(t, "list", "--all")
	assert.Equal(t, exitInterrupted, r.code)
	assert.Equal(t, "invites: interrupted\n", r.stderr)
	assert.Empty(t, r.stdout)
}
