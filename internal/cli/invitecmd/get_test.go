package invitecmd_test

import (
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/invitecmd"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runGetOn runs RunGet for invite against srv, with -o output.
func runGetOn(t *testing.T, srv *fake.Server, output, invite string) clitest.Result {
	t.Helper()
	tio := clitest.NewTestIO("")
	return tio.ResultOf(t.Context(), invitecmd.RunGet(t.Context(), &invitecmd.GetOptions{IO: tio.IOStreams, Client: clitest.ClientFor(srv), Output: output, Invite: invite}))
}

func TestGet(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(3))
	want := srv.Invites()[1]

	r := runGetOn(t, srv, "json", want.ID)
	require.Equal(t, 0, r.Code, r.Stderr)
	got := clitest.DecodeJSON[invitecmd.InviteOut](t, r)
	assert.Equal(t, want.ID, got.ID)
	assert.Equal(t, want.Email, got.Email)
	assert.Equal(t, want.Status, got.Status)
	assert.Equal(t, want.CreatedAt.Unix(), got.CreatedAt.Unix())

	r = runGetOn(t, srv, "table", want.ID)
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Regexp(t, `(?m)^Email\s+`+want.Email+`$`, r.Stdout)
}

func TestGetMissingIsOneLineWithStatusAndRequestID(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	r := clitest.On(srv).Run(t, "get", "invite-nope")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Empty(t, r.Stdout)
	require.Len(t, clitest.Lines(r.Stderr), 1, r.Stderr)
	assert.Regexp(t, `^invites: 404 Not Found: .*invite-nope.* \(request req_\w+\)\n$`, r.Stderr)
}

func TestGetRejectsDotSegments(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	for _, id := range []string{"..", ".", ""} {
		r := clitest.On(srv).Run(t, "get", id)
		assert.Equal(t, cmdutil.ExitUsage, r.Code, "%q: %s", id, r.Stderr)
	}
	assert.Equal(t, 0, srv.Stats().Total, "nothing was sent")
}

func TestTimeoutIsPerAttempt(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(1), fake.WithFaults(fake.Faults{Latency: 300 * time.Millisecond}))
	id := srv.Invites()[0].ID
	r := clitest.On(srv).Run(t, "get", id, "--timeout", "30ms", "--max-retries", "0")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Regexp(t, `^invites: timed out waiting for the API \(raise --timeout\?\)`, r.Stderr)
	assert.Len(t, clitest.Lines(r.Stderr), 1, r.Stderr)

	r = clitest.On(srv).Run(t, "get", id, "--timeout", "5s")
	assert.Equal(t, 0, r.Code, r.Stderr)
}
