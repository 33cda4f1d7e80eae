package membercmd_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/membercmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runRemoveOn runs RunRemove with opts against srv, with tio for its
// streams and -o output; test are the client's options.
func runRemoveOn(t *testing.T, srv *fake.Server, tio *clitest.TestIO, output string, opts membercmd.RemoveOptions, test ...client.Option) clitest.Result {
	t.Helper()
	opts.IO, opts.Client, opts.Output = tio.IOStreams, clitest.ClientFor(srv, test...), output
	return tio.ResultOf(t.Context(), membercmd.RunRemove(t.Context(), &opts))
}

func TestUsersRemoveReportsEachOutcome(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	r := runRemoveOn(t, srv, clitest.NewTestIO(""), "json", membercmd.RemoveOptions{
		Members: []string{"ada@example.com", "nobody@example.com", "user-anon", "user-ada", "user-gone"}, Yes: true,
	})
	assert.Equal(t, cmdutil.ExitFailure, r.Code, "some named no member")
	assert.Equal(t, []cmdutil.DeleteOut{
		{ID: "user-ada", Email: "Ada@Example.com", Deleted: true},
		{Email: "nobody@example.com", Error: "no member has the email nobody@example.com (all 5 members were read)"},
		{ID: "user-anon", Deleted: true},
		{ID: "user-gone", Error: "no member has the ID user-gone (all 5 members were read)"},
	}, clitest.DecodeJSON[[]cmdutil.DeleteOut](t, r), "in the arguments' order; a member named twice is removed once")
	assert.Equal(t, []string{"user-ada", "user-anon"}, removedIDs(srv))
	assert.Equal(t, 2, srv.Stats().SentTo(fake.EndpointDeleteUser))
	assert.Equal(t, 1, srv.Stats().SentTo(fake.EndpointListUsers), "one read")

	// What is removed is shown first, even with --yes.
	assert.True(t, strings.HasPrefix(r.Stderr, "To remove (this cannot be undone):\n"), r.Stderr)
	shown := clitest.Lines(r.Stderr)[1:]
	require.Len(t, shown, 3)
	assert.Equal(t, []string{"ID", "EMAIL", "NAME", "ROLE", "ADDED", "(UTC)", "KIND"}, strings.Fields(shown[0]))
	assert.Equal(t, []string{"user-ada", "Ada@Example.com", "Ada", "Lovelace", "reader", "2026-11-01", "09:30", "person"}, strings.Fields(shown[1]))
	assert.Equal(t, []string{"user-anon", "-", "-", "reader", "2026-11-01", "09:30", "person"}, strings.Fields(shown[2]))
}

func TestUsersRemoveTable(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	r := runRemoveOn(t, srv, clitest.NewTestIO(""), "table", membercmd.RemoveOptions{Members: []string{"user-ada", "user-gone"}, Yes: true})
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	got := clitest.Lines(r.Stdout)
	require.Len(t, got, 2)
	assert.Equal(t, []string{"removed", "user-ada", "Ada@Example.com"}, strings.Fields(got[0]))
	assert.Regexp(t, `^FAILED\s+user-gone\s+no member has the ID user-gone`, got[1])

	r = runRemoveOn(t, srv, clitest.NewTestIO(""), "csv", membercmd.RemoveOptions{Members: []string{"user-anon"}, Yes: true})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "id,email,deleted,error\nuser-anon,,true,\n", r.Stdout)
}

func TestUsersRemoveAsksOnATerminal(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	for _, answer := range []string{"n\n", "", "maybe\n"} {
		r := runRemoveOn(t, srv, clitest.NewTestIO(answer).Terminal(), "table", membercmd.RemoveOptions{Members: []string{"ada@example.com"}})
		assert.Equal(t, 0, r.Code, r.Stderr)
		assert.Contains(t, r.Stderr, "Ada Lovelace", "shown before the question")
		assert.Contains(t, r.Stderr, "Remove these 1 member(s) from the organization? This cannot be undone. [y/N] ")
		assert.Contains(t, r.Stderr, "Nothing removed.")
		assert.Empty(t, r.Stdout)
	}
	assert.Zero(t, writesTo(srv), "only yes removes")

	r := runRemoveOn(t, srv, clitest.NewTestIO("yes\n").Terminal(), "table", membercmd.RemoveOptions{Members: []string{"ada@example.com"}})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []string{"user-ada"}, removedIDs(srv))
	assert.Regexp(t, `^removed\s+user-ada\s+Ada@Example.com\n$`, r.Stdout)
}

