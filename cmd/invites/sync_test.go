package main

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
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// syncSummaryOf runs a sync command line with -o json and decodes its
// summary.
func syncSummaryOf(t *testing.T, c cli, args ...string) (planSummary, result) {
	t.Helper()
	r := c.run(t, append([]string{"sync", "-o", "json"}, args...)...)
	return decodeJSON[planSummary](t, r), r
}

// runSyncOn runs runSync with opts.
func runSyncOn(ctx context.Context, tio *testIO, opts syncOptions) result {
	return tio.resultOf(ctx, runSync(ctx, &opts))
}

// seedOrg gives srv an invite in each state a sync must handle (the fake's
// clock is moved on 8 days for the expired one) and returns a roster file
// that changes most of them: one new person, one expired, one role change,
// one projects change, one match, one member, one leaver (pending, not in
// the roster).
func seedOrg(t *testing.T, srv *fake.Server) string {
	t.Helper()
	c := on(srv)
	require.Equal(t, 0, c.run(t, "create", "expired@example.com", "--role", "reader").code)
	srv.Advance(8 * 24 * time.Hour)
	for _, args := range [][]string{
		{"create", "role@example.com", "--role", "reader"},
		{"create", "proj@example.com", "--role", "reader", "--project", "proj_a:owner"},
		{"create", "keep@example.com", "--role", "owner", "--project", "proj_b:member", "--project", "proj_a:owner"},
		{"create", "leaver@example.com", "--role", "reader"},
		{"create", "member@example.com", "--role", "reader"},
	} {
		require.Equal(t, 0, c.run(t, args...).code)
	}
	require.NoError(t, srv.Accept(fakeInvite(t, srv, "member@example.com").ID))
	return writeFile(t, "roster.csv", "email,role,projects\n"+
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
	srv := fake.NewServer(t)
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

	tio := newTestIO("")
	opts := syncOptions{rosterOptions: tio.rosterOn(srv, "json", file), Yes: true, RevokeMissing: true}
	opts.Report = report
	r := runSyncOn(t.Context(), tio, opts)
	sum := decodeJSON[planSummary](t, r)
	require.Equal(t, 0, r.code, r.stderr)
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
	assert.Equal(t, reportHeader, rows[0])
	byEmail := map[string][]string{}
	for _, row := range rows[1:] {
		byEmail[row[1]] = row
	}
	role := byEmail["role@example.com"]
	assert.Equal(t, []string{"4", "replace", "reader", "owner", "none", "", "done"}, []string{role[0], role[2], role[5], role[6], role[7], role[8], role[9]})
	assert.Equal(t, fakeInvite(t, srv, "new@example.com").ID, byEmail["new@example.com"][10])
	assert.Equal(t, []string{"", "revoke", "not in the roster"}, []string{byEmail["leaver@example.com"][0], byEmail["leaver@example.com"][2], byEmail["leaver@example.com"][4]})

	// Converged: a check finds nothing, and a second run plans nothing.
	r = on(srv).run(t, "sync", "--file", file, "--revoke-missing", "--check")
	assert.Equal(t, 0, r.code, r.stdout+r.stderr)
	sum, r = syncSummaryOf(t, on(srv), "--file", file, "--revoke-missing")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, map[string]int{"keep": 6}, sum.Plan)
	assert.Zero(t, sum.WriteRequests, "no write")
}

func TestSyncCheckAndDryRunSendNoWrite(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := seedOrg(t, srv)
	before := srv.Stats().Total

	r := on(srv).run(t, "sync", "--file", file, "--check")
	assert.Equal(t, exitDrift, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Plan for "+file+": 1 create, 1 resend, 2 replace, 2 keep.")
	assert.Contains(t, r.stdout, "Check: 4 action(s) pending; nothing was sent.")
	assert.Regexp(t, `(?m)^4\s+replace\s+role@example.com\s+invite-\S+\s+owner\s+\(default\)\s+pending invite differs: role reader -> owner$`, r.stdout)
	assert.NotContains(t, r.stdout, "keep@example.com", "the table leaves keep out")

	r = on(srv).run(t, "sync", "--file", file, "--dry-run", "--revoke-missing")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Dry run: 5 action(s) would be applied; nothing was sent.")
	assert.Regexp(t, `(?m)^-\s+revoke\s+leaver@example.com\s+invite-`, r.stdout)
	assert.Equal(t, before+4, srv.Stats().Total, "one list request each of members and invites")

	r = on(srv).run(t, "sync", "--file", file, "--dry-run", "--check")
	assert.Equal(t, exitUsage, r.code)
}

func TestSyncOutputFormats(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := writeFile(t, "roster.csv", "email,role,projects\nada@example.com,owner,proj_a:owner;proj_b:member\n")
	r := on(srv).run(t, "sync", "--file", file, "--dry-run", "-o", "csv")
	require.Equal(t, 0, r.code, r.stderr)
	rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, [][]string{reportHeader, {"2", "ada@example.com", "create", "", "no member, no pending invite", "", "owner", "", "proj_a:owner;proj_b:member", "planned", "", "", ""}}, rows)
	assert.Contains(t, r.stderr, "Dry run: 1 action(s) would be applied", "the sentences go to stderr")

	sum, r := syncSummaryOf(t, on(srv), "--file", file, "--yes")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "apply", sum.Mode)
	require.Len(t, sum.Actions, 1)
	assert.Equal(t, roster.Done, sum.Actions[0].Outcome)
	assert.Equal(t, fakeInvite(t, srv, "ada@example.com").ID, sum.Actions[0].NewInviteID)
}

