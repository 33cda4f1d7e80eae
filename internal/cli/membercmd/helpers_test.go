package membercmd_test

import (
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
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
