package main

import (
	"context"
	"encoding/csv"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// writeFile writes content to a new file in a test directory.
func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
	return path
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

// importSummaryOf runs an import with -o json and decodes its summary.
func importSummaryOf(t *testing.T, c cli, args ...string) (importSummary, result) {
	t.Helper()
	r := c.run(t, append([]string{"import", "-o", "json"}, args...)...)
	return decodeJSON[importSummary](t, r), r
}

// oneInviteEach asserts that each of the first n hires got exactly one
// invite: none missing, none duplicated.
func oneInviteEach(t *testing.T, srv *fake.Server, n int) {
	t.Helper()
	for i := range n {
		assert.Equal(t, 1, srv.CreatedFor(hire(i)), hire(i))
	}
}

// reRunFinishes runs the import of a file of n hires again and asserts that
// it creates just the missing ones, leaving one invite per hire.
func reRunFinishes(t *testing.T, srv *fake.Server, file string, n, missing int) {
	t.Helper()
	sum, r := importSummaryOf(t, on(srv), "--file", file)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, missing, sum.Created)
	assert.Equal(t, n-missing, sum.Skipped)
	oneInviteEach(t, srv, n)
}

func TestImportInvalidRowsSendNothing(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := writeFile(t, "team.csv", "email,role,projects\n"+
		"ada@example.com,reader,\n"+
		"bob@,reader,\n"+
		"cy@example.com,admin,proj_a:member\n"+
		"ADA@example.com,owner,\n"+ // another role: identical rows are merged
		"dee@example.com,owner,proj_a\n")
	report := filepath.Join(t.TempDir(), "report.csv")

	r := on(srv).run(t, "import", "--file", file, "--report", report)
	assert.Equal(t, exitUsage, r.code)
	assert.Equal(t, 0, srv.Stats().Total, "not even the list of invites")
	assert.Contains(t, r.stderr, file+`:3: invalid email "bob@"`)
	assert.Contains(t, r.stderr, file+`:4: invalid role "admin"`)
	assert.Contains(t, r.stderr, file+`:5: duplicate email ADA@example.com (first on line 2)`)
	assert.Contains(t, r.stderr, file+`:6: project "proj_a": want ID:member or ID:owner`)
	assert.Contains(t, r.stderr, "4 invalid row(s); nothing was sent")

	rows := readReport(t, report)
	require.Len(t, rows, 6)
	assert.Equal(t, reportHeader, rows[0])
	assert.Equal(t, []string{"2", "ada@example.com", outcomeNotAttempted, "", "not sent: the file has invalid rows"}, rows[1])
	assert.Equal(t, []string{"3", "bob@", outcomeInvalid, "", `invalid email "bob@": not a bare address such as name@example.com`}, rows[2])
}

func TestImportFileProblemsAreUsageErrors(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	for name, content := range map[string]string{
		"no header":    "ada@example.com,reader,\n",
		"empty":        "",
		"header only":  "email,role,projects\n",
		"wrong column": "mail,role\nada@example.com,reader\n",
	} {
		r := on(srv).run(t, "import", "--file", writeFile(t, "f.csv", content))
		assert.Equal(t, exitUsage, r.code, name)
		assert.Len(t, lines(r.stderr), 1, "%s: %s", name, r.stderr)
	}
	r := on(srv).run(t, "import", "--file", filepath.Join(t.TempDir(), "absent.csv"))
	assert.Equal(t, exitUsage, r.code)
	r = on(srv).run(t, "import")
	assert.Equal(t, exitUsage, r.code, "--file is required")
	r = on(srv).run(t, "import", "--file", "x", "--concurrency", "0")
	assert.Equal(t, exitUsage, r.code)
	assert.Equal(t, 0, srv.Stats().Total)
}

