package rostercmd_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/rostercmd"
	"github.com/goinvites/invites/internal/cli/rosterrun"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runSyncOn runs rostercmd.RunSync with opts.
func runSyncOn(ctx context.Context, tio *clitest.TestIO, opts rostercmd.SyncOptions) clitest.Result {
	return tio.ResultOf(ctx, rostercmd.RunSync(ctx, &opts))
}

// seedOrg gives srv an invite in each state a sync must handle (the fake's
// clock is moved on 8 days for the expired one) and returns a roster file
// that changes most of them: one new person, one expired, one role change,
// one projects change, one match, one member, one leaver (pending, not in
// the roster).
func seedOrg(t *testing.T, srv *fake.Server) string {
	t.Helper()
	c := clitest.On(srv)
	require.Equal(t, 0, c.Run(t, "create", "expired@example.com", "--role", "reader").Code)
	srv.Advance(8 * 24 * time.Hour)
	for _, args := range [][]string{
		{"create", "role@example.com", "--role", "reader"},
		{"create", "proj@example.com", "--role", "reader", "--project", "proj_a:owner"},
		{"create", "keep@example.com", "--role", "owner", "--project", "proj_b:member", "--project", "proj_a:owner"},
		{"create", "leaver@example.com", "--role", "reader"},
		{"create", "member@example.com", "--role", "reader"},
	} {
		require.Equal(t, 0, c.Run(t, args...).Code)
	}
	require.NoError(t, srv.Accept(clitest.FakeInvite(t, srv, "member@example.com").ID))
	return clitest.WriteFile(t, "roster.csv", "email,role,projects\n"+
		"new@example.com,reader,\n"+
		"expired@example.com,reader,\n"+
		"role@example.com,owner,\n"+
		"proj@example.com,reader,proj_a:member\n"+
		"keep@example.com,owner,proj_a:owner;proj_b:member\n"+
		"member@example.com,reader,\n")
}

// holdsRoster asserts that each roster email has exactly one pending or
// accepted invite, with the roster's role, that no email has two pending
// invites, and that the leaver has none.
func holdsRoster(t *testing.T, srv *fake.Server) {
	t.Helper()
	live := map[string][]fake.Invite{}
	for _, inv := range srv.Invites() {
		if inv.Status == "pending" || inv.Status == "accepted" {
			live[inv.Email] = append(live[inv.Email], inv)
		}
	}
	want := map[string]string{"new@example.com": "reader", "expired@example.com": "reader", "role@example.com": "owner",
		"proj@example.com": "reader", "keep@example.com": "owner", "member@example.com": "reader"}
	for email, role := range want {
		if assert.Len(t, live[email], 1, email) {
			assert.Equal(t, role, live[email][0].Role, email)
		}
	}
	if assert.Len(t, live["proj@example.com"], 1) {
		assert.Equal(t, []fake.ProjectGrant{{ID: "proj_a", Role: "member"}}, live["proj@example.com"][0].Projects)
	}
	assert.Empty(t, live["leaver@example.com"])
}

