package rostercmd_test

import (
	"context"
	"encoding/csv"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/rostercmd"
	"github.com/goinvites/invites/internal/cli/rosterrun"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runImportOn runs rostercmd.RunImport with opts.
func runImportOn(ctx context.Context, tio *clitest.TestIO, opts rostercmd.ImportOptions) clitest.Result {
	return tio.ResultOf(ctx, rostercmd.RunImport(ctx, &opts))
}

// importSummaryOf runs an import of file against srv as -o json and decodes
// its summary.
func importSummaryOf(t *testing.T, srv *fake.Server, opts rostercmd.ImportOptions, file string, test ...client.Option) (rosterrun.Summary, clitest.Result) {
	t.Helper()
	tio := clitest.NewTestIO("")
	opts.RosterOptions = rosterOn(tio, srv, "json", file, test...)
	r := runImportOn(t.Context(), tio, opts)
	return clitest.DecodeJSON[rosterrun.Summary](t, r), r
}

// reRunFinishes runs the import of a file of n hires again and asserts that
// it creates just the missing ones, leaving one invite per hire.
func reRunFinishes(t *testing.T, srv *fake.Server, file string, n, missing int) {
	t.Helper()
	sum, r := importSummaryOf(t, srv, rostercmd.ImportOptions{}, file)
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, missing, sum.Outcomes["done"])
	assert.Equal(t, n-missing, sum.Plan["keep"])
	oneInviteEach(t, srv, n)
}

func TestImportInvalidRowsSendNothing(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := clitest.WriteFile(t, "team.csv", "email,role,projects\n"+
		"ada@example.com,reader,\n"+
		"bob@,reader,\n"+
		"cy@example.com,admin,proj_a:member\n"+
		"ADA@example.com,owner,\n"+ // another role: identical rows are merged
		"dee@example.com,owner,proj_a\n")
	report := filepath.Join(t.TempDir(), "report.csv")

	tio := clitest.NewTestIO("")
	opts := rosterOn(tio, srv, "table", file)
	opts.Report = report
	r := runImportOn(t.Context(), tio, rostercmd.ImportOptions{RosterOptions: opts})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Equal(t, 0, srv.Stats().Total, "not even the list of invites")
	assert.Contains(t, r.Stderr, file+`:3: invalid email "bob@"`)
	assert.Contains(t, r.Stderr, file+`:4: invalid role "admin"`)
	assert.Contains(t, r.Stderr, file+`:5: duplicate email ADA@example.com (first on line 2)`)
	assert.Contains(t, r.Stderr, file+`:6: project "proj_a": want ID:member or ID:owner`)
	require.ErrorContains(t, r.Err, "4 invalid row(s); nothing was sent")

	rows := readReport(t, report)
	require.Len(t, rows, 6)
	assert.Equal(t, rosterrun.ReportHeader, rows[0])
	assert.Equal(t, []string{"2", "ada@example.com", "", "", "", "", "reader", "", "", string(roster.NotAttempted), "", "not sent: the file has invalid rows", "", "", "", "", ""}, rows[1])
	assert.Equal(t, []string{"3", "bob@", "", "", "", "", "", "", "", string(roster.Invalid), "", `invalid email "bob@": not a bare address such as name@example.com`, "", "", "", "", ""}, rows[2])
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
		r := clitest.On(srv).Run(t, "import", "--file", clitest.WriteFile(t, "f.csv", content))
		assert.Equal(t, cmdutil.ExitUsage, r.Code, name)
		assert.Len(t, clitest.Lines(r.Stderr), 1, "%s: %s", name, r.Stderr)
	}
	r := clitest.On(srv).Run(t, "import", "--file", filepath.Join(t.TempDir(), "absent.csv"))
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	r = clitest.On(srv).Run(t, "import")
	assert.Equal(t, cmdutil.ExitUsage, r.Code, "--file is required")
	r = clitest.On(srv).Run(t, "import", "--file", "x", "--concurrency", "0")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Equal(t, 0, srv.Stats().Total)
}

