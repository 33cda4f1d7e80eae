package fakecmd_test

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDemoTellsWhatHappened(t *testing.T) {
	t.Parallel()
	r := clitest.CLI{}.Run(t, "demo")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Empty(t, r.Stderr)
	out := r.Stdout
	for _, want := range []string{
		"(requests the fake received for that: 0)",
		`stdin:2: invalid email "barbara@example"`,
		"Imported stdin: 4 done, 1 unchanged, 0 failed.",
		"5 write request(s) sent, 1 wait(s) for a rate limit (429).",
		cmdutil.RateLimitNotice,
		"linus@example.com: created invite-",
		"creates answered 429: 1, answered 500 after creating the invite: 1, answered 200: 3",
		"invites ever created per email: ada 1, linus 1, margaret 1, alan 1, katherine 1",
		"but the invite was made: found by looking, not sent again",
		"Dry run: would delete 5 invite(s); nothing was deleted.",
		"export OPENAI_ADMIN_KEY=",
		"Check: 4 action(s) pending; nothing was sent.",
		"Plan for stdin: 1 create, 1 resend, 1 replace, 1 revoke, 1 keep.",
		"linus@example.com: revoked invite-",
		"Synced stdin: 4 done, 1 unchanged, 0 failed.",
		"creates answered 500 after creating the invite: 1; deletes answered 429: 1, dropped after deleting: 1",
		"per email: barbara 1, 1 pending; grace 1, 1 pending; edsger 1, 1 pending; linus 0, 0 pending",
		"(exit status 0: the invites match the roster)",
		// Members: an accepted invite makes one, a promotion, a departure,
		// and the guard refusing a cut-short roster.
		"grace@example.com,owner,\n",
		"Plan for stdin: 1 set-role, 1 remove, 1 managed, 8 keep.\nCheck: 2 action(s) pending; nothing was sent.",
		"line 2 ada@example.com: role set user-",
		"edsger@example.com: removed user-",
		"What the fake holds: ada is owner; removed: edsger@example.com; members left: 9 (the service account among them)",
		"refusing to sync: the plan removes 6 members, more than --max-removals 5; nothing was sent.",
		"(requests the fake received for that: 2, all of them reads; writes: 0; members removed: 0)",
		"Nothing to do: the organization matches the roster.\n1 service account(s) or SCIM-managed member(s) were left to what manages them.\n(exit status 0: the organization matches the roster)",
		// A saved plan refused when what it touches changed by hand, one
		// made again and applied, and the journal of every run.
		"Plan for stdin: 1 create, 1 set-role, 1 managed, 8 keep.\nDry run: 2 action(s) would be applied; nothing was sent.\n",
		"The organization changed since the plan was made, in 1 thing(s) the plan touches:\n  member ken@example.com: role reader -> owner (the plan: set-role)\n",
		"nothing was sent. Make a new plan, and have it reviewed again\n(exit status 2)\n(requests the fake received for that: 2, all of them reads)\n",
		"plan.json: nothing the plan touches has changed since it was made.\n",
		"Synced stdin: 1 done, 10 unchanged, 0 failed.\n",
		"4 of 4 run(s) in ",
	} {
		assert.Contains(t, out, want)
	}
	assert.Len(t, regexp.MustCompile(`(?m)^deleted\s+invite-`).FindAllString(out, -1), 5)
	assert.Len(t, regexp.MustCompile(`(?m)^\d+,\S+@example.com,keep,invite-\w+,pending invite matches,.*,unchanged,,,,,,,$`).FindAllString(out, -1), 5, "the re-run keeps every row")
	assert.Regexp(t, `(?m)^4\s+replace\s+grace@example.com\s+invite-\S+\s+owner\s+proj_apollo:owner\s+pending invite differs: role reader -> owner`, out)
	assert.Regexp(t, `(?m)^\S+ \S+\s+create-invite\s+create\s+hedy@example.com\s+invite-\S+\s+reader\s+done\s+200\s+1\s+req_\w+$`, out, "the journal of the last run")
	last := out[strings.LastIndex(out, "$ invites list"):]
	assert.Regexp(t, `barbara@example.com\s+reader\s+pending`, last)
	assert.Regexp(t, `ada@example.com\s+reader\s+accepted`, last)
	assert.NotContains(t, last[:strings.Index(last, "== ")], "linus@")
}

func TestDemoStopsOnInterrupt(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	r := clitest.CLI{Ctx: ctx}.Run(t, "demo")
	assert.Equal(t, cmdutil.ExitInterrupted, r.Code)
	assert.NotContains(t, r.Stdout, "Next, with a real key")
}
