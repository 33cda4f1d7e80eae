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