func TestImportSkipInvalidCreatesTheRest(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, rosterProjects())
	file := clitest.WriteFile(t, "team.csv", "\uFEFFemail,role,projects\n"+
		"ada@example.com,reader,\n"+
		"nobody,reader,\n"+
		"bob@example.com,owner,proj_a:owner;proj_b:member\n"+
		"cy@example.com,reader,none\n")
	report := filepath.Join(t.TempDir(), "report.csv")

	tio := clitest.NewTestIO("")
	opts := rostercmd.ImportOptions{RosterOptions: rosterOn(tio, srv, "json", file), SkipInvalid: true}
	opts.Report = report
	r := runImportOn(t.Context(), tio, opts)
	sum := clitest.DecodeJSON[rosterrun.Summary](t, r)
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, map[string]int{"done": 3, "invalid": 1}, sum.Outcomes)
	assert.Contains(t, r.Stderr, file+`:3: invalid email "nobody"`)
	for _, email := range []string{"ada@example.com", "bob@example.com", "cy@example.com"} {
		assert.Equal(t, 1, srv.CreatedFor(email), email)
	}
	assert.Len(t, clitest.FakeInvite(t, srv, "bob@example.com").Projects, 2)
	assert.Empty(t, clitest.FakeInvite(t, srv, "cy@example.com").Projects, "none: no project at all")

	rows := readReport(t, report)
	require.Len(t, rows, 5)
	for i, row := range rows[1:] {
		assert.Equal(t, sum.Actions[i].CSVRecord(), row, "the report has what -o json has")
	}
	assert.Equal(t, clitest.FakeInvite(t, srv, "ada@example.com").ID, rows[1][10])
	assert.Equal(t, string(roster.Invalid), rows[2][9])

	r = clitest.On(srv).Run(t, "import", "--file", file, "--skip-invalid")
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, 1, strings.Count(r.Stdout+r.Stderr, `invalid email "nobody"`), "each invalid row is printed once:\n%s%s", r.Stdout, r.Stderr)
	assert.Contains(t, r.Stdout, "1 invalid row(s) were left out.")
}

func TestImportSkipsPendingAndReRunsWithoutDuplicates(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	require.Equal(t, 0, clitest.On(srv).Run(t, "create", hire(1), "--role", "reader").Code)
	file := clitest.WriteFile(t, "team.csv", teamCSV(5))

	// The first run: one row's create fails for good (a 500, no retries).
	srv.FailNextFor(http.MethodPost, fake.FaultServerError, 1)
	sum, r := importSummaryOf(t, srv, rostercmd.ImportOptions{}, file, client.WithMaxRetries(0))
	assert.Equal(t, cmdutil.ExitFailure, r.Code, r.Stderr)
	assert.Equal(t, map[string]int{"done": 3, "unchanged": 1, "failed": 1}, sum.Outcomes)
	assert.Equal(t, roster.Failed, sum.Actions[0].Outcome, "the first create met the 500")
	assert.Contains(t, sum.Actions[0].Error, "500")
	assert.Equal(t, roster.Keep, sum.Actions[1].Action)
	assert.Equal(t, roster.Unchanged, sum.Actions[1].Outcome)
	assert.Equal(t, clitest.FakeInvite(t, srv, hire(1)).ID, sum.Actions[1].InviteID)
	assert.Equal(t, "pending invite matches", sum.Actions[1].Reason)

	// The re-run creates only what is missing.
	reRunFinishes(t, srv, file, 5, 1)
}

