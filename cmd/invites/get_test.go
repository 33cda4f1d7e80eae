package main

import (
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runGetOn runs runGet for invite against srv, with -o output.
func runGetOn(t *testing.T, srv *fake.Server, output, invite string) result {
	t.Helper()
	tio := newTestIO("")
	return tio.resultOf(t.Context(), runGet(t.Context(), &getOptions{IO: tio.IOStreams, Client: clientFor(srv), Output: output, Invite: invite}))
}

func TestGet(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(3))
	want := srv.Invites()[1]

	r := runGetOn(t, srv, "json", want.ID)
	require.Equal(t, 0, r.code, r.stderr)
	got := decodeJSON[inviteOut](t, r)
	assert.Equal(t, want.ID, got.ID)
	assert.Equal(t, want.Email, got.Email)
	assert.Equal(t, want.Status, got.Status)
	assert.Equal(t, want.CreatedAt.Unix(), got.CreatedAt.Unix())

	r = runGetOn(t, srv, "table", want.ID)
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

func TestTimeoutIsPerAttempt(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(1), fake.WithFaults(fake.Faults{Latency: 300 * time.Millisecond}))
	id := srv.Invites()[0].ID
	r := on(srv).run(t, "get", id, "--timeout", "30ms", "--max-retries", "0")
	assert.Equal(t, exitFailure, r.code)
	assert.Regexp(t, `^invites: timed out waiting for the API \(raise --timeout\?\)`, r.stderr)
	assert.Len(t, lines(r.stderr), 1, r.stderr)

	r = on(srv).run(t, "get", id, "--timeout", "5s")
	assert.Equal(t, 0, r.code, r.stderr)
}
