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
	"github.com/goinvites/invites/roster"
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

// rosterOn is the options every roster run takes, for srv, as the flags'
// defaults give them: tio's streams, -o output, the roster file; test
// options for the client come after the command's own, as flags do.
func (tio *testIO) rosterOn(srv *fake.Server, output, file string, test ...client.Option) rosterOptions {
	return rosterOptions{IO: tio.IOStreams, Client: clientFor(srv, test...), Output: output, File: file, Concurrency: 1, Grace: defaultGrace}
}

// runImportOn runs runImport with opts.
func runImportOn(ctx context.Context, tio *testIO, opts importOptions) result {
	return tio.resultOf(ctx, runImport(ctx, &opts))
}

// importSummaryOf runs an import of file against srv as -o json and decodes
// its summary.
func importSummaryOf(t *testing.T, srv *fake.Server, opts importOptions, file string, test ...client.Option) (planSummary, result) {
	t.Helper()
	tio := newTestIO("")
	opts.rosterOptions = tio.rosterOn(srv, "json", file, test...)
	r := runImportOn(t.Context(), tio, opts)
	return decodeJSON[planSummary](t, r), r
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
	sum, r := importSummaryOf(t, srv, importOptions{}, file)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, missing, sum.Outcomes["done"])
	assert.Equal(t, n-missing, sum.Plan["keep"])
	oneInviteEach(t, srv, n)
}

// posts is how many creates srv was sent, whatever their answer.
func posts(srv *fake.Server) int {
	n := 0
	for _, count := range srv.Stats().Requests[http.MethodPost] {
		n += count
	}
	return n
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

	tio := newTestIO("")
	opts := tio.rosterOn(srv, "table", file)
	opts.Report = report
	r := runImportOn(t.Context(), tio, importOptions{rosterOptions: opts})
	assert.Equal(t, exitUsage, r.code)
	assert.Equal(t, 0, srv.Stats().Total, "not even the list of invites")
	assert.Contains(t, r.stderr, file+`:3: invalid email "bob@"`)
	assert.Contains(t, r.stderr, file+`:4: invalid role "admin"`)
	assert.Contains(t, r.stderr, file+`:5: duplicate email ADA@example.com (first on line 2)`)
	assert.Contains(t, r.stderr, file+`:6: project "proj_a": want ID:member or ID:owner`)
	require.ErrorContains(t, r.err, "4 invalid row(s); nothing was sent")

	rows := readReport(t, report)
	require.Len(t, rows, 6)
	assert.Equal(t, reportHeader, rows[0])
	assert.Equal(t, []string{"2", "ada@example.com", "", "", "", "", "reader", "", "", string(roster.NotAttempted), "", "not sent: the file has invalid rows", ""}, rows[1])
	assert.Equal(t, []string{"3", "bob@", "", "", "", "", "", "", "", string(roster.Invalid), "", `invalid email "bob@": not a bare address such as name@example.com`, ""}, rows[2])
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

	tio := newTestIO("")
	opts := importOptions{rosterOptions: tio.rosterOn(srv, "json", file), SkipInvalid: true}
	opts.Report = report
	r := runImportOn(t.Context(), tio, opts)
	sum := decodeJSON[planSummary](t, r)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, map[string]int{"done": 3, "invalid": 1}, sum.Outcomes)
	assert.Contains(t, r.stderr, file+`:3: invalid email "nobody"`)
	for _, email := range []string{"ada@example.com", "bob@example.com", "cy@example.com"} {
		assert.Equal(t, 1, srv.CreatedFor(email), email)
	}
	assert.Len(t, fakeInvite(t, srv, "bob@example.com").Projects, 2)
	assert.Empty(t, fakeInvite(t, srv, "cy@example.com").Projects, "none: no project at all")

	rows := readReport(t, report)
	require.Len(t, rows, 5)
	for i, row := range rows[1:] {
		assert.Equal(t, sum.Actions[i].csvRecord(), row, "the report has what -o json has")
	}
	assert.Equal(t, fakeInvite(t, srv, "ada@example.com").ID, rows[1][10])
	assert.Equal(t, string(roster.Invalid), rows[2][9])

	r = on(srv).run(t, "import", "--file", file, "--skip-invalid")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, 1, strings.Count(r.stdout+r.stderr, `invalid email "nobody"`), "each invalid row is printed once:\n%s%s", r.stdout, r.stderr)
	assert.Contains(t, r.stdout, "1 invalid row(s) were left out.")
}

