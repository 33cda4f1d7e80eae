package rostercmd_test

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/journal"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// planFor saves the plan of `sync --file file --revoke-missing` against
// srv, and any other flags, and returns its path.
func planFor(t *testing.T, srv *fake.Server, file string, flags ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "plan.json")
	r := clitest.On(srv).Run(t, append([]string{"sync", "--file", file, "--revoke-missing", "--plan-out", out}, flags...)...)
	require.Equal(t, 0, r.Code, r.Stderr)
	return out
}

// A plan saved, then the organization changed by hand in what one of its
// actions touches: --apply-plan refuses it, exits 2, sends nothing, and
// names the change; the report says nothing was sent.
func TestApplyPlanRefusesAPlanWhoseTouchedStateChanged(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, srv *fake.Server)
		want   string
	}{
		{"a member's role", func(t *testing.T, srv *fake.Server) {
			require.Equal(t, 0, clitest.On(srv).Run(t, "users", "set-role", "ada@example.com", "owner").Code)
		}, "1 thing(s) the plan touches:\n  member ada@example.com: role reader -> owner (the plan: set-role)\n"},
		{"an invite accepted", func(t *testing.T, srv *fake.Server) {
			require.NoError(t, srv.Accept(clitest.FakeInvite(t, srv, "bob@example.com").ID))
		}, "2 thing(s) the plan touches:\n  new member bob@example.com (the plan: revoke)\n  invite to bob@example.com accepted (the plan: revoke)\n"},
		{"a member added", func(t *testing.T, srv *fake.Server) {
			_, err := srv.AddMember(fake.Member{ID: "user-carol", Email: "Carol@example.com"})
			require.NoError(t, err)
		}, "1 thing(s) the plan touches:\n  new member Carol@example.com (the plan: create)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := fake.NewServer(t)
			plan := planFor(t, srv, seedPlanOrg(t, srv))
			tc.change(t, srv)
			writes := writesTo(srv)
			report := filepath.Join(t.TempDir(), "report.csv")

			r := clitest.On(srv).Run(t, "sync", "--apply-plan", plan, "--yes", "--report", report)
			assert.Equal(t, cmdutil.ExitUsage, r.Code)
			assert.Equal(t, writes, writesTo(srv), "nothing sent")
			assert.Contains(t, r.Stderr, "The organization changed since the plan was made, in "+tc.want)
			assert.Contains(t, r.Stderr, "invites: refusing the saved plan "+plan+": the organization changed since it was made, in what it touches (listed above); nothing was sent.")
			rows := readReport(t, report)
			require.Len(t, rows, 7, "the header and the plan's six actions")
			for _, row := range rows[1:] {
				if row[2] == "keep" {
					assert.Equal(t, "unchanged", row[9], row)
					continue
				}
				assert.Equal(t, []string{"not_attempted", "not sent: the organization changed since the plan was made"}, []string{row[9], row[11]}, row)
			}
		})
	}
}

// A change to what the plan does not touch does not refuse it: the plan is
// applied, and the organization then matches the roster (a second sync
// plans nothing). The writes went to the journal.
func TestApplyPlanAppliesDespiteChangesItDoesNotTouchAndConverges(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := seedPlanOrg(t, srv)
	plan := planFor(t, srv, file)
	// kept's invite, which the plan keeps, is accepted meanwhile.
	require.NoError(t, srv.Accept(clitest.FakeInvite(t, srv, "kept@example.com").ID))
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	c := clitest.On(srv).With(cmdutil.JournalEnv, path)

	r := c.Run(t, "sync", "--apply-plan", plan, "--yes")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, plan+": the roster "+file+" is as it was when the plan was made (sha256 ")
	assert.Contains(t, r.Stdout, plan+": made with --default-role reader, --manage-projects named, --max-demotions 1, --max-project-removals 5, --max-removals 5, --remove-members false, --revoke-missing true\n")
	assert.Contains(t, r.Stdout, plan+": nothing the plan touches has changed since it was made.\n")
	assert.Contains(t, r.Stdout, "Synced "+file+": 3 done, 3 unchanged, 0 failed.\n")
	assert.Contains(t, r.Stdout, "Journal: "+path+", run ")
	ada, _ := srv.Member("user-ada")
	assert.Equal(t, "owner", ada.Role)
	assert.Equal(t, 1, srv.CreatedFor("carol@example.com"))
	for _, inv := range srv.Invites() {
		assert.NotEqual(t, "bob@example.com", inv.Email, "bob's invite revoked")
	}

	log, err := journal.Read(t.Context(), path)
	require.NoError(t, err)
	runs := log.Runs()
	require.Len(t, runs, 1)
	assert.Equal(t, 3, runs[0].Sent)
	assert.Equal(t, map[roster.Outcome]int{roster.Done: 3}, runs[0].Outcomes)

	check := c.Run(t, "sync", "--file", file, "--revoke-missing", "--check")
	assert.Equal(t, 0, check.Code, "a second sync plans nothing: %s", check.Stdout)
	assert.Contains(t, check.Stdout, "Nothing to do: the organization matches the roster.")
}

