package rostercmd_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/rostercmd"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// --plan-out saves the plan it shows, with what made it, and sends
// nothing: a plan saved is a plan not yet approved.
func TestPlanOutSavesThePlanAndWhatMadeItAndSendsNothing(t *testing.T) {
	t.Parallel()
	const key = "sk-admin-plan-out-test-0123456789abcdef"
	srv := fake.NewServer(t, fake.WithKey(key))
	file := seedPlanOrg(t, srv)
	writes := writesTo(srv)
	out := filepath.Join(t.TempDir(), "plan.json")

	tio := clitest.NewTestIO("")
	opts := rostercmd.SyncOptions{RosterOptions: rosterOn(tio, srv, "table", file), RevokeMissing: true,
		MaxRemovals: rostercmd.DefaultMaxRemovals, MaxDemotions: rostercmd.DefaultMaxDemotions, PlanOut: out, ToolVersion: "v1.2.3"}
	opts.DefaultRole = "reader"
	before := time.Now().Truncate(time.Second)
	r := runSyncOn(t.Context(), tio, opts)
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, writes, writesTo(srv), "nothing sent")
	assert.Contains(t, r.Stdout, "Plan for "+file+": 1 create, 1 revoke, 1 set-role, 3 keep.\n")
	assert.Contains(t, r.Stdout, "Dry run: 3 action(s) would be applied; nothing was sent.\n")
	assert.Contains(t, r.Stdout, "Plan saved to "+out+". Once it is reviewed, apply exactly it: invites sync --apply-plan "+out+"\n")

	p := readPlan(t, out)
	bytes, err := os.ReadFile(file)
	require.NoError(t, err)
	digest := sha256.Sum256(bytes)
	assert.Equal(t, roster.SavedRoster{Path: file, SHA256: hex.EncodeToString(digest[:])}, p.Roster, "the path as found from anywhere, the digest of every byte")
	assert.Equal(t, map[string]string{"--revoke-missing": "true", "--remove-members": "false", "--max-removals": "5",
		"--max-demotions": "1", "--max-project-removals": "0", "--manage-projects": "named", "--default-role": "reader"}, p.Options)
	assert.Equal(t, "v1.2.3", p.ToolVersion)
	assert.WithinRange(t, p.CreatedAt, before, time.Now())
	kinds := map[roster.Kind]int{}
	for _, a := range p.Actions {
		kinds[a.Kind]++
	}
	assert.Equal(t, map[roster.Kind]int{roster.SetRole: 1, roster.Create: 1, roster.Revoke: 1, roster.Keep: 3}, kinds)
	assertNoKey(t, out, key)
}

// Every flag that shaped the plan is in it, as the command line gave it,
// read from an export as the admin console downloads it.
func TestPlanOutRecordsEveryFlagThatShapedThePlan(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := workspaceExport(t, map[string]string{"ada@example.com": "Active", "bob@example.com": "Suspended"})
	out := filepath.Join(t.TempDir(), "plan.json")

	r := clitest.On(srv).Run(t, "sync", "--file", file, "--plan-out", out, "--remove-members", "--max-removals", "7",
		"--max-demotions", "0", "--default-role", "owner", "--where", "Status [READ ONLY]=Active", "--where", "Org Unit Path [Required]=/Engineering/Compilers",
		"--owner-where", "Employee Type=Admin", "--email-column", "Email Address [Required]", "--delimiter", "comma")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, map[string]string{"--revoke-missing": "false", "--remove-members": "true", "--max-removals": "7",
		"--max-demotions": "0", "--max-project-removals": "5", "--manage-projects": "named", "--default-role": "owner", "--where": "Status [READ ONLY]=Active; Org Unit Path [Required]=/Engineering/Compilers",
		"--owner-where": "Employee Type=Admin", "--email-column": "Email Address [Required]", "--delimiter": "comma"}, readPlan(t, out).Options)
}

// A plan a real run would refuse is not saved: applying it would be
// refused all the same, and the dry run exits 2 as that run would.
func TestAPlanARealRunWouldRefuseIsNotSaved(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	seedPlanOrg(t, srv)
	demote := clitest.WriteFile(t, "roster.csv", "email,role\nada@example.com,reader\nboss@example.com,reader\nzed@example.com,owner\n")
	out := filepath.Join(t.TempDir(), "plan.json")

	r := clitest.On(srv).Run(t, "sync", "--file", demote, "--plan-out", out, "--max-demotions", "0")
	assert.Equal(t, cmdutil.ExitUsage, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, "The plan was not saved to "+out+", as applying it would be refused.\n")
	assert.Contains(t, r.Stdout, "Applying would be refused, sending nothing: the plan demotes 1 owner to reader, more than --max-demotions 0.")
	assert.NoFileExists(t, out)
}

// A plan file that cannot be written is found before anything is read,
// and a plan is never written to stdout, where the plan's table goes.
func TestPlanOutThatCannotBeWrittenReadsNothing(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := clitest.WriteFile(t, "roster.csv", "email,role\nada@example.com,reader\n")
	missing := filepath.Join(t.TempDir(), "no-such-dir", "plan.json")
	for _, tc := range []struct{ out, want string }{
		{missing, "invites: --plan-out " + missing + ": open "},
		{"-", "invites: --plan-out -: give a file to save the plan in (the plan is shown on stdout)"},
	} {
		r := clitest.On(srv).Run(t, "sync", "--file", file, "--plan-out", tc.out)
		assert.Equal(t, cmdutil.ExitUsage, r.Code, tc.out)
		assert.Contains(t, r.Stderr, tc.want)
	}
	assert.Zero(t, srv.Stats().Total, "not even a read")
}