func TestUsersRemoveWithoutATerminalNeedsYes(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	r := runRemoveOn(t, srv, clitest.NewTestIO("y\n"), "json", membercmd.RemoveOptions{Members: []string{"user-ada", "user-anon"}})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "stdin is not a terminal to ask on; pass --yes")
	assert.Contains(t, r.Stderr, "user-ada", "shown, then refused")
	assert.Contains(t, r.Stderr, "user-anon")
	assert.Empty(t, r.Stdout)
	assert.Zero(t, writesTo(srv))
	assert.Len(t, srv.Members(), 5)

	// A terminal to answer on, but stderr, where the question goes, piped.
	piped := clitest.NewTestIO("y\n")
	piped.SetTerminal(true, false)
	r = runRemoveOn(t, srv, piped, "table", membercmd.RemoveOptions{Members: []string{"user-ada"}})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "refusing to remove without confirmation: stderr, where the question would go, is not a terminal (a pipe or a file); pass --yes")
	assert.NotContains(t, r.Stderr, "[y/N]")
	assert.Zero(t, writesTo(srv))

	// Nothing to remove needs no confirmation: the misses are reported.
	r = runRemoveOn(t, srv, clitest.NewTestIO(""), "table", membercmd.RemoveOptions{Members: []string{"nobody@example.com"}})
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Contains(t, r.Stdout, "no member has the email nobody@example.com")
	assert.Empty(t, r.Stderr)
}

func TestUsersRemoveRefusesManagedMembersUnlessForced(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	r := runRemoveOn(t, srv, clitest.NewTestIO(""), "table", membercmd.RemoveOptions{Members: []string{"user-ada", "user-ci", "sso@example.com"}, Yes: true})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	msg := cmdutil.OneLine(cmdutil.DescribeError(r.Err))
	assert.Contains(t, msg, "refusing to remove user-ci (CI deploy): a service account, managed by its provider")
	assert.Contains(t, msg, "refusing to remove user-sso (sso@example.com): managed through SCIM")
	assert.Contains(t, msg, "pass --force")
	assert.Zero(t, writesTo(srv), "a refusal sends nothing, not even for the member it does not refuse")

	r = runRemoveOn(t, srv, clitest.NewTestIO(""), "json", membercmd.RemoveOptions{Members: []string{"user-ci", "user-sso"}, Yes: true, Force: true})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []string{"user-ci", "user-sso"}, removedIDs(srv))
}

func TestUsersRemoveKeepsAnOwner(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	r := runRemoveOn(t, srv, clitest.NewTestIO(""), "table", membercmd.RemoveOptions{Members: []string{"grace@example.com"}, Yes: true, Force: true})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "refusing to remove user-grace (grace@example.com): the organization would have no owner left (service accounts do not count)")
	assert.Zero(t, writesTo(srv))

	// Two owners may not leave together either; one may, once the other owns.
	r = runSetRoleOn(t, srv, "table", membercmd.SetRoleOptions{Member: "user-ada", Role: "owner"})
	require.Equal(t, 0, r.Code, r.Stderr)
	r = runRemoveOn(t, srv, clitest.NewTestIO(""), "table", membercmd.RemoveOptions{Members: []string{"user-grace", "user-ada"}, Yes: true})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "refusing to remove user-grace (grace@example.com), user-ada (Ada@Example.com): the organization would have no owner left")
	assert.Zero(t, srv.Stats().SentTo(fake.EndpointDeleteUser))

	r = runRemoveOn(t, srv, clitest.NewTestIO(""), "table", membercmd.RemoveOptions{Members: []string{"user-grace"}, Yes: true})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []string{"user-grace"}, removedIDs(srv))
}

