package rostercmd_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seedMembersOrg gives srv every case a sync over members must handle and
// returns the roster file that wants them changed: new people, a
// promotion, a demotion, a departure, a member with no invite on record, a
// stale pending invite for a member, a service account and a second owner.
func seedMembersOrg(t *testing.T, srv *fake.Server) string {
	t.Helper()
	require.Equal(t, 0, clitest.On(srv).Run(t, "create", "stale@example.com", "--role", "reader").Code)
	for _, m := range []fake.Member{
		{ID: "user-boss", Email: "boss@example.com", Role: "owner"},
		{ID: "user-cto", Email: "cto@example.com", Role: "owner"},
		{ID: "user-dev", Email: "dev@example.com", Role: "reader"},
		{ID: "user-lead", Email: "lead@example.com", Role: "owner"},
		{ID: "user-leaver", Email: "leaver@example.com", Role: "reader"},
		{ID: "user-sso", Email: "sso@example.com", Role: "reader"},
		{ID: "user-stale", Email: "stale@example.com", Role: "reader"},
		{ID: "user-bot", Name: "CI", Role: "owner", ServiceAccount: true},
		{ID: "user-scim", Email: "dir@example.com", Role: "reader", SCIMManaged: true},
	} {
		_, err := srv.AddMember(m)
		require.NoError(t, err)
	}
	return clitest.WriteFile(t, "roster.csv", "email,role\n"+
		"boss@example.com,owner\ncto@example.com,owner\ndev@example.com,owner\nlead@example.com,reader\n"+
		"sso@example.com,reader\nstale@example.com,reader\nnew1@example.com,reader\nnew2@example.com,owner\n")
}

// neverRemoved are the members the roster of seedMembersOrg lists, and the
// managed ones: none may ever be removed.
var neverRemoved = []string{"user-boss", "user-cto", "user-dev", "user-lead", "user-sso", "user-stale", "user-bot", "user-scim"}

func assertNoneRemoved(t *testing.T, srv *fake.Server, ids ...string) {
	t.Helper()
	for _, m := range srv.RemovedMembers() {
		assert.NotContains(t, ids, m.ID, "removed a member the roster lists, or a managed one")
	}
}

func TestSyncOverMembersConvergesUnderFaultsInOneRun(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := seedMembersOrg(t, srv)
	srv.SetFaults(fake.Faults{RetryAfter: 50 * time.Millisecond})
	srv.FailNextAt(fake.EndpointModifyUser, fake.FaultAmbiguousDrop, 1)
	srv.FailNextAt(fake.EndpointModifyUser, fake.FaultServerError, 1)
	srv.FailNextAt(fake.EndpointDeleteUser, fake.FaultAmbiguousError, 1)
	srv.FailNextAt(fake.EndpointDeleteUser, fake.FaultRateLimit, 1) // the wait only in the message
	srv.FailNextAt(fake.EndpointCreateInvite, fake.FaultAmbiguousDrop, 1)
	srv.FailNextAt(fake.EndpointCreateInvite, fake.FaultDrop, 1)
	srv.FailNextAt(fake.EndpointDeleteInvite, fake.FaultAmbiguousError, 1)
	srv.FailNextAt(fake.EndpointListUsers, fake.FaultServerError, 1)

	sum, r := syncSummaryOf(t, clitest.On(srv), "--file", file, "--yes", "--remove-members")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, map[string]int{"create": 2, "set-role": 2, "revoke": 1, "remove": 1, "keep": 4, "managed": 2}, sum.Plan)
	assert.Equal(t, map[string]int{"done": 6, "unchanged": 6}, sum.Outcomes)

	require.Len(t, srv.RemovedMembers(), 1)
	assert.Equal(t, "user-leaver", srv.RemovedMembers()[0].ID)
	assertNoneRemoved(t, srv, neverRemoved...)
	for _, email := range []string{"new1@example.com", "new2@example.com"} {
		assert.Equal(t, 1, srv.CreatedFor(email), "%s: no duplicate invite", email)
	}
	dev, _ := srv.Member("user-dev")
	lead, _ := srv.Member("user-lead")
	bot, _ := srv.Member("user-bot")
	assert.Equal(t, "owner", dev.Role, "promoted")
	assert.Equal(t, "reader", lead.Role, "demoted")
	assert.Equal(t, "owner", bot.Role, "a service account is never changed")

	// A second run plans nothing, and its check finds no drift.
	sum, r = syncSummaryOf(t, clitest.On(srv), "--file", file, "--yes", "--remove-members")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, map[string]int{"keep": 8, "managed": 2}, sum.Plan)
	assert.Zero(t, sum.WriteRequests)
	r = clitest.On(srv).Run(t, "sync", "--file", file, "--remove-members", "--check")
	assert.Equal(t, 0, r.Code, r.Stdout+r.Stderr)
}

