// The doubles every command's tests use: the process's streams over
// buffers, clients for a fake, the whole command line run in-process, and
// the small readers of what a command printed. They live in one package
// because the tests of every noun's package need the same ones.

package clitest

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/root"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestIO is the test double of the process's streams: stdin reads a string,
// stdout and stderr are buffers safe to read while a command writes, and
// neither stdin nor stderr is a terminal until Terminal says so.
type TestIO struct {
	*cmdutil.IOStreams
	Stdout, Stderr *SyncBuffer
}

// NewTestIO is streams whose stdin reads stdin.
func NewTestIO(stdin string) *TestIO {
	stdout, stderr := &SyncBuffer{}, &SyncBuffer{}
	return &TestIO{cmdutil.NewStreams(strings.NewReader(stdin), stdout, stderr), stdout, stderr}
}

// Terminal makes stdin and stderr terminals, as for a person at a shell.
func (tio *TestIO) Terminal() *TestIO {
	tio.SetTerminal(true, true)
	return tio
}

// Result is what one run of a command produced: its exit code, as run maps
// the command's error, and its output. Err is a RunX call's error, which
// run would print on stderr (nil from CLI.Run, which prints it).
type Result struct {
	Code           int
	Stdout, Stderr string
	Err            error
}

// ResultOf is the result of a RunX call that returned err.
func (tio *TestIO) ResultOf(ctx context.Context, err error) Result {
	return Result{cmdutil.ExitCode(ctx, err, true), tio.Stdout.String(), tio.Stderr.String(), err}
}

// ClientFor makes clients for srv as the factory does for a user with
// OPENAI_ADMIN_KEY and OPENAI_BASE_URL set: a command's own options, then
// the test's (as flags would), last.
func ClientFor(srv *fake.Server, test ...client.Option) cmdutil.ClientFunc {
	return ClientAt(srv.URL(), srv.Key(), test...)
}

// ClientAt is ClientFor for a fake served some other way (a fake.Handler
// behind a test's own server), at baseURL with key.
func ClientAt(baseURL, key string, test ...client.Option) cmdutil.ClientFunc {
	return func(_ context.Context, extra ...client.Option) (*client.Client, error) {
		opts := append([]client.Option{client.WithoutEnvironment(), client.WithAPIKey(key), client.WithBaseURL(baseURL)}, extra...)
		return client.New(append(opts, test...)...)
	}
}

// CLI runs the whole command line in-process, through root.Run: for what
// only the command line shows (flag parsing, exit codes, the error line).
type CLI struct {
	Env      map[string]string
	Stdin    string
	Terminal bool // stdin and stderr are terminals
	Ctx      context.Context
}

// Run runs the command line args. Unless c.Env names a journal
// (cmdutil.JournalEnv), the run's writes are journaled in a test
// directory, never in the user's.
func (c CLI) Run(t *testing.T, args ...string) Result {
	t.Helper()
	ctx := c.Ctx
	if ctx == nil {
		ctx = t.Context()
	}
	tio := NewTestIO(c.Stdin)
	if c.Terminal {
		tio.Terminal()
	}
	journal := filepath.Join(t.TempDir(), "journal.jsonl")
	getenv := func(k string) string {
		if v, ok := c.Env[k]; ok || k != cmdutil.JournalEnv {
			return v
		}
		return journal
	}
	code := root.Run(ctx, args, tio.IOStreams, getenv)
	return Result{Code: code, Stdout: tio.Stdout.String(), Stderr: tio.Stderr.String()}
}

// With returns c with the environment variable name set to value.
func (c CLI) With(name, value string) CLI {
	env := maps.Clone(c.Env)
	if env == nil {
		env = map[string]string{}
	}
	env[name] = value
	c.Env = env
	return c
}

// On returns a CLI that talks to srv with its key, as a user with
// OPENAI_ADMIN_KEY and OPENAI_BASE_URL set would.
func On(srv *fake.Server) CLI {
	return CLI{Env: map[string]string{client.EnvAPIKey: srv.Key(), client.EnvBaseURL: srv.URL()}}
}

// WithStdin returns c reading stdin from s.
func (c CLI) WithStdin(s string) CLI { c.Stdin = s; return c }

// UsageErrors runs each command line against srv and asserts that it is a
// usage error (exit 2) told in one line, "invites: ...", and at most a
// usage hint, and that none of them sent anything.
func UsageErrors(t *testing.T, srv *fake.Server, cases map[string][]string) {
	t.Helper()
	before := srv.Stats().Total
	for name, args := range cases {
		r := On(srv).Run(t, args...)
		assert.Equal(t, cmdutil.ExitUsage, r.Code, "%s: %s", name, r.Stderr)
		if errLines := Lines(r.Stderr); assert.NotEmpty(t, errLines, name) {
			assert.Regexp(t, `^invites: `, errLines[0], name)
			assert.LessOrEqual(t, len(errLines), 2, "%s: an error line and at most a usage hint", name)
		}
	}
	assert.Equal(t, before, srv.Stats().Total, "a usage error sends nothing")
}

// Lines splits output into its non-empty lines.
func Lines(s string) []string {
	var out []string
	for l := range strings.Lines(s) {
		if l = strings.TrimRight(l, "\n"); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// DecodeJSON parses a command's JSON output into v.
func DecodeJSON[T any](t *testing.T, r Result) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal([]byte(r.Stdout), &v), "stdout: %s\nstderr: %s", r.Stdout, r.Stderr)
	return v
}

// FakeInvite is the invite srv holds for email; it fails the test if none.
func FakeInvite(t *testing.T, srv *fake.Server, email string) fake.Invite {
	t.Helper()
	for _, inv := range srv.Invites() {
		if inv.Email == email {
			return inv
		}
	}
	t.Fatalf("the fake holds no invite for %s", email)
	return fake.Invite{}
}

// ProjectRoles is who srv lists in projectID, by user ID, with their roles.
func ProjectRoles(srv *fake.Server, projectID string) map[string]string {
	out := map[string]string{}
	for _, m := range srv.ProjectMembers(projectID) {
		out[m.UserID] = m.Role
	}
	return out
}

// RemovedFromProject is the user IDs whose access to projectID srv ended,
// in order.
func RemovedFromProject(srv *fake.Server, projectID string) []string {
	var ids []string
	for _, m := range srv.RemovedProjectMembers(projectID) {
		ids = append(ids, m.UserID)
	}
	return ids
}

// ProjectWrites counts the adds, role changes and removals of project
// members srv was sent, whatever their answer.
func ProjectWrites(srv *fake.Server) int {
	s := srv.Stats()
	return s.SentTo(fake.EndpointCreateProjectUser) + s.SentTo(fake.EndpointModifyProjectUser) + s.SentTo(fake.EndpointDeleteProjectUser)
}

// WriteFile writes content to a new file in a test directory.
func WriteFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
}

// SyncBuffer is a bytes.Buffer safe to read while a command writes to it.
type SyncBuffer struct {
	mu  sync.Mutex
	buf strings.Builder
}

// Write appends p.
func (b *SyncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String is what was written so far.
func (b *SyncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// RoundTripFunc is a function as an http.RoundTripper, for a middleware.
type RoundTripFunc func(*http.Request) (*http.Response, error)

// RoundTrip calls f.
func (f RoundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
