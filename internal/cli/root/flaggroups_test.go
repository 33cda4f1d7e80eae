package root_test

import (
	"strings"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/root"
	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
)

// Every group of flags that exclude each other is refused in one wording,
// the CLI's, never cobra's, before anything is read or sent.
func TestFlagsThatExcludeEachOther(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sync", "--dry-run", "--check", "--file", "roster.csv"}, "--dry-run and --check"},
		{[]string{"sync", "--check", "--dry-run"}, "--dry-run and --check"}, // before the missing --file
		{[]string{"list", "--all", "--after", "invite-abc"}, "--all and --after"},
		{[]string{"list", "--email", "ada@example.com", "--after", "invite-abc"}, "--email and --after"},
		{[]string{"list", "--fake", "--base-url", "https://example.com/v1"}, "--fake and --base-url"},
		{[]string{"create", "ada@example.com", "--role", "reader", "--project", "proj_a:member", "--no-projects"}, "--project and --no-projects"},
		{[]string{"sync", "--file", "roster.csv", "--journal", "j.jsonl", "--no-journal"}, "--journal and --no-journal"},
		{[]string{"import", "--file", "roster.csv", "--journal", "j.jsonl", "--no-journal"}, "--journal and --no-journal"},
		{[]string{"sync", "--file", "roster.csv", "--check", "--plan-out", "plan.json"}, "--check and --plan-out"},
		{[]string{"sync", "--file", "roster.csv", "--yes", "--plan-out", "plan.json"}, "--yes and --plan-out"},
		{[]string{"sync", "--apply-plan", "plan.json", "--plan-out", "plan.json"}, "--apply-plan and --plan-out"},
		{[]string{"sync", "--apply-plan", "plan.json", "--check"}, "--apply-plan and --check"},
		{[]string{"journal", "--run", "last", "--last", "3"}, "--run and --last"},
	} {
		r := clitest.On(srv).Run(t, tc.args...)
		assert.Equal(t, cmdutil.ExitUsage, r.Code, tc.args)
		assert.Equal(t, "invites: "+tc.want+" exclude each other: give one of them\nRun 'invites "+tc.args[0]+" --help' for usage.\n", r.Stderr, tc.args)
		assert.Empty(t, r.Stdout, tc.args)
	}
	assert.Zero(t, srv.Stats().Total, "nothing sent")
}

// planShaping are the flags that shape a sync's plan, each with a value:
// a saved plan is applied as it was made, so --apply-plan refuses them.
var planShaping = [][]string{{"--file", "roster.csv"}, {"--revoke-missing"}, {"--remove-members"},
	{"--max-removals", "9"}, {"--max-demotions", "2"}, {"--default-role", "owner"}, {"--where", "Team=R"},
	{"--owner-where", "Team=IT"}, {"--email-column", "E-mail"}, {"--role-column", "Role"},
	{"--projects-column", "Projects"}, {"--delimiter", "tab"}, {"--max-project-removals", "3"}, {"--manage-projects", "all"}}

// Every flag that shapes a plan is refused beside --apply-plan, before
// anything is read.
func TestApplyPlanTakesNothingThatShapesAPlan(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	for _, flag := range planShaping {
		r := clitest.On(srv).Run(t, append([]string{"sync", "--apply-plan", "plan.json"}, flag...)...)
		assert.Equal(t, cmdutil.ExitUsage, r.Code, flag)
		assert.Equal(t, "invites: --apply-plan and "+flag[0]+" exclude each other: give one of them\nRun 'invites sync --help' for usage.\n", r.Stderr, flag)
	}
	assert.Zero(t, srv.Stats().Total, "nothing sent")
}

// The groups are those the commands mark, each known to cobra as well (for
// completion): the test above covers every one of them.
func TestEveryExclusiveGroupIsMarkedOnce(t *testing.T) {
	t.Parallel()
	var groups []string
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for g := range strings.Lines(c.Annotations[cmdutil.ExcludesAnnotation]) {
			groups = append(groups, c.Name()+": "+strings.TrimSpace(g))
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root.NewRootCmd(cmdutil.NewFactory(clitest.NewTestIO("").IOStreams, func(string) string { return "" })))
	want := []string{"invites: fake base-url", "list: all after", "list: email after", "create: project no-projects", "sync: dry-run check",
		"import: journal no-journal", "sync: journal no-journal", "journal: run last",
		"sync: check plan-out", "sync: yes plan-out", "sync: apply-plan plan-out", "sync: apply-plan check"}
	for _, flag := range planShaping {
		want = append(want, "sync: apply-plan "+strings.TrimPrefix(flag[0], "--"))
	}
	assert.ElementsMatch(t, want, groups)
}