func TestImportSkipInvalidCreatesTheRest(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := writeFile(t, "team.csv", "\uFEFFemail,role,projects\n"+
		"ada@example.com,reader,\n"+
		"nobody,reader,\n"+
		"bob@example.com,owner,proj_a:owner;proj_b:member\n"+
		"cy@example.com,reader,none\n")
	report := filepath.Join(t.TempDir(), "report.csv")

	sum, r := importSummaryOf(t, on(srv), "--file", file, "--skip-invalid", "--report", report)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, 3, sum.Created)
	assert.Equal(t, 1, sum.Invalid)
	assert.Contains(t, r.stderr, file+`:3: invalid email "nobody"`)
	for _, email := range []string{"ada@example.com", "bob@example.com", "cy@example.com"} {
		assert.Equal(t, 1, srv.CreatedFor(email), email)
	}
	assert.Len(t, fakeInvite(t, srv, "bob@example.com").Projects, 2)
	assert.Empty(t, fakeInvite(t, srv, "cy@example.com").Projects, "none: no project at all")

	rows := readReport(t, report)
	require.Len(t, rows, 5)
	for i, row := range rows[1:] {
		assert.Equal(t, sum.Rows[i].Outcome, row[2])
		assert.Equal(t, sum.Rows[i].InviteID, row[3])
	}
	assert.Equal(t, fakeInvite(t, srv, "ada@example.com").ID, rows[1][3])
	assert.Equal(t, outcomeInvalid, rows[2][2])

	r = on(srv).run(t, "import", "--file", file, "--skip-invalid")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, 1, strings.Count(r.stdout+r.stderr, `invalid email "nobody"`), "each invalid row is printed once:\n%s%s", r.stdout, r.stderr)
}

func TestImportSkipsPendingAndReRunsWithoutDuplicates(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	require.Equal(t, 0, on(srv).run(t, "create", hire(1), "--role", "reader").code)
	file := writeFile(t, "team.csv", teamCSV(5))

	// The first run: one row's create fails for good (a 500, no retries).
	srv.FailNextFor(http.MethodPost, fake.FaultServerError, 1)
	sum, r := importSummaryOf(t, on(srv), "--file", file, "--max-retries", "0")
	assert.Equal(t, exitFailure, r.code, r.stderr)
	assert.Equal(t, 3, sum.Created)
	assert.Equal(t, 1, sum.Skipped)
	assert.Equal(t, 1, sum.Failed)
	assert.Equal(t, outcomeFailed, sum.Rows[0].Outcome, "the first create met the 500")
	assert.Contains(t, sum.Rows[0].Error, "500")
	assert.Equal(t, outcomeSkipped, sum.Rows[1].Outcome)
	assert.Equal(t, fakeInvite(t, srv, hire(1)).ID, sum.Rows[1].InviteID)
	assert.Equal(t, "already has a pending invite", sum.Rows[1].Error)

	// The re-run creates only what is missing.
	reRunFinishes(t, srv, file, 5, 1)
}

// The case an admin met: a row asking more than the pending invite grants
// must not read as done.
func TestImportReportsAMismatchAndPointsToSync(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	require.Equal(t, 0, on(srv).run(t, "create", "ada@example.com", "--role", "reader").code)
	require.Equal(t, 0, on(srv).run(t, "create", "bob@example.com", "--role", "owner", "--project", "proj_b:member", "--project", "proj_a:owner").code)
	file := writeFile(t, "team.csv", "email,role,projects\n"+
		"ada@example.com,owner,proj_a:owner\n"+
		"bob@example.com,owner,proj_a:owner;proj_b:member\n")
	report := filepath.Join(t.TempDir(), "report.csv")

	r := on(srv).run(t, "import", "--file", file, "--report", report)
	assert.Equal(t, exitFailure, r.code, r.stderr)
	ada := fakeInvite(t, srv, "ada@example.com").ID
	assert.Contains(t, r.stdout, "0 created, 1 skipped (already invited), 0 failed, 0 invalid, 1 mismatched.")
	assert.Contains(t, r.stdout, "line 2 ada@example.com: mismatch "+ada+": pending invite differs: role reader -> owner; projects none -> proj_a:owner")
	assert.Contains(t, r.stdout, "invites sync --file "+file+" replaces them")
	assert.Equal(t, []string{"2", "ada@example.com", outcomeMismatch, ada,
		"pending invite differs: role reader -> owner; projects none -> proj_a:owner (import does not change it; invites sync does)"}, readReport(t, report)[1])
	assert.Equal(t, outcomeSkipped, readReport(t, report)[2][2], "the same grants in another order match")

	sum, r := importSummaryOf(t, on(srv), "--file", file)
	assert.Equal(t, exitFailure, r.code)
	assert.Equal(t, 1, sum.Mismatch)
	assert.Equal(t, 1, srv.CreatedFor("ada@example.com"), "nothing sent for it")
}

