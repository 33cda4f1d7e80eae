package rostercmd_test

import (
	"fmt"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/rostercmd"
	"github.com/goinvites/invites/internal/cli/rosterrun"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// workspaceExport writes a Google Workspace user export as the admin
// console downloads it: the whole header of roster/testdata's, CRLF line
// ends, and each person a copy of its row for Grace Hopper (quoted cells,
// doubled quotes), with their name, address and status.
func workspaceExport(t *testing.T, people map[string]string) string {
	t.Helper()
	raw, err := os.ReadFile(exportPath("google-workspace.csv"))
	require.NoError(t, err)
	lines := strings.Split(string(raw), "\r\n")
	i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "Grace,Hopper,grace@example.com,") })
	require.Positive(t, i)
	const status = ",,Active,"
	require.Equal(t, 1, strings.Count(lines[i], status))
	emails := make([]string, 0, len(people))
	for email := range people {
		emails = append(emails, email)
	}
	slices.Sort(emails)
	var b strings.Builder
	b.WriteString(lines[0] + "\r\n")
	for n, email := range emails {
		row := strings.Replace(lines[i], "Grace,Hopper,grace@example.com,", fmt.Sprintf("Person%d,\"Doe, Jr.\",%s,", n, email), 1)
		b.WriteString(strings.Replace(row, status, ",,"+people[email]+",", 1) + "\r\n")
	}
	return clitest.WriteFile(t, "User_Download_18082026_101500.csv", b.String())
}

// memberRoles is every member's role, by ID.
func memberRoles(srv *fake.Server) map[string]string {
	roles := map[string]string{}
	for _, m := range srv.Members() {
		roles[m.ID] = m.Role
	}
	return roles
}

// A Workspace export has no role column. A sync of a 200-member
// organization with several owners from it, with --remove-members --yes,
// under every fault the fake offers, changes no one's role (no role change
// is even sent), removes only the members the export does not list, and
// invites the new people as readers; a second run plans nothing.
func TestSyncFromANoRoleExportChangesNoRoleUnderFaults(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithSeed(20))
	people := map[string]string{"new1@example.com": "Active", "new2@example.com": "Active", "gone@example.com": "Suspended", "old@example.com": "Archived"}
	var gone []string
	for i := range 200 {
		m := fake.Member{ID: fmt.Sprintf("user-%03d", i), Email: fmt.Sprintf("person%03d@example.com", i), Role: "reader"}
		if i%40 == 0 {
			m.Role = "owner" // 5 owners, the admin running the sync among them
		}
		_, err := srv.AddMember(m)
		require.NoError(t, err)
		if i >= 197 { // left: in no row of the export at all
			gone = append(gone, m.ID)
			continue
		}
		people[m.Email] = "Active"
	}
	before := memberRoles(srv)
	file := workspaceExport(t, people)

	srv.SetFaults(fake.Faults{
		Latency: time.Millisecond, Jitter: 2 * time.Millisecond,
		RateLimit: 40, RateWindow: 100 * time.Millisecond, RetryAfter: 20 * time.Millisecond,
		ErrorRate: 0.03, UnavailableRate: 0.03, DropRate: 0.03,
		AmbiguousCreateRate: 0.3, TruncateRate: 0.03, TruncateJSONRate: 0.03, StaleListRate: 0.3,
	})
	// And, on cue, each kind of trouble on the reads and the writes.
	srv.FailNextAt(fake.EndpointListUsers, fake.FaultTruncateJSON, 1)
	srv.FailNextAt(fake.EndpointListInvites, fake.FaultServerError, 1)
	srv.FailNextAt(fake.EndpointCreateInvite, fake.FaultAmbiguousDrop, 1)
	srv.FailNextAt(fake.EndpointDeleteUser, fake.FaultAmbiguousError, 1)
	srv.FailNextAt(fake.EndpointDeleteUser, fake.FaultRateLimit, 1)

	sync := func() (rosterrun.Summary, clitest.Result) {
		tio := clitest.NewTestIO("")
		opts := rostercmd.SyncOptions{RosterOptions: rosterOn(tio, srv, "json", file), Yes: true, RemoveMembers: true,
			MaxRemovals: rostercmd.DefaultMaxRemovals, MaxDemotions: rostercmd.DefaultMaxDemotions}
		r := runSyncOn(t.Context(), tio, opts)
		return clitest.DecodeJSON[rosterrun.Summary](t, r), r
	}
	sum, r := sync()
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, map[string]int{"keep": 197, "create": 2, "remove": 3}, sum.Plan)
	assert.Equal(t, map[string]int{"unchanged": 197, "done": 5, "skipped": 2}, sum.Outcomes)
	assert.Empty(t, sum.Refusal)

	assert.Zero(t, srv.Stats().SentTo(fake.EndpointModifyUser), "no role change sent")
	after := memberRoles(srv)
	for id, role := range after {
		assert.Equal(t, before[id], role, "%s keeps their role", id)
	}
	var removed []string
	for _, m := range srv.RemovedMembers() {
		removed = append(removed, m.ID)
		assert.NotContains(t, people, m.Email, "removed someone the export lists")
	}
	assert.ElementsMatch(t, gone, removed)
	for _, email := range []string{"new1@example.com", "new2@example.com"} {
		assert.Equal(t, 1, srv.CreatedFor(email), "%s: one invite, despite the faults", email)
		assert.Equal(t, "reader", clitest.FakeInvite(t, srv, email).Role, "a new invite gets the default role")
	}
	assert.Zero(t, srv.CreatedFor("gone@example.com"), "a suspended account is not invited")
	assert.Positive(t, srv.Stats().CountAt(fake.EndpointDeleteUser, http.StatusTooManyRequests), "the faults were met")

	// The second run, under the same faults, plans nothing.
	sum, r = sync()
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, map[string]int{"keep": 199}, sum.Plan)
	assert.Zero(t, sum.WriteRequests)
	assert.Zero(t, srv.Stats().SentTo(fake.EndpointModifyUser))
}