// The case an admin met: a row asking more than the pending invite grants
// must not read as done.
func TestImportReportsAMismatchAndPointsToSync(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, rosterProjects())
	require.Equal(t, 0, clitest.On(srv).Run(t, "create", "ada@example.com", "--role", "reader").Code)
	require.Equal(t, 0, clitest.On(srv).Run(t, "create", "bob@example.com", "--role", "owner", "--project", "proj_b:member", "--project", "proj_a:owner").Code)
	file := clitest.WriteFile(t, "team.csv", "email,role,projects\n"+
		"ada@example.com,owner,proj_a:owner\n"+
		"bob@example.com,owner,proj_a:owner;proj_b:member\n"+
		"cy@example.com,reader,\n")
	report := filepath.Join(t.TempDir(), "report.csv")

	r := clitest.On(srv).Run(t, "import", "--file", file, "--report", report)
	assert.Equal(t, cmdutil.ExitFailure, r.Code, r.Stderr)
	ada := clitest.FakeInvite(t, srv, "ada@example.com").ID
	assert.Contains(t, r.Stdout, "Imported "+file+": 1 done, 2 unchanged, 0 failed.")
	assert.Contains(t, r.Stdout, "line 2 ada@example.com: mismatch "+ada+": pending invite differs: role reader -> owner; projects default -> proj_a:owner")
	assert.Contains(t, r.Stdout, "invites sync --file "+file+" replaces them")
	rows := readReport(t, report)
	assert.Equal(t, []string{"2", "ada@example.com", "mismatch", ada, "pending invite differs: role reader -> owner; projects default -> proj_a:owner",
		"reader", "owner", "", "proj_a:owner", "unchanged", "", "", "", "", "", "", ""}, rows[1])
	assert.Equal(t, "keep", rows[2][2], "the same grants in another order match")

	// Run again, nothing is left to send, and the mismatch still fails it.
	r = clitest.On(srv).Run(t, "import", "--file", file)
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Regexp(t, `(?m)^2\s+mismatch\s+ada@example.com\s+`+ada+`\s+owner\s+proj_a:owner\s+pending invite differs`, r.Stdout, "the plan shows it")
	assert.Contains(t, r.Stdout, "Plan for "+file+": 1 mismatch, 2 keep.\nNothing sent.\n")
	sum, r := importSummaryOf(t, srv, rostercmd.ImportOptions{}, file)
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Equal(t, 1, sum.Plan["mismatch"])
	assert.Equal(t, 1, srv.CreatedFor("ada@example.com"), "nothing sent for it")
}

func TestImportWaitsOutRateLimits(t *testing.T) {
	t.Parallel()
	// Two creates per 300ms window; the wait is only in the 429's message.
	srv := fake.NewServer(t, fake.WithFaults(fake.Faults{RateLimit: 2, RateWindow: 300 * time.Millisecond}))
	sum, r := importSummaryOf(t, srv, rostercmd.ImportOptions{}, clitest.WriteFile(t, "team.csv", teamCSV(5)))
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, 5, sum.Outcomes["done"])
	assert.Positive(t, srv.Stats().Count(http.MethodPost, http.StatusTooManyRequests))
	assert.Positive(t, sum.RateLimitWaits, "a 429's wait is a wait the client reports")
	assert.Equal(t, posts(srv), sum.WriteRequests, "every attempt, the 429s included")
	assert.Equal(t, sum.RateLimitWaits, strings.Count(r.Stderr, cmdutil.RateLimitNotice), "each wait is explained as it happens")
	oneInviteEach(t, srv, 5)
}

func TestImportRecoversAmbiguousCreates(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	srv.FailNextFor(http.MethodPost, fake.FaultAmbiguousError, 1)
	srv.FailNextFor(http.MethodPost, fake.FaultAmbiguousDrop, 1)
	sum, r := importSummaryOf(t, srv, rostercmd.ImportOptions{}, clitest.WriteFile(t, "team.csv", teamCSV(3)))
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, 3, sum.Outcomes["done"])
	oneInviteEach(t, srv, 3)
}