func TestImportWaitsOutRateLimits(t *testing.T) {
	t.Parallel()
	// Two creates per 300ms window; the wait is only in the 429's message.
	srv := fake.NewServer(t, fake.WithFaults(fake.Faults{RateLimit: 2, RateWindow: 300 * time.Millisecond}))
	sum, r := importSummaryOf(t, on(srv), "--file", writeFile(t, "team.csv", teamCSV(5)))
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, 5, sum.Created)
	assert.Positive(t, sum.RateLimited)
	assert.Equal(t, sum.RateLimited, srv.Stats().Count(http.MethodPost, http.StatusTooManyRequests))
	assert.Equal(t, srv.Stats().Total, sum.Requests)
	assert.Equal(t, sum.RateLimited, strings.Count(r.stderr, rateLimitNotice), "each wait is explained as it happens")
	oneInviteEach(t, srv, 5)
}

func TestImportRecoversAmbiguousCreates(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	srv.FailNextFor(http.MethodPost, fake.FaultAmbiguousError, 1)
	srv.FailNextFor(http.MethodPost, fake.FaultAmbiguousDrop, 1)
	sum, r := importSummaryOf(t, on(srv), "--file", writeFile(t, "team.csv", teamCSV(3)))
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, 3, sum.Created)
	oneInviteEach(t, srv, 3)
}

func TestImportDryRunSendsOnlyAList(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	require.Equal(t, 0, on(srv).run(t, "create", hire(0), "--role", "reader").code)
	before := srv.Stats()

	sum, r := importSummaryOf(t, on(srv), "--file", writeFile(t, "team.csv", teamCSV(3)), "--dry-run")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, 2, sum.WouldCreate)
	assert.Equal(t, 1, sum.Skipped)
	after := srv.Stats()
	assert.Equal(t, before.Count(http.MethodPost, http.StatusOK), after.Count(http.MethodPost, http.StatusOK))
	assert.Equal(t, before.Total+1, after.Total, "one list request")

	r = on(srv).run(t, "import", "--file", writeFile(t, "team.csv", teamCSV(3)), "--dry-run")
	assert.Contains(t, r.stdout, "would create 2, skip 1 (already invited), 0 invalid. Nothing was created.")
}

// interruptAtCreate returns a middleware that cancels the run's context as
// the nth create is sent, as Ctrl-C would.
func interruptAtCreate(n int64, cancel context.CancelFunc) func(http.RoundTripper) http.RoundTripper {
	var creates atomic.Int64
	return func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			if r.Method == http.MethodPost && creates.Add(1) == n {
				cancel()
			}
			return next.RoundTrip(r)
		})
	}
}

// interruptedAtCreate returns a cli for srv whose run is interrupted, as
// Ctrl-C would, as the nth create is sent.
func interruptedAtCreate(t *testing.T, srv *fake.Server, n int64) cli {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	c := on(srv)
	c.ctx = ctx
	return c.with(func(a *app) {
		a.clientOpts = append(a.clientOpts, client.WithMiddleware(interruptAtCreate(n, cancel)))
	})
}

func TestImportInterruptFinishesInFlightAndReports(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	c := interruptedAtCreate(t, srv, 3)
	report := filepath.Join(t.TempDir(), "report.csv")
	file := writeFile(t, "team.csv", teamCSV(6))

	r := c.run(t, "import", "--file", file, "--report", report)
	assert.Equal(t, exitInterrupted, r.code, r.stderr)
	assert.Contains(t, r.stdout, "3 created, 0 skipped (already invited), 0 failed, 0 invalid, 3 not attempted.")
	assert.Contains(t, r.stdout, "Interrupted: 3 row(s) not attempted. Run the same command again to finish")
	assert.Contains(t, r.stderr, "interrupted: starting no new invites")

	rows := readReport(t, report)
	require.Len(t, rows, 7, "one outcome per row")
	for i, row := range rows[1:] {
		want := outcomeCreated
		if i >= 3 {
			want = outcomeNotAttempted
		}
		assert.Equal(t, want, row[2], "line %s", row[0])
		assert.Equal(t, i < 3, srv.CreatedFor(hire(i)) == 1, hire(i))
		if i < 3 {
			assert.Equal(t, fakeInvite(t, srv, hire(i)).ID, row[3])
		}
	}

	reRunFinishes(t, srv, file, 6, 3)
}

func TestImportInterruptGivesUpOnAStalledRequest(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	srv.FailNextFor(http.MethodPost, fake.FaultStall, 10) // held until the client gives up
	c := interruptedAtCreate(t, srv, 1).with(func(a *app) { a.interruptGrace = 50 * time.Millisecond })
	sum, r := importSummaryOf(t, c, "--file", writeFile(t, "team.csv", teamCSV(2)))
	assert.Equal(t, exitInterrupted, r.code, r.stderr)
	assert.True(t, sum.Interrupted)
	assert.Equal(t, outcomeFailed, sum.Rows[0].Outcome)
	assert.Contains(t, sum.Rows[0].Error, "the invite may exist; re-run to finish")
	assert.Equal(t, outcomeNotAttempted, sum.Rows[1].Outcome)
}