// ownersOrg is a fake with four owners and a reader, and a roster with a
// role column that makes two of the owners readers and leaves the reader
// out.
func ownersOrg(t *testing.T) (*fake.Server, string) {
	t.Helper()
	srv := fake.NewServer(t, fake.WithMembers(
		fake.Member{ID: "user-boss", Email: "boss@example.com", Role: "owner"},
		fake.Member{ID: "user-cto", Email: "cto@example.com", Role: "owner"},
		fake.Member{ID: "user-lead", Email: "lead@example.com", Role: "owner"},
		fake.Member{ID: "user-ops", Email: "ops@example.com", Role: "owner"},
		fake.Member{ID: "user-dev", Email: "dev@example.com", Role: "reader"},
	))
	return srv, clitest.WriteFile(t, "roster.csv", "email,role\r\nboss@example.com,owner\r\ncto@example.com,owner\r\nlead@example.com,reader\r\nops@example.com,reader\r\nnew@example.com,reader\r\n")
}

// Demotions over --max-demotions are refused as removals over
// --max-removals are: exit 2, the count and the flag named, and nothing
// sent, not even the plan's invite.
func TestSyncRefusesTooManyDemotionsWithOnlyTheReads(t *testing.T) {
	t.Parallel()
	srv, file := ownersOrg(t)
	before := srv.Stats()
	r := clitest.On(srv).Run(t, "sync", "--file", file, "--yes", "--report", t.TempDir()+"/report.csv")
	assert.Equal(t, cmdutil.ExitUsage, r.Code, r.Stderr)
	assert.Contains(t, r.Stderr, "invites: refusing to sync: the plan demotes 2 owners to reader, more than --max-demotions 1; nothing was sent. "+
		"If these owners are to be readers, raise --max-demotions to 2 or more; if not, fix the roster's roles (a row without a role demotes no one).\n")
	for _, email := range []string{"lead@example.com", "ops@example.com"} {
		assert.Regexp(t, `(?m)^\d+\s+set-role\s+`+email+`\s+user-\S+\s+owner -> reader\s`, r.Stderr, "the plan is shown: %s", email)
	}
	after := srv.Stats()
	assert.Equal(t, 2, after.Total-before.Total, "one page of members, one of invites")
	assert.Zero(t, after.SentTo(fake.EndpointModifyUser)-before.SentTo(fake.EndpointModifyUser))
	assert.Zero(t, srv.CreatedFor("new@example.com"), "not even the invite")
	assert.Equal(t, map[string]string{"user-boss": "owner", "user-cto": "owner", "user-lead": "owner", "user-ops": "owner", "user-dev": "reader"}, memberRoles(srv))

	// With the limit raised, the same plan goes through.
	r = clitest.On(srv).Run(t, "sync", "--file", file, "--yes", "--max-demotions", "2")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "reader", memberRoles(srv)["user-lead"])
	assert.Equal(t, "reader", memberRoles(srv)["user-ops"])

	r = clitest.On(srv).Run(t, "sync", "--file", file, "--max-demotions", "-1")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Contains(t, r.Stderr, "invites: --max-demotions -1: give 0 or more\n")
}