// A plan older than --plan-max-age, or dated that far ahead, or of another
// format version, is refused before anything is read.
func TestApplyPlanRefusesAPlanTooOldOrOfAnotherVersion(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	plan := planFor(t, srv, seedPlanOrg(t, srv))
	saved := readPlan(t, plan)
	reads := srv.Stats().Total
	for _, tc := range []struct {
		name  string
		edit  func(p *roster.SavedPlan)
		flags []string
		want  string
	}{
		{"made 25 hours ago", func(p *roster.SavedPlan) { p.CreatedAt = time.Now().Add(-25 * time.Hour).UTC() }, nil,
			"invites: refusing the saved plan " + plan + ": the plan was made 25h0m"},
		{"made 3 hours ago, 2h allowed", func(p *roster.SavedPlan) { p.CreatedAt = time.Now().Add(-3 * time.Hour) }, []string{"--plan-max-age", "2h"},
			"more than the limit of 2h0m0s; make it again (--plan-max-age 2h0m0s)"},
		{"dated ahead", func(p *roster.SavedPlan) { p.CreatedAt = time.Now().Add(25 * time.Hour) }, nil, "ahead of this clock"},
		{"another version", func(p *roster.SavedPlan) { p.Version = roster.PlanVersion + 1 }, nil,
			fmt.Sprintf("--apply-plan %s: saved plan version %d: this version of the tool reads version %d only; make the plan again", plan, roster.PlanVersion+1, roster.PlanVersion)},
		{"another format", func(p *roster.SavedPlan) { p.Format = "terraform-plan" }, nil, `not a saved plan: format "terraform-plan"`},
	} {
		edited := *saved
		tc.edit(&edited)
		rewritePlan(t, plan, &edited)
		r := clitest.On(srv).Run(t, append([]string{"sync", "--apply-plan", plan, "--yes"}, tc.flags...)...)
		assert.Equal(t, cmdutil.ExitUsage, r.Code, tc.name)
		assert.Contains(t, r.Stderr, tc.want, tc.name)
	}
	assert.Equal(t, reads, srv.Stats().Total, "not even a read")

	// Within a longer limit, the same old plan is taken.
	edited := *saved
	edited.CreatedAt = time.Now().Add(-25 * time.Hour)
	rewritePlan(t, plan, &edited)
	r := clitest.On(srv).Run(t, "sync", "--apply-plan", plan, "--plan-max-age", "2d", "--dry-run")
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, "Dry run: 3 action(s) would be applied; nothing was sent.\n")
}

// --apply-plan asks as sync does: on a terminal unless --yes, and without
// one it refuses; --plan-max-age without --apply-plan is a mistake.
func TestApplyPlanAsksAsSyncDoes(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	plan := planFor(t, srv, seedPlanOrg(t, srv))
	writes := writesTo(srv)

	no := clitest.On(srv).WithStdin("n\n")
	no.Terminal = true
	r := no.Run(t, "sync", "--apply-plan", plan)
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stderr, "Apply these 3 change(s)? [y/N] Nothing changed.\n")
	r = clitest.On(srv).Run(t, "sync", "--apply-plan", plan)
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Contains(t, r.Stderr, "set-role  ada@example.com")
	assert.Contains(t, r.Stderr, "refusing to change the organization without confirmation")
	assert.Equal(t, writes, writesTo(srv), "nothing sent")

	yes := clitest.On(srv).WithStdin("y\n")
	yes.Terminal = true
	r = yes.Run(t, "sync", "--apply-plan", plan)
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, writes+3, writesTo(srv))

	r = clitest.On(srv).Run(t, "sync", "--file", "roster.csv", "--plan-max-age", "2h")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Contains(t, r.Stderr, "--plan-max-age limits the age of the plan --apply-plan applies")
}