func TestImportInterruptDuringScanCreatesNothing(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	c := on(srv)
	c.ctx = ctx
	report := filepath.Join(t.TempDir(), "report.csv")
	r := c.run(t, "import", "--file", writeFile(t, "team.csv", teamCSV(2)), "--report", report)
	assert.Equal(t, exitInterrupted, r.code, r.stderr)
	assert.Equal(t, 0, srv.CreatedFor(hire(0)))
	for _, row := range readReport(t, report)[1:] {
		assert.Equal(t, outcomeNotAttempted, row[2])
	}
}

func TestImportOutputFormats(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := writeFile(t, "team.csv", teamCSV(2))
	r := on(srv).run(t, "import", "--file", file, "-o", "csv")
	require.Equal(t, 0, r.code, r.stderr)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, reportHeader, rows[0])
	assert.Equal(t, []string{"2", hire(0), outcomeCreated, fakeInvite(t, srv, hire(0)).ID, ""}, rows[1])

	r = on(srv).run(t, "import", "--file", file)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "Imported "+file+": 0 created, 2 skipped (already invited), 0 failed, 0 invalid.\n1 request(s) sent.\n", r.stdout)
	assert.Empty(t, r.stderr, "nothing to create: no progress lines")
}

func TestImportFromStdinWithProgress(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	r := on(srv).withStdin(teamCSV(2)).run(t, "import", "--file", "-")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, []string{
		"[1/2] line 2 " + hire(0) + ": created " + fakeInvite(t, srv, hire(0)).ID,
		"[2/2] line 3 " + hire(1) + ": created " + fakeInvite(t, srv, hire(1)).ID,
	}, lines(r.stderr))
	assert.Contains(t, r.stdout, "Imported stdin: 2 created")

	// On a terminal a bar replaces the lines.
	r = on(srv).withStdin(teamCSV(4)).with(func(a *app) { a.isTerminal = func(any) bool { return true } }).
		run(t, "import", "--file", "-")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "inviting")
	assert.NotContains(t, r.stderr, "[1/2]")

	r = on(srv).withStdin(teamCSV(1)).run(t, "import", "--file", "-", "--api-key-file", "-")
	assert.Equal(t, exitUsage, r.code)
}

func TestImportChecksTheReportPathFirst(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	report := filepath.Join(t.TempDir(), "no", "such", "dir", "report.csv")
	r := on(srv).run(t, "import", "--file", writeFile(t, "team.csv", teamCSV(2)), "--report", report)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "--report "+report)
	assert.Equal(t, 0, srv.Stats().Total)
}

func TestImportConcurrently(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithFaults(fake.Faults{RateLimit: 4, RateWindow: 200 * time.Millisecond, RateLimitHeaders: true}))
	sum, r := importSummaryOf(t, on(srv), "--file", writeFile(t, "team.csv", teamCSV(12)), "--concurrency", "4")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, 12, sum.Created)
	oneInviteEach(t, srv, 12)
	for i, row := range sum.Rows {
		assert.Equal(t, i+2, row.Line, "rows stay in file order")
	}
}

func TestImportSkipsAcceptedAndResendsExpired(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithNow(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)))
	c := on(srv)
	file := writeFile(t, "team.csv", teamCSV(3))
	require.Equal(t, 0, c.run(t, "create", hire(0), "--role", "reader").code)
	require.Equal(t, 0, c.run(t, "create", hire(1), "--role", "reader").code)
	srv.Advance(8 * 24 * time.Hour) // both expire
	require.Equal(t, 0, c.run(t, "create", hire(1), "--role", "reader").code)
	require.NoError(t, srv.Accept(fakeInvite(t, srv, hire(1)).ID))

	sum, r := importSummaryOf(t, c, "--file", file)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, outcomeCreated, sum.Rows[0].Outcome, "an expired invite is sent again")
	assert.Equal(t, outcomeSkipped, sum.Rows[1].Outcome)
	assert.Equal(t, "already accepted an invite", sum.Rows[1].Error)
	assert.Equal(t, outcomeCreated, sum.Rows[2].Outcome)
	assert.Equal(t, 2, srv.CreatedFor(hire(0)))
	assert.Equal(t, 2, srv.CreatedFor(hire(1)), "no third invite for a member")
}
