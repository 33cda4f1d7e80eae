package rostercmd_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/rostercmd"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncSummaryOf runs a sync command line with -o json and decodes its
// summary.
func syncSummaryOf(t *testing.T, c clitest.CLI, args ...string) (rostercmd.PlanSummary, clitest.Result) {
	t.Helper()
	r := c.Run(t, append([]string{"sync", "-o", "json"}, args...)...)
	return clitest.DecodeJSON[rostercmd.PlanSummary](t, r), r
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
func rosterOn(tio *clitest.TestIO, srv *fake.Server, output, file string, test ...client.Option) rostercmd.RosterOptions {
	return rostercmd.RosterOptions{IO: tio.IOStreams, Client: clitest.ClientFor(srv, test...), Output: output, File: file, Concurrency: 1, Grace: rostercmd.DefaultGrace}
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
	for _, m := range []fake.Member{
		{ID: "user-boss", Email: "boss@example.com", Role: "owner"},
		{ID: "user-ada", Email: "ada@example.com", Role: "reader"},
		{ID: "user-zed", Email: "zed@example.com", Role: "reader"},
	} {
		_, err := srv.AddMember(m)
		require.NoError(t, err)
	}
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
