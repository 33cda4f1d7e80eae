package rostercmd_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/rosterrun"
	"github.com/goinvites/invites/internal/writetest"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncSummaryOf runs a sync command line with -o json and decodes its
// summary.
func syncSummaryOf(t *testing.T, c clitest.CLI, args ...string) (rosterrun.Summary, clitest.Result) {
	t.Helper()
	r := c.Run(t, append([]string{"sync", "-o", "json"}, args...)...)
	return clitest.DecodeJSON[rosterrun.Summary](t, r), r
}

// readReport parses an import report into its rows, header first.
func readReport(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return rows
}

// teamCSV lists n new hires, one per row.
func teamCSV(n int) string {
	var b strings.Builder
	b.WriteString("email,role,projects\n")
	for i := range n {
		b.WriteString(hire(i) + ",reader,\n")
	}
	return b.String()
}

func hire(i int) string { return "hire" + string(rune('a'+i)) + "@example.com" }

// rosterOn is the options every roster run takes, for srv, as the flags'
// defaults give them: tio's streams, -o output, the roster file; test
// options for the client come after the command's own, as flags do.
func rosterOn(tio *clitest.TestIO, srv *fake.Server, output, file string, test ...client.Option) rosterrun.RosterOptions {
	return rosterrun.RosterOptions{IO: tio.IOStreams, Client: clitest.ClientFor(srv, test...), Output: output, File: file, Concurrency: 1, Grace: rosterrun.DefaultGrace}
}

// oneInviteEach asserts that each of the first n hires got exactly one
// invite: none missing, none duplicated.
func oneInviteEach(t *testing.T, srv *fake.Server, n int) {
	t.Helper()
	for i := range n {
		assert.Equal(t, 1, srv.CreatedFor(hire(i)), hire(i))
	}
}

// posts is how many creates srv was sent, whatever their answer.
func posts(srv *fake.Server) int {
	n := 0
	for _, count := range srv.Stats().Requests[http.MethodPost] {
		n += count
	}
	return n
}

// interruptAtCreate returns a context and a client option for a run that
// is interrupted, as Ctrl-C would, as the nth create is sent.
func interruptAtCreate(t *testing.T, n int64) (context.Context, client.Option) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	var creates atomic.Int64
	return ctx, client.WithMiddleware(func(next http.RoundTripper) http.RoundTripper {
		return clitest.RoundTripFunc(func(r *http.Request) (*http.Response, error) {
			if r.Method == http.MethodPost && creates.Add(1) == n {
				cancel()
			}
			return next.RoundTrip(r)
		})
	})
}

// seedPlanOrg gives srv an organization for the saved-plan tests and
// returns the roster that plans, with --revoke-missing: ada's promotion
// (set-role), carol's invite (create) and bob's revoke; boss, zed and the
// pending invite to kept are kept.
func seedPlanOrg(t *testing.T, srv *fake.Server) string {
	t.Helper()
	addMembers(t, srv.Handler,
		fake.Member{ID: "user-boss", Email: "boss@example.com", Role: "owner"},
		fake.Member{ID: "user-ada", Email: "ada@example.com", Role: "reader"},
		fake.Member{ID: "user-zed", Email: "zed@example.com", Role: "reader"})
	for _, email := range []string{"bob@example.com", "kept@example.com"} {
		require.Equal(t, 0, clitest.On(srv).Run(t, "create", email, "--role", "reader").Code)
	}
	return clitest.WriteFile(t, "roster.csv", "email,role\r\nboss@example.com,owner\r\nada@example.com,owner\r\n"+
		"carol@example.com,reader\r\nzed@example.com,reader\r\nkept@example.com,reader\r\n")
}

// writesTo is how many write requests srv received, whatever their
// answer: creates, deletes, role changes and removals.
func writesTo(srv *fake.Server) int {
	s := srv.Stats()
	return s.SentTo(fake.EndpointCreateInvite) + s.SentTo(fake.EndpointDeleteInvite) + s.SentTo(fake.EndpointModifyUser) + s.SentTo(fake.EndpointDeleteUser)
}

// readPlan reads the plan saved at path.
func readPlan(t *testing.T, path string) *roster.SavedPlan {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	p, err := roster.ReadSavedPlan(f)
	require.NoError(t, err)
	return p
}

// rewritePlan saves p over the plan at path, as a hand or a clock would
// have changed it.
func rewritePlan(t *testing.T, path string, p *roster.SavedPlan) {
	t.Helper()
	var b strings.Builder
	_, err := p.WriteTo(&b)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o600))
}

// writeServer is a fake behind a server of the test's own that names
// every write request it receives (writetest), whatever the fake then
// answers, dropped connections included; and that can hold the nth write
// of a run until the test has killed the client that sent it, then serve
// it: the server received it, and the client never heard back.
type writeServer struct {
	*fake.Handler
	URL string

	mu       sync.Mutex
	received []string
	writes   int           // write requests since hold
	holdAt   int           // the write request to hold; 0 none
	held     chan string   // the held write's name
	release  chan struct{} // closed when the held write may be served
}

func newWriteServer(t *testing.T, opts ...fake.Option) *writeServer {
	t.Helper()
	s := &writeServer{Handler: fake.NewHandler(opts...)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body) // whole, before its client may be gone
		assert.NoError(t, err)
		r.Body = io.NopCloser(bytes.NewReader(body))
		name, err := writetest.Of(r)
		assert.NoError(t, err)
		if name != "" {
			s.mu.Lock()
			s.received = append(s.received, name)
			s.writes++
			held, release := s.writes == s.holdAt, s.release
			s.mu.Unlock()
			if held {
				s.held <- name
				select {
				case <-release:
				case <-t.Context().Done():
					return
				}
				r = r.WithContext(context.WithoutCancel(r.Context())) // served as if its client were there
			}
		}
		s.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	s.URL = srv.URL + "/v1"
	return s
}

// hold makes the nth write request from now on wait for release.
func (s *writeServer) hold(n int) (held <-chan string, release chan<- struct{}) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.writes, s.holdAt = 0, n
	s.held, s.release = make(chan string, 1), make(chan struct{})
	return s.held, s.release
}

// Received are the writes received so far, in order, one per request.
func (s *writeServer) Received() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.received...)
}

// addMembers adds members to the fake h, as if they had joined.
func addMembers(t *testing.T, h *fake.Handler, members ...fake.Member) {
	t.Helper()
	for _, m := range members {
		_, err := h.AddMember(m)
		require.NoError(t, err)
	}
}

// assertNoKey asserts that the file at path holds neither key nor a piece
// of it.
func assertNoKey(t *testing.T, path, key string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotContains(t, string(data), key, "never the key")
	assert.NotContains(t, string(data), key[len(key)-8:], "nor a piece of it")
}

// rosterProjects seeds the projects the rosters of these tests grant, as a
// real organization holds the projects its invites name: sync and import
// resolve a roster's projects from the projects read, and refuse a row
// naming one that does not exist.
func rosterProjects() fake.Option {
	return fake.WithProjects(
		fake.Project{ID: "proj_a", Name: "Alpha"}, fake.Project{ID: "proj_b", Name: "Beta"},
		fake.Project{ID: "proj_apollo", Name: "Apollo"}, fake.Project{ID: "proj_gemini", Name: "Gemini"},
	)
}