func TestImportSkipsPendingAndReRunsWithoutDuplicates(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	require.Equal(t, 0, on(srv).run(t, "create", hire(1), "--role", "reader").code)
	file := writeFile(t, "team.csv", teamCSV(5))

	// The first run: one row's create fails for good (a 500, no retries).
	srv.FailNextFor(http.MethodPost, fake.FaultServerError, 1)
	sum, r := importSummaryOf(t, srv, importOptions{}, file, client.WithMaxRetries(0))
	assert.Equal(t, exitFailure, r.code, r.stderr)
	assert.Equal(t, map[string]int{"done": 3, "unchanged": 1, "failed": 1}, sum.Outcomes)
	assert.Equal(t, roster.Failed, sum.Actions[0].Outcome, "the first create met the 500")
	assert.Contains(t, sum.Actions[0].Error, "500")
	assert.Equal(t, roster.Keep, sum.Actions[1].Action)
	assert.Equal(t, roster.Unchanged, sum.Actions[1].Outcome)
	assert.Equal(t, fakeInvite(t, srv, hire(1)).ID, sum.Actions[1].InviteID)
	assert.Equal(t, "pending invite matches", sum.Actions[1].Reason)

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
		"bob@example.com,owner,proj_a:owner;proj_b:member\n"+
		"cy@example.com,reader,\n")
	report := filepath.Join(t.TempDir(), "report.csv")

	r := on(srv).run(t, "import", "--file", file, "--report", report)
	assert.Equal(t, exitFailure, r.code, r.stderr)
	ada := fakeInvite(t, srv, "ada@example.com").ID
	assert.Contains(t, r.stdout, "Imported "+file+": 1 done, 2 unchanged, 0 failed.")
	assert.Contains(t, r.stdout, "line 2 ada@example.com: mismatch "+ada+": pending invite differs: role reader -> owner; projects none -> proj_a:owner")
	assert.Contains(t, r.stdout, "invites sync --file "+file+" replaces them")
	rows := readReport(t, report)
	assert.Equal(t, []string{"2", "ada@example.com", "mismatch", ada, "pending invite differs: role reader -> owner; projects none -> proj_a:owner",
		"reader", "owner", "none", "proj_a:owner", "unchanged", "", "", ""}, rows[1])
	assert.Equal(t, "keep", rows[2][2], "the same grants in another order match")

	// Run again, nothing is left to send, and the mismatch still fails it.
	r = on(srv).run(t, "import", "--file", file)
	assert.Equal(t, exitFailure, r.code)
	assert.Regexp(t, `(?m)^2\s+mismatch\s+ada@example.com\s+`+ada+`\s+owner\s+proj_a:owner\s+pending invite differs`, r.stdout, "the plan shows it")
	assert.Contains(t, r.stdout, "Plan for "+file+": 1 mismatch, 2 keep.\nNothing sent.\n")
	sum, r := importSummaryOf(t, srv, importOptions{}, file)
	assert.Equal(t, exitFailure, r.code)
	assert.Equal(t, 1, sum.Plan["mismatch"])
	assert.Equal(t, 1, srv.CreatedFor("ada@example.com"), "nothing sent for it")
}

func TestImportWaitsOutRateLimits(t *testing.T) {
	t.Parallel()
	// Two creates per 300ms window; the wait is only in the 429's message.
	srv := fake.NewServer(t, fake.WithFaults(fake.Faults{RateLimit: 2, RateWindow: 300 * time.Millisecond}))
	sum, r := importSummaryOf(t, srv, importOptions{}, writeFile(t, "team.csv", teamCSV(5)))
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, 5, sum.Outcomes["done"])
	assert.Positive(t, srv.Stats().Count(http.MethodPost, http.StatusTooManyRequests))
	assert.Positive(t, sum.RateLimitWaits, "a 429's wait is a wait the client reports")
	assert.Equal(t, posts(srv), sum.WriteRequests, "every attempt, the 429s included")
	assert.Equal(t, sum.RateLimitWaits, strings.Count(r.stderr, rateLimitNotice), "each wait is explained as it happens")
	oneInviteEach(t, srv, 5)
}

