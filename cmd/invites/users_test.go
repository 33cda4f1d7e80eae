package main

import (
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var membersAdded = time.Date(2026, 11, 1, 9, 30, 0, 0, time.UTC)

// membersFixture is a fake whose members are, oldest first: an owner, a
// reader whose email has capitals, a service account that is an owner, a
// SCIM-managed reader and a member with neither email nor name.
func membersFixture(t *testing.T, opts ...fake.Option) *fake.Server {
	t.Helper()
	return fake.NewServer(t, append([]fake.Option{fake.WithNow(membersAdded), fake.WithMembers(
		fake.Member{ID: "user-grace", Email: "grace@example.com", Name: "Grace Hopper", Role: "owner"},
		fake.Member{ID: "user-ada", Email: "Ada@Example.com", Name: "Ada Lovelace", Role: "reader"},
		fake.Member{ID: "user-ci", Name: "CI deploy", Role: "owner", ServiceAccount: true},
		fake.Member{ID: "user-sso", Email: "sso@example.com", Name: "Sam SSO", SCIMManaged: true},
		fake.Member{ID: "user-anon"},
	)}, opts...)...)
}

// memberIDs is the IDs of the members srv holds, newest first.
func memberIDs(srv *fake.Server) []string {
	var ids []string
	for _, u := range srv.Members() {
		ids = append(ids, u.ID)
	}
	return ids
}

// removedIDs is the IDs of the members removed from srv, in order.
func removedIDs(srv *fake.Server) []string {
	var ids []string
	for _, u := range srv.RemovedMembers() {
		ids = append(ids, u.ID)
	}
	return ids
}

// writesTo counts the role changes and removals srv was sent.
func writesTo(srv *fake.Server) int {
	s := srv.Stats()
	return s.SentTo(fake.EndpointModifyUser) + s.SentTo(fake.EndpointDeleteUser)
}

func TestUsersHelpSaysWhatMembersAreAndTheExitCodes(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"users", "--help"}, {"users"},
		{"users", "list", "--help"}, {"users", "get", "--help"},
		{"users", "set-role", "--help"}, {"users", "remove", "--help"},
	} {
		r := cli{}.run(t, args...)
		require.Equal(t, 0, r.code, "%v: %s", args, r.stderr)
		help := strings.Join(strings.Fields(r.stdout), " ") // as one line, whatever the wrapping
		for _, want := range []string{
			"accepted an invite", "joined through SSO", "service accounts", "SCIM",
			"without regard to case", "emails filter", "never trusted",
			"Exit codes: 0 success", "1 an API or network failure", "2 a usage error or a refusal", "130 interrupted",
		} {
			assert.Contains(t, help, want, "%v", args)
		}
	}
	r := cli{}.run(t, "users", "remove", "--help")
	assert.Contains(t, r.stdout, "This cannot be undone")
	assert.Contains(t, r.stdout, "--yes")
	assert.Contains(t, r.stdout, "--force")
	r = cli{}.run(t, "users", "--help")
	assert.Contains(t, r.stdout, "cannot be undone")
	for _, sub := range []string{"list", "get", "set-role", "remove"} {
		assert.Regexp(t, `(?m)^  `+sub+` `, r.stdout)
	}
}

// TestUsersCommandLine covers what only the command line decides: flag and
// argument parsing, the exit codes and the error line.
func TestUsersCommandLine(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	for name, args := range map[string][]string{
		"remove with no member":    {"users", "remove"},
		"set-role with one arg":    {"users", "set-role", "user-ada"},
		"set-role with a bad role": {"users", "set-role", "user-ada", "admin"},
		"get with two":             {"users", "get", "user-ada", "user-grace"},
		"get a bad email":          {"users", "get", "ada@localhost"},
		"remove a dot segment":     {"users", "remove", "user-ada", ".."},
		"unknown subcommand":       {"users", "frobnicate"},
		"unknown flag":             {"users", "list", "--all"},
	} {
		r := on(srv).run(t, args...)
		assert.Equal(t, exitUsage, r.code, "%s: %s", name, r.stderr)
		if errLines := lines(r.stderr); assert.NotEmpty(t, errLines, name) {
			assert.Regexp(t, `^invites: `, errLines[0], name)
			assert.LessOrEqual(t, len(errLines), 2, "%s: an error line and at most a usage hint", name)
		}
	}
	assert.Zero(t, srv.Stats().Total, "a usage error sends nothing")

	r := on(srv).run(t, "users", "get", "nobody@example.com")
	assert.Equal(t, exitFailure, r.code)
	assert.Equal(t, []string{"invites: no member has the email nobody@example.com (every member was read)"}, lines(r.stderr))

	// Without a terminal, remove shows whom it would remove, then refuses.
	r = on(srv).run(t, "users", "remove", "ada@example.com")
	assert.Equal(t, exitUsage, r.code, r.stderr)
	assert.Contains(t, r.stderr, "user-ada")
	assert.Contains(t, r.stderr, "Ada Lovelace")
	assert.Contains(t, r.stderr, "pass --yes")
	assert.Empty(t, r.stdout)
	assert.Zero(t, writesTo(srv))

	r = on(srv).run(t, "-v", "users", "remove", "-o", "json", "--yes", "ada@example.com")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, []deleteOut{{ID: "user-ada", Email: "Ada@Example.com", Deleted: true}}, decodeJSON[[]deleteOut](t, r))
	assert.Contains(t, r.stderr, "DELETE", "-v logs the requests")
	assert.NotContains(t, r.stdout+r.stderr, srv.Key(), "the key never appears in output")
	assert.Equal(t, []string{"user-ada"}, removedIDs(srv))

	r = on(srv).run(t, "users", "set-role", "--force", "sso@example.com", "OWNER", "-o", "csv")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "user-sso,sso@example.com,Sam SSO,owner,2026-11-01T09:30:00Z,false,true", lines(r.stdout)[1])
}