func TestImportDryRunSendsOnlyAList(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	require.Equal(t, 0, clitest.On(srv).Run(t, "create", hire(0), "--role", "reader").Code)
	before := srv.Stats()
	file := clitest.WriteFile(t, "team.csv", teamCSV(3))

	sum, r := importSummaryOf(t, srv, rostercmd.ImportOptions{DryRun: true}, file)
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, rosterrun.ModeDryRun, sum.Mode)
	assert.Equal(t, map[string]int{"create": 2, "keep": 1}, sum.Plan)
	assert.Equal(t, map[string]int{"planned": 2, "unchanged": 1}, sum.Outcomes)
	after := srv.Stats()
	assert.Equal(t, before.Count(http.MethodPost, http.StatusOK), after.Count(http.MethodPost, http.StatusOK))
	assert.Equal(t, before.Total+2, after.Total, "one list request each of members and invites")

	r = clitest.On(srv).Run(t, "import", "--file", file, "--dry-run")
	assert.Regexp(t, `(?m)^3\s+create\s+`+hire(1)+`\s+-\s+reader\s+default\s+no member, no pending invite$`, r.Stdout, "the plan lists the rows")
	assert.Contains(t, r.Stdout, "Plan for "+file+": 2 create, 1 keep.\nDry run: 2 action(s) would be applied; nothing was sent.\n")
}

func TestImportInterruptFinishesInFlightAndReports(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	ctx, interrupt := interruptAtCreate(t, 3)
	report := filepath.Join(t.TempDir(), "report.csv")
	file := clitest.WriteFile(t, "team.csv", teamCSV(6))

	tio := clitest.NewTestIO("")
	opts := rosterOn(tio, srv, "table", file, interrupt)
	opts.Report = report
	r := runImportOn(ctx, tio, rostercmd.ImportOptions{RosterOptions: opts})
	assert.Equal(t, cmdutil.ExitInterrupted, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, "Imported "+file+": 3 done, 0 failed, 3 not attempted.")
	assert.Contains(t, r.Stdout, "Interrupted: 3 not attempted. Run the same command again to finish")
	assert.Contains(t, r.Stderr, "interrupted: starting nothing new")

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
			assert.Equal(t, clitest.FakeInvite(t, srv, hire(i)).ID, row[10])
		}
	}

	reRunFinishes(t, srv, file, 6, 3)
}

func TestImportInterruptGivesUpOnAStalledRequest(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	srv.FailNextFor(http.MethodPost, fake.FaultStall, 10) // held until the client gives up
	ctx, interrupt := interruptAtCreate(t, 1)
	tio := clitest.NewTestIO("")
	opts := rosterOn(tio, srv, "json", clitest.WriteFile(t, "team.csv", teamCSV(2)), interrupt)
	opts.Grace = 50 * time.Millisecond
	r := runImportOn(ctx, tio, rostercmd.ImportOptions{RosterOptions: opts})
	sum := clitest.DecodeJSON[rosterrun.Summary](t, r)
	assert.Equal(t, cmdutil.ExitInterrupted, r.Code, r.Stderr)
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
	tio := clitest.NewTestIO("")
	opts := rosterOn(tio, srv, "table", clitest.WriteFile(t, "team.csv", teamCSV(2)))
	opts.Report = report
	r := runImportOn(ctx, tio, rostercmd.ImportOptions{RosterOptions: opts})
	assert.Equal(t, cmdutil.ExitInterrupted, r.Code, r.Stderr)
	assert.Equal(t, 0, srv.CreatedFor(hire(0)))
	for _, row := range readReport(t, report)[1:] {
		assert.Equal(t, string(roster.NotAttempted), row[9])
	}
}

func TestImportOutputFormats(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := clitest.WriteFile(t, "team.csv", teamCSV(2))
	r := clitest.On(srv).Run(t, "import", "--file", file, "-o", "csv")
	require.Equal(t, 0, r.Code, r.Stderr)
	rows, err := csv.NewReader(strings.NewReader(r.Stdout)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, rosterrun.ReportHeader, rows[0])
	assert.Equal(t, []string{"2", hire(0), "create", "", "no member, no pending invite", "", "reader", "", "", "done", clitest.FakeInvite(t, srv, hire(0)).ID, "", "", "", "", "", ""}, rows[1])
	assert.Contains(t, r.Stderr, "Imported "+file+": 2 done, 0 failed.\n2 write request(s) sent.\n", "the sentences go to stderr")

	r = clitest.On(srv).Run(t, "import", "--file", file)
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "Plan for "+file+": 2 keep.\nNothing to do: the organization matches the roster.\n", r.Stdout)
	assert.Empty(t, r.Stderr, "nothing to create: no progress lines")
}