func TestImportRecoversAmbiguousCreates(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	srv.FailNextFor(http.MethodPost, fake.FaultAmbiguousError, 1)
	srv.FailNextFor(http.MethodPost, fake.FaultAmbiguousDrop, 1)
	sum, r := importSummaryOf(t, srv, importOptions{}, writeFile(t, "team.csv", teamCSV(3)))
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, 3, sum.Outcomes["done"])
	oneInviteEach(t, srv, 3)
}

func TestImportDryRunSendsOnlyAList(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	require.Equal(t, 0, on(srv).run(t, "create", hire(0), "--role", "reader").code)
	before := srv.Stats()
	file := writeFile(t, "team.csv", teamCSV(3))

	sum, r := importSummaryOf(t, srv, importOptions{DryRun: true}, file)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, modeDryRun, sum.Mode)
	assert.Equal(t, map[string]int{"create": 2, "keep": 1}, sum.Plan)
	assert.Equal(t, map[string]int{"planned": 2, "unchanged": 1}, sum.Outcomes)
	after := srv.Stats()
	assert.Equal(t, before.Count(http.MethodPost, http.StatusOK), after.Count(http.MethodPost, http.StatusOK))
	assert.Equal(t, before.Total+2, after.Total, "one list request each of members and invites")

	r = on(srv).run(t, "import", "--file", file, "--dry-run")
	assert.Regexp(t, `(?m)^3\s+create\s+`+hire(1)+`\s+-\s+reader\s+\(default\)\s+no member, no pending invite$`, r.stdout, "the plan lists the rows")
	assert.Contains(t, r.stdout, "Plan for "+file+": 2 create, 1 keep.\nDry run: 2 action(s) would be applied; nothing was sent.\n")
}

// interruptAtCreate returns a context and a client option for a run that
// is interrupted, as Ctrl-C would, as the nth create is sent.
func interruptAtCreate(t *testing.T, n int64) (context.Context, client.Option) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	var creates atomic.Int64
	return ctx, client.WithMiddleware(func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			if r.Method == http.MethodPost && creates.Add(1) == n {
				cancel()
			}
			return next.RoundTrip(r)
		})
	})
}