func TestSyncAppliesEveryActionUnderFaults(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, rosterProjects())
	file := seedOrg(t, srv)
	report := filepath.Join(t.TempDir(), "report.csv")

	// Every kind of trouble, on the writes: 429s whose wait is only in the
	// message, creates and deletes carried out but answered 500 or
	// dropped, and a plain 5xx.
	srv.SetFaults(fake.Faults{RetryAfter: 50 * time.Millisecond})
	srv.FailNextFor(http.MethodPost, fake.FaultRateLimit, 1)
	srv.FailNextFor(http.MethodPost, fake.FaultAmbiguousError, 1)
	srv.FailNextFor(http.MethodPost, fake.FaultAmbiguousDrop, 1)
	srv.FailNextFor(http.MethodDelete, fake.FaultRateLimit, 1)
	srv.FailNextFor(http.MethodDelete, fake.FaultAmbiguousError, 1)
	srv.FailNextFor(http.MethodDelete, fake.FaultAmbiguousDrop, 1)
	srv.FailNextFor(http.MethodDelete, fake.FaultServerError, 1)

	tio := clitest.NewTestIO("")
	opts := rostercmd.SyncOptions{RosterOptions: rosterOn(tio, srv, "json", file), Yes: true, RevokeMissing: true}
	opts.Report = report
	r := runSyncOn(t.Context(), tio, opts)
	sum := clitest.DecodeJSON[rosterrun.Summary](t, r)
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, map[string]int{"create": 1, "resend": 1, "replace": 2, "revoke": 1, "keep": 2}, sum.Plan)
	assert.Equal(t, map[string]int{"done": 5, "unchanged": 2}, sum.Outcomes)
	stats := srv.Stats()
	assert.Equal(t, 1, stats.Count(http.MethodPost, http.StatusTooManyRequests))
	assert.Equal(t, 1, stats.Count(http.MethodDelete, http.StatusTooManyRequests))
	assert.Equal(t, 1, stats.Count(http.MethodPost, http.StatusInternalServerError))
	assert.Equal(t, 2, stats.Count(http.MethodDelete, http.StatusInternalServerError))
	assert.Equal(t, 1, srv.CreatedFor("new@example.com"), "the ambiguous creates were found, not sent again")
	assert.Equal(t, 2, srv.CreatedFor("role@example.com"), "the old invite and its replacement")
	holdsRoster(t, srv)

	rows := readReport(t, report)
	require.Len(t, rows, 8)
	assert.Equal(t, rosterrun.ReportHeader, rows[0])
	byEmail := map[string][]string{}
	for _, row := range rows[1:] {
		byEmail[row[1]] = row
	}
	role := byEmail["role@example.com"]
	assert.Equal(t, []string{"4", "replace", "reader", "owner", "", "", "done"}, []string{role[0], role[2], role[5], role[6], role[7], role[8], role[9]})
	assert.Equal(t, clitest.FakeInvite(t, srv, "new@example.com").ID, byEmail["new@example.com"][10])
	assert.Equal(t, []string{"", "revoke", "not in the roster"}, []string{byEmail["leaver@example.com"][0], byEmail["leaver@example.com"][2], byEmail["leaver@example.com"][4]})

	// Converged: a check finds nothing, and a second run plans nothing.
	r = clitest.On(srv).Run(t, "sync", "--file", file, "--revoke-missing", "--check")
	assert.Equal(t, 0, r.Code, r.Stdout+r.Stderr)
	sum, r = syncSummaryOf(t, clitest.On(srv), "--file", file, "--revoke-missing")
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, map[string]int{"keep": 6}, sum.Plan)
	assert.Zero(t, sum.WriteRequests, "no write")
}

func TestSyncCheckAndDryRunSendNoWrite(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, rosterProjects())
	file := seedOrg(t, srv)
	before := srv.Stats().Total

	r := clitest.On(srv).Run(t, "sync", "--file", file, "--check")
	assert.Equal(t, cmdutil.ExitDrift, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, "Plan for "+file+": 1 create, 1 resend, 2 replace, 1 unlisted, 2 keep.")
	assert.Contains(t, r.Stdout, "Check: 4 action(s) pending and 1 difference(s) these flags leave alone; nothing was sent.")
	assert.Regexp(t, `(?m)^-\s+unlisted\s+leaver@example.com\s+invite-\S+\s+reader\s+default\s+not in the roster$`, r.Stdout, "the leaver's pending invite is drift without --revoke-missing")
	assert.Contains(t, r.Stdout, "1 pending invite(s) are for emails in no roster row and were left alone; --revoke-missing revokes them.")
	assert.Regexp(t, `(?m)^4\s+replace\s+role@example.com\s+invite-\S+\s+owner\s+default\s+pending invite differs: role reader -> owner$`, r.Stdout)
	assert.NotContains(t, r.Stdout, "keep@example.com", "the table leaves keep out")

	r = clitest.On(srv).Run(t, "sync", "--file", file, "--dry-run", "--revoke-missing")
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, "Dry run: 5 action(s) would be applied; nothing was sent.")
	assert.Regexp(t, `(?m)^-\s+revoke\s+leaver@example.com\s+invite-`, r.Stdout)
	assert.Equal(t, before+10, srv.Stats().Total, "each run: one list request each of members, invites and projects, and of the members of the two projects the roster names")

	r = clitest.On(srv).Run(t, "sync", "--file", file, "--dry-run", "--check")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Equal(t, "invites: --dry-run and --check exclude each other: give one of them\nRun 'invites sync --help' for usage.\n", r.Stderr)
}