// A departed member is drift even without --remove-members: --check exits 3.
func TestSyncCheckCountsAnUnlistedMember(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithMembers(
		fake.Member{ID: "user-boss", Email: "boss@example.com", Role: "owner"},
		fake.Member{ID: "user-leaver", Email: "leaver@example.com", Role: "reader"},
	))
	file := clitest.WriteFile(t, "roster.csv", "email,role\nboss@example.com,owner\n")
	r := clitest.On(srv).Run(t, "sync", "--file", file, "--check")
	assert.Equal(t, cmdutil.ExitDrift, r.Code, r.Stdout+r.Stderr)
	assert.Regexp(t, `(?m)^-\s+unlisted\s+leaver@example.com\s+user-leaver\s+reader\s+-\s+not in the roster$`, r.Stdout)
	assert.Contains(t, r.Stdout, "Check: 0 action(s) pending and 1 difference(s) these flags leave alone; nothing was sent.")
	assert.Contains(t, r.Stdout, "--remove-members removes them")

	r = clitest.On(srv).Run(t, "sync", "--file", file, "--yes")
	assert.Equal(t, 0, r.Code, "without --remove-members an unlisted member is reported, not removed")
	assert.Empty(t, srv.RemovedMembers())
}

// A plan that removes more members than --max-removals exits 2 and sends
// nothing but the reads, not even the plan's invites.
func TestSyncRefusesTooManyRemovalsWithOnlyTheReads(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	seedMembersOrg(t, srv)
	cut := clitest.WriteFile(t, "cut.csv", "email,role\nboss@example.com,owner\nnew1@example.com,reader\n") // an export cut short
	before := srv.Stats()
	r := clitest.On(srv).Run(t, "sync", "--file", cut, "--yes", "--remove-members", "--report", t.TempDir()+"/report.csv")
	assert.Equal(t, cmdutil.ExitUsage, r.Code, r.Stderr)
	assert.Contains(t, r.Stderr, "refusing to sync: the plan removes 6 members, more than --max-removals 5; nothing was sent")
	assert.Contains(t, r.Stderr, "raise --max-removals to 6 or more")
	for _, email := range []string{"cto@example.com", "dev@example.com", "lead@example.com", "leaver@example.com", "sso@example.com", "stale@example.com"} {
		assert.Regexp(t, `(?m)^-\s+remove\s+`+email, r.Stderr, "the plan is shown: %s", email)
	}
	after := srv.Stats()
	assert.Equal(t, 2, after.Total-before.Total, "one page of members, one of invites")
	assert.Equal(t, 1, after.CountAt(fake.EndpointListUsers, http.StatusOK)-before.CountAt(fake.EndpointListUsers, http.StatusOK))
	assert.Empty(t, srv.RemovedMembers())

	sum, r := syncSummaryOf(t, clitest.On(srv), "--file", cut, "--remove-members", "--max-removals", "6", "--dry-run")
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, 6, sum.Plan["remove"], "a dry run shows the removals a raised limit allows")
	assert.Equal(t, 0, sum.Outcomes[string(roster.Done)])
}

// A page of members that fails stops the run before any write: no plan is
// made from a partial read.
func TestSyncStopsBeforeAnyWriteWhenAMembersPageFails(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := seedMembersOrg(t, srv)
	for i := range 150 {
		_, err := srv.AddMember(fake.Member{Email: "extra" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + "@example.com", Role: "reader"})
		require.NoError(t, err)
	}
	srv.FailNthAt(fake.EndpointListUsers, fake.FaultServerError, 2)
	writes := func() int {
		return srv.Stats().Count(http.MethodPost, http.StatusOK) + srv.Stats().Count(http.MethodDelete, http.StatusOK)
	}
	before := writes()
	r := clitest.On(srv).Run(t, "sync", "--file", file, "--yes", "--remove-members", "--max-removals", "1000", "--max-retries", "0")
	assert.Equal(t, cmdutil.ExitFailure, r.Code, r.Stderr)
	assert.Contains(t, r.Stderr, "500")
	assert.Equal(t, before, writes(), "no write")
	assert.Empty(t, srv.RemovedMembers())
}