func TestImportInterruptFinishesInFlightAndReports(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	ctx, interrupt := interruptAtCreate(t, 3)
	report := filepath.Join(t.TempDir(), "report.csv")
	file := writeFile(t, "team.csv", teamCSV(6))

	tio := newTestIO("")
	opts := tio.rosterOn(srv, "table", file, interrupt)
	opts.Report = report
	r := runImportOn(ctx, tio, importOptions{rosterOptions: opts})
	assert.Equal(t, exitInterrupted, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Imported "+file+": 3 done, 0 failed, 3 not attempted.")
	assert.Contains(t, r.stdout, "Interrupted: 3 not attempted. Run the same command again to finish")
	assert.Contains(t, r.stderr, "interrupted: starting nothing new")

	rows := readReport(t, report)
	require.Len(t, rows, 7, "one outcome per row")
	for i, row := range rows[1:] {
		want := roster.Done
		if i >= 3 {
			want = roster.NotAttempted
		}
		assert.Equal(t, string(want), row[9], "line %s", row[0])
		assert.Equal(t, i < 3, srv.CreatedFor(hire(i)) == 1, hire(i))
		if i < 3 {
			assert.Equal(t, fakeInvite(t, srv, hire(i)).ID, row[10])
		}
	}

	reRunFinishes(t, srv, file, 6, 3)
}

func TestImportInterruptGivesUpOnAStalledRequest(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	srv.FailNextFor(http.MethodPost, fake.FaultStall, 10) // held until the client gives up
	ctx, interrupt := interruptAtCreate(t, 1)
	tio := newTestIO("")
	opts := tio.rosterOn(srv, "json", writeFile(t, "team.csv", teamCSV(2)), interrupt)
	opts.Grace = 50 * time.Millisecond
	r := runImportOn(ctx, tio, importOptions{rosterOptions: opts})
	sum := decodeJSON[planSummary](t, r)
	assert.Equal(t, exitInterrupted, r.code, r.stderr)
	assert.True(t, sum.Interrupted)
	assert.Equal(t, roster.Failed, sum.Actions[0].Outcome)
	assert.Contains(t, sum.Actions[0].Error, "the invite may exist; re-run to finish")
	assert.Equal(t, roster.NotAttempted, sum.Actions[1].Outcome)
}

func TestImportInterruptDuringScanCreatesNothing(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	report := filepath.Join(t.TempDir(), "report.csv")
	tio := newTestIO("")
	opts := tio.rosterOn(srv, "table", writeFile(t, "team.csv", teamCSV(2)))
	opts.Report = report
	r := runImportOn(ctx, tio, importOptions{rosterOptions: opts})
	assert.Equal(t, exitInterrupted, r.code, r.stderr)
	assert.Equal(t, 0, srv.CreatedFor(hire(0)))
	for _, row := range readReport(t, report)[1:] {
		assert.Equal(t, string(roster.NotAttempted), row[9])
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
	assert.Equal(t, []string{"2", hire(0), "create", "", "no member, no pending invite", "", "reader", "", "", "done", fakeInvite(t, srv, hire(0)).ID, "", ""}, rows[1])
	assert.Contains(t, r.stderr, "Imported "+file+": 2 done, 0 failed.\n2 write request(s) sent.\n", "the sentences go to stderr")

	r = on(srv).run(t, "import", "--file", file)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "Plan for "+file+": 2 keep.\nNothing to do: the organization matches the roster.\n", r.stdout)
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
	assert.Contains(t, r.stdout, "Imported stdin: 2 done")

	// On a terminal a bar replaces the lines.
	onTerminal := on(srv).withStdin(teamCSV(4))
	onTerminal.terminal = true
	r = onTerminal.run(t, "import", "--file", "-")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "inviting")
	assert.NotContains(t, r.stderr, "[1/2]")

	r = on(srv).withStdin(teamCSV(1)).run(t, "import", "--file", "-", "--api-key-file", "-")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "--file - and --api-key-file - cannot both read stdin")
}

func TestImportChecksTheReportPathFirst(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	report := filepath.Join(t.TempDir(), "no", "such", "dir", "report.csv")
	tio := newTestIO("")
	opts := tio.rosterOn(srv, "table", writeFile(t, "team.csv", teamCSV(2)))
	opts.Report = report
	r := runImportOn(t.Context(), tio, importOptions{rosterOptions: opts})
	assert.Equal(t, exitUsage, r.code)
	require.ErrorContains(t, r.err, "--report "+report)
	assert.Equal(t, 0, srv.Stats().Total)
}

func TestImportConcurrently(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithFaults(fake.Faults{RateLimit: 4, RateWindow: 200 * time.Millisecond, RateLimitHeaders: true}))
	tio := newTestIO("")
	opts := tio.rosterOn(srv, "json", writeFile(t, "team.csv", teamCSV(12)))
	opts.Concurrency = 4
	r := runImportOn(t.Context(), tio, importOptions{rosterOptions: opts})
	sum := decodeJSON[planSummary](t, r)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, 12, sum.Outcomes["done"])
	oneInviteEach(t, srv, 12)
	for i, row := range sum.Actions {
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

	sum, r := importSummaryOf(t, srv, importOptions{}, file)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, []roster.Kind{roster.Resend, roster.Keep, roster.Create}, []roster.Kind{sum.Actions[0].Action, sum.Actions[1].Action, sum.Actions[2].Action})
	assert.Equal(t, roster.Done, sum.Actions[0].Outcome, "an expired invite is sent again")
	assert.Equal(t, "already a member with this role", sum.Actions[1].Reason)
	assert.Equal(t, roster.Done, sum.Actions[2].Outcome)
	assert.Equal(t, 2, srv.CreatedFor(hire(0)))
	assert.Equal(t, 2, srv.CreatedFor(hire(1)), "no third invite for a member")
}