// The roster is not a condition of applying its plan, but the run says
// whether the file at its path is still what the plan was made from.
func TestApplyPlanSaysWhetherTheRosterChanged(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := seedPlanOrg(t, srv)
	plan := planFor(t, srv, file)

	require.NoError(t, os.WriteFile(file, []byte("email,role\nsomeone@example.com,reader\n"), 0o600))
	r := clitest.On(srv).Run(t, "sync", "--apply-plan", plan, "--dry-run")
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, "the roster "+file+" has changed since the plan was made (sha256 ")
	assert.Contains(t, r.Stdout, "the plan is applied as it was saved, not the file as it is now\n")
	assert.Contains(t, r.Stdout, "Dry run: 3 action(s) would be applied; nothing was sent.\n", "the saved plan, not the file's")

	require.NoError(t, os.Remove(file))
	r = clitest.On(srv).Run(t, "sync", "--apply-plan", plan, "--dry-run")
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, "the roster "+file+" is no longer there; the plan is applied as it was saved\n")
}

// A plan is applied within the limits it was made with: more demotions
// than sync's default when it was made so, and none past a limit a hand
// lowered.
func TestApplyPlanKeepsThePlansLimits(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithMembers(
		fake.Member{ID: "user-a", Email: "a@example.com", Role: "owner"},
		fake.Member{ID: "user-b", Email: "b@example.com", Role: "owner"},
		fake.Member{ID: "user-c", Email: "c@example.com", Role: "owner"},
	))
	file := clitest.WriteFile(t, "roster.csv", "email,role\na@example.com,owner\nb@example.com,reader\nc@example.com,reader\n")
	plan := planFor(t, srv, file, "--max-demotions", "2")

	lowered := readPlan(t, plan)
	lowered.Options["--max-demotions"] = "1"
	edited := filepath.Join(t.TempDir(), "edited.json")
	rewritePlan(t, edited, lowered)
	r := clitest.On(srv).Run(t, "sync", "--apply-plan", edited, "--yes")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Contains(t, r.Stderr, "refusing to sync: the plan demotes 2 owners to reader, more than --max-demotions 1; nothing was sent.")
	assert.Equal(t, 0, writesTo(srv))

	r = clitest.On(srv).Run(t, "sync", "--apply-plan", plan, "--yes")
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, map[string]string{"user-a": "owner", "user-b": "reader", "user-c": "reader"}, memberRoles(srv))
}

// A saved plan that failed part-way cannot be applied again: the run says
// to make a new plan instead.
func TestApplyPlanThatFailedSaysToMakeANewPlan(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	plan := planFor(t, srv, seedPlanOrg(t, srv))
	srv.FailNextAt(fake.EndpointModifyUser, fake.FaultForbidden, 1)

	r := clitest.On(srv).Run(t, "sync", "--apply-plan", plan, "--yes")
	assert.Equal(t, cmdutil.ExitFailure, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, "To finish, make a new plan from the roster (invites sync --file ROSTER --plan-out FILE): what this run did no longer matches the saved plan, which --apply-plan now refuses.\n")
	r = clitest.On(srv).Run(t, "sync", "--apply-plan", plan, "--yes")
	assert.Equal(t, cmdutil.ExitUsage, r.Code, "as it said")
}

// A plan piped in is read from stdin, which then answers no question:
// --yes applies it.
func TestApplyPlanFromStdin(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	plan, err := os.ReadFile(planFor(t, srv, seedPlanOrg(t, srv)))
	require.NoError(t, err)
	writes := writesTo(srv)

	r := clitest.On(srv).WithStdin(string(plan)).Run(t, "sync", "--apply-plan", "-", "--yes", "-o", "json")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, writes+3, writesTo(srv))
	assert.Contains(t, r.Stderr, "-: nothing the plan touches has changed since it was made.\n")
	r = clitest.On(srv).WithStdin("{").Run(t, "sync", "--apply-plan", "-", "--yes")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Contains(t, r.Stderr, "invites: --apply-plan -: roster: invalid saved plan: not JSON, or cut short")
}
