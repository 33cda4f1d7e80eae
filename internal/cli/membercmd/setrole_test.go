package membercmd_test

import (
	"net/http"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/membercmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runSetRoleOn(t *testing.T, srv *fake.Server, output string, opts membercmd.SetRoleOptions) clitest.Result {
	t.Helper()
	tio := clitest.NewTestIO("")
	opts.IO, opts.Client, opts.Output = tio.IOStreams, clitest.ClientFor(srv), output
	return tio.ResultOf(t.Context(), membercmd.RunSetRole(t.Context(), &opts))
}

// fakeRole is the role srv holds for the member with id.
func fakeRole(t *testing.T, srv *fake.Server, id string) string {
	t.Helper()
	u, ok := srv.Member(id)
	require.True(t, ok, "no member %s", id)
	return u.Role
}

func TestUsersSetRolePromotesAndDemotes(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	r := runSetRoleOn(t, srv, "json", membercmd.SetRoleOptions{Member: "ADA@example.com", Role: "owner"})
	require.Equal(t, 0, r.Code, r.Stderr)
	ada := clitest.DecodeJSON[membercmd.MemberOut](t, r)
	require.NotNil(t, ada.Role)
	assert.Equal(t, "owner", *ada.Role, "the member as the API left them")
	assert.Equal(t, "user-ada (Ada@Example.com): role reader -> owner.\n", r.Stderr)
	assert.Equal(t, "owner", fakeRole(t, srv, "user-ada"))

	// With two owners, either may step down.
	r = runSetRoleOn(t, srv, "table", membercmd.SetRoleOptions{Member: "user-grace", Role: " Reader "})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "reader", fakeRole(t, srv, "user-grace"))
	assert.Contains(t, r.Stdout, "Role         reader\n")
	assert.Equal(t, 2, srv.Stats().CountAt(fake.EndpointModifyUser, http.StatusOK))
}

func TestUsersSetRoleToTheSameRoleSendsNothing(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	r := runSetRoleOn(t, srv, "json", membercmd.SetRoleOptions{Member: "user-ada", Role: "reader"})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "user-ada (Ada@Example.com) is already reader; nothing sent.\n", r.Stderr)
	assert.Equal(t, "user-ada", clitest.DecodeJSON[membercmd.MemberOut](t, r).ID)
	// Even for a managed member: there is nothing to refuse.
	r = runSetRoleOn(t, srv, "json", membercmd.SetRoleOptions{Member: "user-ci", Role: "owner"})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Zero(t, writesTo(srv))
	assert.Equal(t, 2, srv.Stats().SentTo(fake.EndpointListUsers), "one read each")
}

func TestUsersSetRoleRefusesManagedMembersUnlessForced(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	for _, tc := range []struct{ id, role, why string }{
		{"user-ci", "reader", "a service account, managed by its provider"},
		{"user-sso", "owner", "managed through SCIM by its identity provider"},
	} {
		id, why := tc.id, tc.why
		r := runSetRoleOn(t, srv, "table", membercmd.SetRoleOptions{Member: id, Role: tc.role})
		assert.Equal(t, cmdutil.ExitUsage, r.Code, id)
		require.ErrorContains(t, r.Err, "refusing to change the role of "+id, id)
		require.ErrorContains(t, r.Err, why, id)
		require.ErrorContains(t, r.Err, "pass --force", id)
		assert.Empty(t, r.Stdout, id)
	}
	assert.Zero(t, writesTo(srv), "a refusal sends nothing")

	r := runSetRoleOn(t, srv, "table", membercmd.SetRoleOptions{Member: "sso@example.com", Role: "owner", Force: true})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "owner", fakeRole(t, srv, "user-sso"))
	r = runSetRoleOn(t, srv, "table", membercmd.SetRoleOptions{Member: "user-ci", Role: "reader", Force: true})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "reader", fakeRole(t, srv, "user-ci"))
}

func TestUsersSetRoleKeepsAnOwner(t *testing.T) {
	t.Parallel()
	// grace is the only owner who is a person: the service account that
	// owns too does not count.
	srv := membersFixture(t)
	r := runSetRoleOn(t, srv, "table", membercmd.SetRoleOptions{Member: "grace@example.com", Role: "reader"})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "refusing to demote user-grace (grace@example.com): the organization's only owner")
	require.ErrorContains(t, r.Err, "make another member owner first")
	assert.Zero(t, writesTo(srv))
	assert.Equal(t, "owner", fakeRole(t, srv, "user-grace"))

	// --force is for managed members, not for this.
	r = runSetRoleOn(t, srv, "table", membercmd.SetRoleOptions{Member: "user-grace", Role: "reader", Force: true})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Zero(t, writesTo(srv))

	// An organization without a person who owns it is not made worse by a
	// demotion elsewhere.
	none := fake.NewServer(t, fake.WithMembers(fake.Member{ID: "user-a", Email: "a@example.com", Role: "reader"}))
	r = runSetRoleOn(t, none, "table", membercmd.SetRoleOptions{Member: "user-a", Role: "owner"})
	require.Equal(t, 0, r.Code, r.Stderr)
	r = runSetRoleOn(t, none, "table", membercmd.SetRoleOptions{Member: "user-a", Role: "reader"})
	assert.Equal(t, cmdutil.ExitUsage, r.Code, "now the only owner")
}

func TestUsersSetRoleFailures(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	r := runSetRoleOn(t, srv, "table", membercmd.SetRoleOptions{Member: "user-ada", Role: "admin"})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Zero(t, srv.Stats().Total, "a bad role sends nothing")

	r = runSetRoleOn(t, srv, "table", membercmd.SetRoleOptions{Member: "nobody@example.com", Role: "owner"})
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	require.ErrorContains(t, r.Err, "no member has the email nobody@example.com (all 5 members were read)")

	// A role change whose answer was lost is sent again: the same change.
	srv.FailNextAt(fake.EndpointModifyUser, fake.FaultAmbiguousDrop, 1)
	r = runSetRoleOn(t, srv, "json", membercmd.SetRoleOptions{Member: "user-ada", Role: "owner"})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "owner", fakeRole(t, srv, "user-ada"))

	srv.FailNextAt(fake.EndpointModifyUser, fake.FaultServerError, 1)
	tio := clitest.NewTestIO("")
	opts := membercmd.SetRoleOptions{IO: tio.IOStreams, Client: clitest.ClientFor(srv, client.WithMaxRetries(0)), Output: "table", Member: "user-ada", Role: "reader"}
	r = tio.ResultOf(t.Context(), membercmd.RunSetRole(t.Context(), &opts))
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Contains(t, cmdutil.DescribeError(r.Err), "500")
	assert.Equal(t, "owner", fakeRole(t, srv, "user-ada"))
}