func TestSyncOutputFormats(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, rosterProjects())
	file := clitest.WriteFile(t, "roster.csv", "email,role,projects\nada@example.com,owner,proj_a:owner;proj_b:member\n")
	r := clitest.On(srv).Run(t, "sync", "--file", file, "--dry-run", "-o", "csv")
	require.Equal(t, 0, r.Code, r.Stderr)
	rows, err := csv.NewReader(strings.NewReader(r.Stdout)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, [][]string{rosterrun.ReportHeader, {"2", "ada@example.com", "create", "", "no member, no pending invite", "", "owner", "", "proj_a:owner;proj_b:member", "planned", "", "", "", "", "", "", ""}}, rows)
	assert.Contains(t, r.Stderr, "Dry run: 1 action(s) would be applied", "the sentences go to stderr")

	sum, r := syncSummaryOf(t, clitest.On(srv), "--file", file, "--yes")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "apply", sum.Mode)
	require.Len(t, sum.Actions, 1)
	assert.Equal(t, roster.Done, sum.Actions[0].Outcome)
	assert.Equal(t, clitest.FakeInvite(t, srv, "ada@example.com").ID, sum.Actions[0].NewInviteID)
}

func TestSyncAsksOnATerminalAndNeedsYesWithout(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := clitest.WriteFile(t, "roster.csv", "email,role,projects\nada@example.com,reader,\n")
	syncOn := func(tio *clitest.TestIO) clitest.Result {
		return runSyncOn(t.Context(), tio, rostercmd.SyncOptions{RosterOptions: rosterOn(tio, srv, "table", file)})
	}

	r := syncOn(clitest.NewTestIO(""))
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "pass --yes")
	assert.Contains(t, r.Stderr, "create  ada@example.com", "the plan is shown with the refusal")

	// sync ... 2>&1 | tail: a person at the keyboard, but the question
	// would go into the pipe, unseen; refused as without a terminal.
	piped := clitest.NewTestIO("y\n")
	piped.SetTerminal(true, false)
	r = syncOn(piped)
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "stderr, where the question would go, is not a terminal (a pipe or a file); pass --yes")
	assert.NotContains(t, r.Stderr, "[y/N]")
	assert.Zero(t, srv.CreatedFor("ada@example.com"))

	r = syncOn(clitest.NewTestIO("n\n").Terminal())
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stderr, "Apply these 1 change(s)? [y/N] Nothing changed.")
	assert.Equal(t, 0, srv.CreatedFor("ada@example.com"))

	r = syncOn(clitest.NewTestIO("y\n").Terminal())
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, "Synced "+file+": 1 done, 0 failed.")
	assert.Equal(t, 1, srv.CreatedFor("ada@example.com"))

	// Nothing to do: no question, no --yes needed.
	r = syncOn(clitest.NewTestIO(""))
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, "Nothing to do: the organization matches the roster.")

	// A roster on stdin leaves no stdin to answer on, terminal or not.
	stdinRoster := clitest.On(srv).WithStdin("email,role\nbob@example.com,reader\n")
	stdinRoster.Terminal = true
	r = stdinRoster.Run(t, "sync", "--file", "-")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Contains(t, r.Stderr, "pass --yes")
	assert.Equal(t, 0, srv.CreatedFor("bob@example.com"))
}

func TestSyncRejectsABadRosterWithLineNumbers(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := clitest.WriteFile(t, "roster.csv", "email,role,projects\nada@example.com,reader,\nbob@,reader,\ncy@example.com,admin,\nADA@example.com,owner,\n")
	report := filepath.Join(t.TempDir(), "report.csv")
	r := clitest.On(srv).Run(t, "sync", "--file", file, "--yes", "--report", report)
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Contains(t, r.Stderr, file+`:3: invalid email "bob@"`)
	assert.Contains(t, r.Stderr, file+`:4: invalid role "admin"`)
	assert.Contains(t, r.Stderr, file+`:5: duplicate email ADA@example.com (first on line 2)`)
	assert.Contains(t, r.Stderr, "3 invalid row(s); nothing was sent")
	assert.Equal(t, 0, srv.Stats().Total, "not even the list of invites")
	var outcomes []string
	for _, row := range readReport(t, report)[1:] {
		outcomes = append(outcomes, row[9])
	}
	assert.Equal(t, []string{"not_attempted", "invalid", "invalid", "invalid"}, outcomes, "the report says what became of each row")
}