// A dry run and a check say the refusal a real run would meet, in their
// last line, with the counts and the flags: the dry run exits 2 as the run
// would, the check 3 (the organization differs all the same). Nothing is
// sent by any of them.
func TestDryRunAndCheckSayTheRefusal(t *testing.T) {
	t.Parallel()
	srv, file := ownersOrg(t) // two demotions; and dev, unlisted
	before := srv.Stats().Total
	last := func(s string) string { l := clitest.Lines(s); return l[len(l)-1] }
	demotions := "Applying would be refused, sending nothing: the plan demotes 2 owners to reader, more than --max-demotions 1. " +
		"If these owners are to be readers, raise --max-demotions to 2 or more; if not, fix the roster's roles (a row without a role demotes no one)."

	r := clitest.On(srv).Run(t, "sync", "--file", file, "--dry-run")
	assert.Equal(t, cmdutil.ExitUsage, r.Code, "as the real run would")
	assert.Equal(t, demotions, last(r.Stdout))
	assert.Contains(t, r.Stdout, "Dry run: 3 action(s) planned; nothing was sent.\n")
	assert.NotContains(t, r.Stdout, "would be applied")
	assert.Empty(t, r.Stderr)

	r = clitest.On(srv).Run(t, "sync", "--file", file, "--check")
	assert.Equal(t, cmdutil.ExitDrift, r.Code)
	assert.Equal(t, demotions, last(r.Stdout))

	sum, r := syncSummaryOf(t, clitest.On(srv), "--file", file, "--dry-run", "--remove-members", "--max-removals", "0")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Equal(t, "the plan removes 1 member, more than --max-removals 0, and demotes 2 owners to reader, more than --max-demotions 1", sum.Refusal)
	assert.Equal(t, "Applying would be refused, sending nothing: "+sum.Refusal+". "+
		"If the roster is complete and these people left, raise --max-removals to 1 or more; if the roster was cut short, fix it first. "+
		"If these owners are to be readers, raise --max-demotions to 2 or more; if not, fix the roster's roles (a row without a role demotes no one).",
		last(r.Stderr), "with -o json the sentences, the refusal last, go to stderr")

	sum, r = syncSummaryOf(t, clitest.On(srv), "--file", file, "--dry-run", "--max-demotions", "2")
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Empty(t, sum.Refusal)
	assert.Equal(t, "1 member(s) are in no roster row and were left alone; --remove-members removes them (no more than --max-removals at a time).", last(r.Stderr))

	assert.Equal(t, before+8, srv.Stats().Total, "reads only: members and invites, four times")
}