func TestImportFromStdinWithProgress(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	r := clitest.On(srv).WithStdin(teamCSV(2)).Run(t, "import", "--file", "-")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []string{
		"[1/2] line 2 " + hire(0) + ": created " + clitest.FakeInvite(t, srv, hire(0)).ID,
		"[2/2] line 3 " + hire(1) + ": created " + clitest.FakeInvite(t, srv, hire(1)).ID,
	}, clitest.Lines(r.Stderr))
	assert.Contains(t, r.Stdout, "Imported stdin: 2 done")

	// On a terminal a bar replaces the lines.
	onTerminal := clitest.On(srv).WithStdin(teamCSV(4))
	onTerminal.Terminal = true
	r = onTerminal.Run(t, "import", "--file", "-")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stderr, "inviting")
	assert.NotContains(t, r.Stderr, "[1/2]")

	r = clitest.On(srv).WithStdin(teamCSV(1)).Run(t, "import", "--file", "-", "--api-key-file", "-")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Contains(t, r.Stderr, "--file - and --api-key-file - cannot both read stdin")
}

func TestImportChecksTheReportPathFirst(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	report := filepath.Join(t.TempDir(), "no", "such", "dir", "report.csv")
	tio := clitest.NewTestIO("")
	opts := rosterOn(tio, srv, "table", clitest.WriteFile(t, "team.csv", teamCSV(2)))
	opts.Report = report
	r := runImportOn(t.Context(), tio, rostercmd.ImportOptions{RosterOptions: opts})
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "--report "+report)
	assert.Equal(t, 0, srv.Stats().Total)
}

func TestImportConcurrently(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithFaults(fake.Faults{RateLimit: 4, RateWindow: 200 * time.Millisecond, RateLimitHeaders: true}))
	tio := clitest.NewTestIO("")
	opts := rosterOn(tio, srv, "json", clitest.WriteFile(t, "team.csv", teamCSV(12)))
	opts.Concurrency = 4
	r := runImportOn(t.Context(), tio, rostercmd.ImportOptions{RosterOptions: opts})
	sum := clitest.DecodeJSON[rosterrun.Summary](t, r)
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, 12, sum.Outcomes["done"])
	oneInviteEach(t, srv, 12)
	for i, row := range sum.Actions {
		assert.Equal(t, i+2, row.Line, "rows stay in file order")
	}
}

func TestImportSkipsAcceptedAndResendsExpired(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithNow(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)))
	c := clitest.On(srv)
	file := clitest.WriteFile(t, "team.csv", teamCSV(3))
	require.Equal(t, 0, c.Run(t, "create", hire(0), "--role", "reader").Code)
	require.Equal(t, 0, c.Run(t, "create", hire(1), "--role", "reader").Code)
	srv.Advance(8 * 24 * time.Hour) // both expire
	require.Equal(t, 0, c.Run(t, "create", hire(1), "--role", "reader").Code)
	require.NoError(t, srv.Accept(clitest.FakeInvite(t, srv, hire(1)).ID))

	sum, r := importSummaryOf(t, srv, rostercmd.ImportOptions{}, file)
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []roster.Kind{roster.Resend, roster.Keep, roster.Create}, []roster.Kind{sum.Actions[0].Action, sum.Actions[1].Action, sum.Actions[2].Action})
	assert.Equal(t, roster.Done, sum.Actions[0].Outcome, "an expired invite is sent again")
	assert.Equal(t, "already a member with this role", sum.Actions[1].Reason)
	assert.Equal(t, roster.Done, sum.Actions[2].Outcome)
	assert.Equal(t, 2, srv.CreatedFor(hire(0)))
	assert.Equal(t, 2, srv.CreatedFor(hire(1)), "no third invite for a member")
}