func TestUsersRemoveUnderFaults(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	// Removed, but the answer is lost: the retry's 404 means it is done.
	srv.FailNextAt(fake.EndpointDeleteUser, fake.FaultAmbiguousDrop, 1)
	r := runRemoveOn(t, srv, clitest.NewTestIO(""), "json", membercmd.RemoveOptions{Members: []string{"user-ada"}, Yes: true})
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []cmdutil.DeleteOut{{ID: "user-ada", Email: "Ada@Example.com", Deleted: true}}, clitest.DecodeJSON[[]cmdutil.DeleteOut](t, r))
	assert.Equal(t, 1, srv.Stats().CountAt(fake.EndpointDeleteUser, http.StatusNotFound), "the retry found it gone")
	assert.Equal(t, []string{"user-ada"}, removedIDs(srv), "removed once")

	// A 5xx on one of several is reported, and the rest go on.
	srv.FailNthAt(fake.EndpointDeleteUser, fake.FaultServerError, 1)
	r = runRemoveOn(t, srv, clitest.NewTestIO(""), "json", membercmd.RemoveOptions{Members: []string{"user-anon", "user-sso", "user-ci"}, Yes: true, Force: true},
		client.WithMaxRetries(0))
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	results := clitest.DecodeJSON[[]cmdutil.DeleteOut](t, r)
	require.Len(t, results, 3)
	assert.False(t, results[0].Deleted)
	assert.Contains(t, results[0].Error, "500")
	assert.Equal(t, cmdutil.DeleteOut{ID: "user-sso", Email: "sso@example.com", Deleted: true}, results[1])
	assert.Equal(t, cmdutil.DeleteOut{ID: "user-ci", Deleted: true}, results[2])
	assert.Equal(t, []string{"user-ada", "user-sso", "user-ci"}, removedIDs(srv))
	assert.Contains(t, memberIDs(srv), "user-anon")

	// A read that fails stops the command before any removal.
	sent := srv.Stats().SentTo(fake.EndpointDeleteUser)
	srv.FailNextAt(fake.EndpointListUsers, fake.FaultForbidden, 1)
	r = runRemoveOn(t, srv, clitest.NewTestIO(""), "json", membercmd.RemoveOptions{Members: []string{"user-anon"}, Yes: true})
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Empty(t, r.Stdout)
	assert.Equal(t, sent, srv.Stats().SentTo(fake.EndpointDeleteUser), "no removal after a failed read")
}

func TestUsersRemoveInterrupted(t *testing.T) {
	t.Parallel()
	srv := membersFixture(t)
	tio := clitest.NewTestIO("")
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	// The first removal is answered after the interrupt: the second is
	// not attempted.
	opts := membercmd.RemoveOptions{IO: tio.IOStreams, Output: "json", Members: []string{"user-ada", "user-anon"}, Yes: true,
		Client: clitest.ClientFor(srv, client.WithMiddleware(cancelAfterDelete(cancel)))}
	r := tio.ResultOf(ctx, membercmd.RunRemove(ctx, &opts))
	assert.Equal(t, cmdutil.ExitInterrupted, r.Code, r.Stderr)
	assert.Equal(t, []cmdutil.DeleteOut{
		{ID: "user-ada", Email: "Ada@Example.com", Deleted: true},
		{ID: "user-anon", Error: "not attempted: interrupted"},
	}, clitest.DecodeJSON[[]cmdutil.DeleteOut](t, r))
	assert.Equal(t, []string{"user-ada"}, removedIDs(srv))
}

// cancelAfterDelete calls cancel once a DELETE has been answered in full,
// as a Ctrl-C then would.
func cancelAfterDelete(cancel context.CancelFunc) func(http.RoundTripper) http.RoundTripper {
	return func(next http.RoundTripper) http.RoundTripper {
		return clitest.RoundTripFunc(func(req *http.Request) (*http.Response, error) {
			resp, err := next.RoundTrip(req)
			if err != nil || req.Method != http.MethodDelete {
				return resp, err
			}
			body, err := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			resp.Body = io.NopCloser(bytes.NewReader(body))
			cancel()
			return resp, err
		})
	}
}