// Drift is drift: after a clean sync, a pending invite to someone in no
// roster row (an owner's, to someone who left) makes --check exit 3,
// with or without --revoke-missing; only --revoke-missing revokes it.
func TestSyncCheckCountsAPendingInviteInNoRosterRow(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithMembers(fake.Member{ID: "user-boss", Email: "boss@example.com", Role: "owner"}))
	file := clitest.WriteFile(t, "roster.csv", "email,role\nboss@example.com,owner\nada@example.com,reader\n")
	require.Equal(t, 0, clitest.On(srv).Run(t, "sync", "--file", file, "--yes").Code)
	r := clitest.On(srv).Run(t, "sync", "--file", file, "--check")
	require.Equal(t, 0, r.Code, "clean: "+r.Stdout)

	require.Equal(t, 0, clitest.On(srv).Run(t, "create", "leaver@example.com", "--role", "owner").Code)
	for _, args := range [][]string{{"--check"}, {"--check", "--revoke-missing"}} {
		r = clitest.On(srv).Run(t, append([]string{"sync", "--file", file}, args...)...)
		assert.Equal(t, cmdutil.ExitDrift, r.Code, "%v: %s", args, r.Stdout)
	}
	assert.Regexp(t, `(?m)^-\s+revoke\s+leaver@example.com\s+invite-\S+\s+owner\s`, r.Stdout)

	sum, r := syncSummaryOf(t, clitest.On(srv), "--file", file, "--yes")
	assert.Equal(t, 0, r.Code, "an unlisted invite is reported, not a failure")
	assert.Equal(t, 1, sum.Plan["unlisted"])
	assert.Equal(t, client.StatusPending, client.Status(clitest.FakeInvite(t, srv, "leaver@example.com").Status), "without --revoke-missing it stays")
	require.Equal(t, 0, clitest.On(srv).Run(t, "sync", "--file", file, "--yes", "--revoke-missing").Code)
	assert.Equal(t, 0, clitest.On(srv).Run(t, "sync", "--file", file, "--check").Code)
}

// import plans the same no-role export without calling anyone a
// mismatch: members keep their roles, whatever they are.
func TestImportOfANoRoleExportCallsNoMemberAMismatch(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithMembers(
		fake.Member{ID: "user-ada", Email: "ada@example.com", Role: "owner"},
		fake.Member{ID: "user-grace", Email: "grace@example.com", Role: "owner"},
		fake.Member{ID: "user-alan", Email: "alan@example.com", Role: "reader"},
	))
	file := exportPath("bamboohr.csv")
	r := clitest.On(srv).Run(t, "import", "--file", file, "--dry-run")
	assert.Equal(t, 0, r.Code, r.Stdout+r.Stderr)
	assert.Contains(t, r.Stdout, "Plan for "+file+": 3 keep.\n")
	assert.NotContains(t, r.Stdout, "another role")
	assert.NotContains(t, r.Stdout, "mismatch")

	// A member whose explicit role differs is said to be one, in words
	// about members, not pending invites.
	roster := clitest.WriteFile(t, "roster.csv", "email,role\nada@example.com,reader\n")
	r = clitest.On(srv).Run(t, "import", "--file", roster, "--dry-run")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Contains(t, r.Stdout, "1 member(s) have another role than the roster's, which import does not change: invites sync --file "+roster+" changes it.\n")
	assert.NotContains(t, r.Stdout, "pending invite")
}

// --owner-where names owners by rule, with --where's syntax; a file
// without its column, or a rule without '=', is a usage error naming the
// flag.
func TestOwnerWhere(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithMembers(fake.Member{ID: "user-alan", Email: "alan@example.com", Role: "owner"}))
	file := exportPath("bamboohr.csv")
	sum, r := syncSummaryOf(t, clitest.On(srv), "--file", file, "--owner-where", "department=engineering", "--dry-run")
	require.Equal(t, 0, r.Code, r.Stderr)
	got := map[string]string{}
	for _, a := range sum.Actions {
		got[a.Email] = string(a.Action) + " " + a.RoleAfter
	}
	assert.Equal(t, map[string]string{
		"ada@example.com": "create owner", "grace@example.com": "create owner", // Engineering
		"alan@example.com":    "keep owner", // Research: no role, so he keeps his
		"charles@example.com": " ",          // inactive: left out
	}, got)
	assert.Contains(t, r.Stderr, file+`: owners by rule (department "engineering"): 2 rows`+"\n")
	assert.Contains(t, r.Stderr, file+": 1 row has no role: their roles are left as they are (a member keeps theirs; a new invite gets the default role)\n")

	for _, tc := range []struct{ rule, msg string }{
		{"Team=IT", `invites: ` + file + `: --owner-where: line 1: the header has no column "Team" (for the owner)`},
		{"IT", `invites: --owner-where: filter "IT": want COLUMN=VALUE`},
	} {
		r = clitest.On(srv).Run(t, "sync", "--file", file, "--owner-where", tc.rule, "--dry-run")
		assert.Equal(t, cmdutil.ExitUsage, r.Code, tc.rule)
		assert.Contains(t, r.Stderr, tc.msg, tc.rule)
	}
}
