package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/gen"
	"github.com/stretchr/testify/require"
)

// result is what one in-process run of the CLI produced.
type result struct {
	code           int
	stdout, stderr string
}

// cli describes how to run the CLI in-process: its environment, stdin,
// context and any test seams to set on the app.
type cli struct {
	env   map[string]string
	stdin string
	ctx   context.Context
	tweak func(*app)
}

func (c cli) run(t *testing.T, args ...string) result {
	t.Helper()
	ctx := c.ctx
	if ctx == nil {
		ctx = t.Context()
	}
	var stdout, stderr bytes.Buffer
	a := newApp(ctx, strings.NewReader(c.stdin), &stdout, &stderr, func(k string) string { return c.env[k] })
	if c.tweak != nil {
		c.tweak(a)
	}
	code := a.run(args)
	return result{code, stdout.String(), stderr.String()}
}

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

// on returns a cli that talks to srv with its key, as a user with
// OPENAI_ADMIN_KEY and OPENAI_BASE_URL set would.
func on(srv *fake.Server) cli {
	return cli{env: map[string]string{client.EnvAPIKey: srv.Key(), client.EnvBaseURL: srv.URL()}}
}

// withStdin returns c reading stdin from s.
func (c cli) withStdin(s string) cli { c.stdin = s; return c }

// with returns c with tweak applied to the app after its defaults.
func (c cli) with(tweak func(*app)) cli {
	prev := c.tweak
	c.tweak = func(a *app) {
		if prev != nil {
			prev(a)
		}
		tweak(a)
	}
	return c
}

// decodeJSON parses a command's JSON output into v.
func decodeJSON[T any](t *testing.T, r result) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &v), "stdout: %s\nstderr: %s", r.stdout, r.stderr)
	return v
}

// fakeInvite is the invite srv holds for email; it fails the test if none.
func fakeInvite(t *testing.T, srv *fake.Server, email string) gen.Invite {
	t.Helper()
	for _, inv := range srv.Invites() {
		if inv.Email == email {
			return inv
		}
	}
	t.Fatalf("the fake holds no invite for %s", email)
	return gen.Invite{}
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