func TestSyncAsksOnATerminalAndNeedsYesWithout(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := writeFile(t, "roster.csv", "email,role,projects\nada@example.com,reader,\n")
	syncOn := func(tio *testIO) result {
		return runSyncOn(t.Context(), tio, syncOptions{rosterOptions: tio.rosterOn(srv, "table", file)})
	}

	r := syncOn(newTestIO(""))
	assert.Equal(t, exitUsage, r.code)
	require.ErrorContains(t, r.err, "pass --yes")
	assert.Contains(t, r.stderr, "create  ada@example.com", "the plan is shown with the refusal")

	r = syncOn(newTestIO("n\n").terminal())
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stderr, "Apply these 1 change(s)? [y/N] Nothing changed.")
	assert.Equal(t, 0, srv.CreatedFor("ada@example.com"))

	r = syncOn(newTestIO("y\n").terminal())
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Synced "+file+": 1 done, 0 failed.")
	assert.Equal(t, 1, srv.CreatedFor("ada@example.com"))

	// Nothing to do: no question, no --yes needed.
	r = syncOn(newTestIO(""))
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Nothing to do: the organization matches the roster.")

	// A roster on stdin leaves no stdin to answer on, terminal or not.
	stdinRoster := on(srv).withStdin("email,role\nbob@example.com,reader\n")
	stdinRoster.terminal = true
	r = stdinRoster.run(t, "sync", "--file", "-")
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, "pass --yes")
	assert.Equal(t, 0, srv.CreatedFor("bob@example.com"))
}

func TestSyncRejectsABadRosterWithLineNumbers(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := writeFile(t, "roster.csv", "email,role,projects\nada@example.com,reader,\nbob@,reader,\ncy@example.com,admin,\nADA@example.com,owner,\n")
	report := filepath.Join(t.TempDir(), "report.csv")
	r := on(srv).run(t, "sync", "--file", file, "--yes", "--report", report)
	assert.Equal(t, exitUsage, r.code)
	assert.Contains(t, r.stderr, file+`:3: invalid email "bob@"`)
	assert.Contains(t, r.stderr, file+`:4: invalid role "admin"`)
	assert.Contains(t, r.stderr, file+`:5: duplicate email ADA@example.com (first on line 2)`)
	assert.Contains(t, r.stderr, "3 invalid row(s); nothing was sent")
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
	sum, r := syncSummaryOf(t, on(srv), "--file", writeFile(t, "roster.csv", b.String()), "--check")
	assert.Equal(t, exitDrift, r.code, r.stderr)
	assert.Equal(t, rows, sum.Plan["create"])
	// The accepted ones among the seeded invites are members.
	pages := (existing+99)/100 + (len(srv.Members())+99)/100
	assert.Equal(t, pages, srv.Stats().Total, "one scan of each, 100 a page")
	assert.Equal(t, pages, srv.Stats().Count(http.MethodGet, http.StatusOK))
}

func TestSyncReportsAReplaceHalfDoneAndTheNextRunFinishes(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	require.Equal(t, 0, on(srv).run(t, "create", "ada@example.com", "--role", "reader").code)
	file := writeFile(t, "roster.csv", "email,role,projects\nada@example.com,owner,\n")
	srv.FailNextFor(http.MethodPost, fake.FaultServerError, 1)

	r := on(srv).run(t, "sync", "--file", file, "--yes", "--max-retries", "0")
	assert.Equal(t, exitFailure, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Synced "+file+": 0 done, 0 failed, 1 deleted but not re-created.")
	assert.Contains(t, r.stdout, "deleted, but the create failed (the next run creates it): 500")
	assert.Contains(t, r.stdout, "Run the same command again to finish")

	sum, r := syncSummaryOf(t, on(srv), "--file", file, "--yes")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, map[string]int{"create": 1}, sum.Plan)
	assert.Equal(t, "owner", fakeInvite(t, srv, "ada@example.com").Role)
}

func TestSyncInterruptedFinishesInFlightAndConvergesOnReRun(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	ctx, interrupt := interruptAtCreate(t, 2)
	file := writeFile(t, "team.csv", teamCSV(5))
	report := filepath.Join(t.TempDir(), "report.csv")

	tio := newTestIO("")
	opts := syncOptions{rosterOptions: tio.rosterOn(srv, "table", file, interrupt), Yes: true}
	opts.Report = report
	r := runSyncOn(ctx, tio, opts)
	assert.Equal(t, exitInterrupted, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Synced "+file+": 2 done, 0 failed, 3 not attempted.")
	assert.Contains(t, r.stderr, "interrupted: starting nothing new")
	outcomes := []string{}
	for _, row := range readReport(t, report)[1:] {
		outcomes = append(outcomes, row[9])
	}
	assert.Equal(t, []string{"done", "done", "not_attempted", "not_attempted", "not_attempted"}, outcomes)

	sum, r := syncSummaryOf(t, on(srv), "--file", file, "--yes")
	assert.Equal(t, 0, r.code, r.stderr)
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
		file := writeFile(t, "roster.csv", "email,role,projects\nada@example.com,reader,\n")
		r := on(srv).run(t, "sync", "--file", file, "--yes")
		require.Equal(t, 0, r.code, "%s: %s", name, r.stderr)
		r = on(srv).run(t, "sync", "--file", file, "--check")
		assert.Equal(t, 0, r.code, "%s: %s", name, r.stdout)
		assert.Equal(t, 1, srv.CreatedFor("ada@example.com"), name)
	}
}