func TestSyncOfThousandsPlansWithOnePagedScan(t *testing.T) {
	t.Parallel()
	const existing, rows = 1050, 3000
	srv := fake.NewServer(t, fake.WithInvites(existing))
	var b strings.Builder
	b.WriteString("email,role,projects\n")
	for i := range rows {
		fmt.Fprintf(&b, "person%04d@example.com,reader,\n", i)
	}
	sum, r := syncSummaryOf(t, clitest.On(srv), "--file", clitest.WriteFile(t, "roster.csv", b.String()), "--check")
	assert.Equal(t, cmdutil.ExitDrift, r.Code, r.Stderr)
	assert.Equal(t, rows, sum.Plan["create"])
	// The accepted ones among the seeded invites are members.
	pages := (existing+99)/100 + (len(srv.Members())+99)/100
	assert.Equal(t, pages, srv.Stats().Total, "one scan of each, 100 a page")
	assert.Equal(t, pages, srv.Stats().Count(http.MethodGet, http.StatusOK))
}

func TestSyncReportsAReplaceHalfDoneAndTheNextRunFinishes(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	require.Equal(t, 0, clitest.On(srv).Run(t, "create", "ada@example.com", "--role", "reader").Code)
	file := clitest.WriteFile(t, "roster.csv", "email,role,projects\nada@example.com,owner,\n")
	srv.FailNextFor(http.MethodPost, fake.FaultServerError, 1)

	r := clitest.On(srv).Run(t, "sync", "--file", file, "--yes", "--max-retries", "0")
	assert.Equal(t, cmdutil.ExitFailure, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, "Synced "+file+": 0 done, 0 failed, 1 deleted but not re-created.")
	assert.Contains(t, r.Stdout, "deleted, but the create failed (the next run creates it): 500")
	assert.Contains(t, r.Stdout, "Run the same command again to finish")

	sum, r := syncSummaryOf(t, clitest.On(srv), "--file", file, "--yes")
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, map[string]int{"create": 1}, sum.Plan)
	assert.Equal(t, "owner", clitest.FakeInvite(t, srv, "ada@example.com").Role)
}

func TestSyncInterruptedFinishesInFlightAndConvergesOnReRun(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	ctx, interrupt := interruptAtCreate(t, 2)
	file := clitest.WriteFile(t, "team.csv", teamCSV(5))
	report := filepath.Join(t.TempDir(), "report.csv")

	tio := clitest.NewTestIO("")
	opts := rostercmd.SyncOptions{RosterOptions: rosterOn(tio, srv, "table", file, interrupt), Yes: true}
	opts.Report = report
	r := runSyncOn(ctx, tio, opts)
	assert.Equal(t, cmdutil.ExitInterrupted, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, "Synced "+file+": 2 done, 0 failed, 3 not attempted.")
	assert.Contains(t, r.Stderr, "interrupted: starting nothing new")
	outcomes := []string{}
	for _, row := range readReport(t, report)[1:] {
		outcomes = append(outcomes, row[9])
	}
	assert.Equal(t, []string{"done", "done", "not_attempted", "not_attempted", "not_attempted"}, outcomes)

	sum, r := syncSummaryOf(t, clitest.On(srv), "--file", file, "--yes")
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, map[string]int{"create": 3, "keep": 2}, sum.Plan)
	oneInviteEach(t, srv, 5)
}

// The API may record the default project as no grant or as a grant; an
// empty projects cell must converge either way.
func TestSyncEmptyProjectsCellConvergesWhateverTheDefault(t *testing.T) {
	t.Parallel()
	for name, opts := range map[string][]fake.Option{
		"recorded as none":    nil,
		"recorded as a grant": {fake.WithDefaultProjects(fake.ProjectGrant{ID: "proj_default", Role: "member"})},
	} {
		srv := fake.NewServer(t, opts...)
		file := clitest.WriteFile(t, "roster.csv", "email,role,projects\nada@example.com,reader,\n")
		r := clitest.On(srv).Run(t, "sync", "--file", file, "--yes")
		require.Equal(t, 0, r.Code, "%s: %s", name, r.Stderr)
		r = clitest.On(srv).Run(t, "sync", "--file", file, "--check")
		assert.Equal(t, 0, r.Code, "%s: %s", name, r.Stdout)
		assert.Equal(t, 1, srv.CreatedFor("ada@example.com"), name)
	}
}
