package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/require"
)

// testIO is the test double of the process's streams: stdin reads a string,
// stdout and stderr are buffers safe to read while a command writes, and
// neither stdin nor stderr is a terminal until terminal says so.
type testIO struct {
	*IOStreams
	stdout, stderr *syncBuffer
}

func newTestIO(stdin string) *testIO {
	stdout, stderr := newSyncBuffer(), newSyncBuffer()
	return &testIO{newStreams(strings.NewReader(stdin), stdout, stderr), stdout, stderr}
}

// terminal makes stdin and stderr terminals, as for a person at a shell.
func (tio *testIO) terminal() *testIO {
	tio.stdinTTY, tio.stderrTTY = true, true
	return tio
}

// result is what one run of a command produced: its exit code, as run maps
// the command's error, and its output. err is a runX call's error, which
// run would print on stderr (nil from cli.run, which prints it).
type result struct {
	code           int
	stdout, stderr string
	err            error
}

// resultOf is the result of a runX call that returned err.
func (tio *testIO) resultOf(ctx context.Context, err error) result {
	return result{exitCode(ctx, err, true), tio.stdout.String(), tio.stderr.String(), err}
}

// clientFor makes clients for srv as the factory does for a user with
// OPENAI_ADMIN_KEY and OPENAI_BASE_URL set: a command's own options, then
// the test's (as flags would), last.
func clientFor(srv *fake.Server, test ...client.Option) clientFunc {
	return func(_ context.Context, extra ...client.Option) (*client.Client, error) {
		opts := append([]client.Option{client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL())}, extra...)
		return client.New(append(opts, test...)...)
	}
}

// cli runs the whole command line in-process, through run: for what only
// the command line shows (flag parsing, exit codes, the error line).
type cli struct {
	env      map[string]string
	stdin    string
	terminal bool // stdin and stderr are terminals
	ctx      context.Context
}

func (c cli) run(t *testing.T, args ...string) result {
	t.Helper()
	ctx := c.ctx
	if ctx == nil {
		ctx = t.Context()
	}
	tio := newTestIO(c.stdin)
	if c.terminal {
		tio.terminal()
	}
	code := run(ctx, args, tio.IOStreams, func(k string) string { return c.env[k] })
	return result{code: code, stdout: tio.stdout.String(), stderr: tio.stderr.String()}
}

// on returns a cli that talks to srv with its key, as a user with
// OPENAI_ADMIN_KEY and OPENAI_BASE_URL set would.
func on(srv *fake.Server) cli {
	return cli{env: map[string]string{client.EnvAPIKey: srv.Key(), client.EnvBaseURL: srv.URL()}}
}

// withStdin returns c reading stdin from s.
func (c cli) withStdin(s string) cli { c.stdin = s; return c }

// lines splits output into its non-empty lines.
func lines(s string) []string {
	var out []string
	for l := range strings.Lines(s) {
		if l = strings.TrimRight(l, "\n"); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// decodeJSON parses a command's JSON output into v.
func decodeJSON[T any](t *testing.T, r result) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &v), "stdout: %s\nstderr: %s", r.stdout, r.stderr)
	return v
}

// fakeInvite is the invite srv holds for email; it fails the test if none.
func fakeInvite(t *testing.T, srv *fake.Server, email string) fake.Invite {
	t.Helper()
	for _, inv := range srv.Invites() {
		if inv.Email == email {
			return inv
		}
	}
	t.Fatalf("the fake holds no invite for %s", email)
	return fake.Invite{}
}

// syncBuffer is a bytes.Buffer safe to read while a command writes to it.
type syncBuffer struct {
	lockedWriter
	buf bytes.Buffer
}

func newSyncBuffer() *syncBuffer {
	b := &syncBuffer{}
	b.w = &b.buf
	return b
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
