// demo is the offline tour behind `make demo`: the real commands, run
// in-process against an embedded fake that misbehaves on cue, with every
// claim in the commentary read back from the fake's own counters.

package fakecmd

import (
	"context"
	_ "embed"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

//go:embed testdata/team.csv
var demoTeamCSV string

// demoBadCSV shows validation: every mistake reported, nothing sent.
const demoBadCSV = "email,role,projects\nbarbara@example,reader,\ngrace@example.com,admin,\nedsger@example.com,reader,proj_x\n"

// demoRoster is the HR roster a week after the prune: barbara is still
// wanted (her invite expired), grace becomes an owner of proj_apollo,
// edsger joins; linus, invited meanwhile, has left and is not in it.
const demoRoster = "email,role,projects\nada@example.com,reader,\nbarbara@example.com,reader,\ngrace@example.com,owner,proj_apollo:owner\nedsger@example.com,reader,\n"

// demoMembersRoster is HR's roster a month on: ada is promoted to owner,
// edsger has left, and the people who joined through SSO are listed.
const demoMembersRoster = "email,role\nada@example.com,owner\ngrace@example.com,owner\nbarbara@example.com,reader\n" +
	"dennis@example.com,reader\nfrances@example.com,reader\nivan@example.com,reader\nken@example.com,reader\nniklaus@example.com,reader\ntony@example.com,reader\n"

// demoReviewedRoster is HR's roster later still: ken becomes an owner, and
// hedy joins. Its plan is saved for review, and ken made an owner by hand
// before it is applied.
const demoReviewedRoster = "email,role\nada@example.com,owner\ngrace@example.com,owner\nbarbara@example.com,reader\n" +
	"dennis@example.com,reader\nfrances@example.com,reader\nivan@example.com,reader\nken@example.com,owner\nniklaus@example.com,reader\ntony@example.com,reader\nhedy@example.com,reader\n"

// demoCutShort is the same export stopped after two rows: planned as it
// stands, it would remove everyone else.
const demoCutShort = "email,role\nada@example.com,owner\ngrace@example.com,owner\n"

// demoSSO are members who joined through single sign-on: no invite on
// record.
var demoSSO = []string{"dennis", "frances", "ivan", "ken", "niklaus", "tony"}

// demoProjects are the projects the tour's files grant: an organization
// holds the projects its invites name, and import and sync refuse a row
// naming one it does not.
var demoProjects = []fake.Project{{ID: "proj_apollo", Name: "Apollo"}, {ID: "proj_enigma", Name: "Enigma"}}

// demoRetryAfter is the wait the fake's scripted 429 asks for: long enough to
// see, short enough for a tour that finishes in seconds.
const demoRetryAfter = 700 * time.Millisecond

// CommandLine runs one invites command line in-process and returns its
// exit code: the root's Run, which the demo is given rather than imports,
// since the root adds the demo.
type CommandLine func(ctx context.Context, args []string, ios *cmdutil.IOStreams, getenv func(string) string) int

// DemoOptions are what demo runs with: its streams, and the command line
// it runs each step of the tour with.
type DemoOptions struct {
	IO  *cmdutil.IOStreams
	Run CommandLine
}

func newDemoCmd(f *cmdutil.Factory, run CommandLine, runF func(context.Context, *DemoOptions) error) *cobra.Command {
	opts := &DemoOptions{IO: f.IO, Run: run}
	return &cobra.Command{
		Use:   "demo",
		Short: "A scripted tour of every command against an offline fake (no key, no network)",
		Args:  cobra.NoArgs,
		RunE:  func(cmd *cobra.Command, _ []string) error { return runF(cmd.Context(), opts) },
	}
}

type demo struct {
	ctx     context.Context
	srv     *fake.Server
	out     io.Writer
	invites CommandLine
	dir     string // the tour's journal and saved plan
	step    int
	code    int // the exit code of the last command run
}

// RunDemo runs the tour against a fake of its own, in this process.
func RunDemo(ctx context.Context, opts *DemoOptions) error {
	srv, err := fake.Start("127.0.0.1:0", fake.WithFaults(fake.Faults{RetryAfter: demoRetryAfter}), fake.WithProjects(demoProjects...))
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer srv.Close()
	// The tour's journal and saved plan are its own, gone when it ends: the
	// writes to its fake are no record of a real organization's.
	dir, err := os.MkdirTemp("", "invites-demo-*")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer os.RemoveAll(dir)
	d := &demo{ctx: ctx, srv: srv, out: opts.IO.Out, invites: opts.Run, dir: dir}
	d.say("invites demo: a tour of the CLI against a fake Invites API running in this process,")
	d.say("at %s. No key, no network; the fake misbehaves on cue.", srv.URL())

	steps := []func() error{d.createAndList, d.rejectBadFile, d.importTeam, d.importAgain, d.pruneAfterAWeek, d.syncRoster, d.syncMembers, d.reviewedPlan}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	d.header("Next, with a real key")
	d.say(`  export OPENAI_ADMIN_KEY=sk-admin-...        # an Admin API key; or --api-key-file FILE
  invites list --status pending --all
  invites import --file team.csv --dry-run     # check the file and see what would be sent
  invites import --file team.csv --report report.csv
  invites prune --older-than 30d
  invites export > roster.csv                  # the invites as a roster, to edit
  invites sync --file roster.csv --revoke-missing --dry-run
  invites sync --file roster.csv --check       # in cron: exit 3 when the organization drifts
  invites sync --file roster.csv --remove-members --dry-run   # who would be removed
  invites sync --file roster.csv --plan-out plan.json         # for review; then:
  invites sync --apply-plan plan.json
  invites journal                              # what each run sent, and what answered
The Admin API allows a few requests a minute: a large import takes minutes, waits out
its rate limits, and can be re-run safely. To keep trying offline, add --fake to any
command: its invites persist between commands in your cache directory.`)
	return nil
}

func (d *demo) createAndList() error {
	d.header("Invite two people, then list the invites")
	if err := d.run("", "create", "ada@example.com", "--role", "reader"); err != nil {
		return err
	}
	if err := d.run("", "create", "grace@example.com", "--role", "owner", "--project", "proj_apollo:owner"); err != nil {
		return err
	}
	return d.run("", "list")
}

func (d *demo) rejectBadFile() error {
	d.header("A file with mistakes is rejected whole, with line numbers")
	d.say("$ cat bad.csv\n%s", demoBadCSV)
	before := d.srv.Stats().Total
	if err := d.runAs("invites import --file - < bad.csv", demoBadCSV, "import", "--file", "-"); err != nil {
		return err
	}
	d.say("(requests the fake received for that: %d)", d.srv.Stats().Total-before)
	return nil
}

func (d *demo) importTeam() error {
	d.header("Onboard a team from a CSV file")
	d.say("$ cat team.csv\n%s", demoTeamCSV)
	d.say("On cue, the fake answers the first create request with 429 (rate limited, the wait only in")
	d.say("the message); the third (the row after the retried one) it carries out but answers 500, as if")
	d.say("the answer were lost.")
	d.srv.FailNth(http.MethodPost, fake.FaultRateLimit, 1)
	d.srv.FailNth(http.MethodPost, fake.FaultAmbiguousError, 3)
	before := d.srv.Stats()
	if err := d.runAs("invites import --file - < team.csv", demoTeamCSV, "import", "--file", "-"); err != nil {
		return err
	}
	after := d.srv.Stats()
	d.say("What the fake saw:")
	d.say("  creates answered 429: %d, answered 500 after creating the invite: %d, answered 200: %d",
		after.Count(http.MethodPost, http.StatusTooManyRequests)-before.Count(http.MethodPost, http.StatusTooManyRequests),
		after.Count(http.MethodPost, http.StatusInternalServerError)-before.Count(http.MethodPost, http.StatusInternalServerError),
		after.Count(http.MethodPost, http.StatusOK)-before.Count(http.MethodPost, http.StatusOK))
	var counts []string
	for _, email := range demoEmails() {
		counts = append(counts, fmt.Sprintf("%s %d", strings.TrimSuffix(email, "@example.com"), d.srv.CreatedFor(email)))
	}
	d.say("  invites ever created per email: %s", strings.Join(counts, ", "))
	return nil
}

func (d *demo) importAgain() error {
	d.header("Run the same import again: nothing left to do, so nothing is sent twice")
	return d.runAs("invites import --file - -o csv < team.csv", demoTeamCSV, "import", "--file", "-", "-o", "csv")
}

func (d *demo) pruneAfterAWeek() error {
	d.header("Eight days later: clean up the invites that expired")
	ada := d.inviteID("ada@example.com")
	if err := d.srv.Accept(ada); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	d.srv.Advance(8 * 24 * time.Hour)
	d.say("(ada accepted her invite; the fake's clock moved 8 days on; one more person is invited)")
	if err := d.run("", "create", "barbara@example.com", "--role", "reader"); err != nil {
		return err
	}
	if err := d.run("", "prune", "--dry-run"); err != nil {
		return err
	}
	if err := d.run("", "prune", "--yes"); err != nil {
		return err
	}
	d.say("Accepted invites are never pruned, and the new one is still pending:")
	return d.run("", "list")
}

func (d *demo) syncRoster() error {
	d.header("A week on: keep the invites true to HR's roster with sync")
	d.srv.Advance(8 * 24 * time.Hour)
	for _, email := range []string{"grace@example.com", "linus@example.com"} {
		if err := d.quiet("create", email, "--role", "reader"); err != nil {
			return err
		}
	}
	d.say("(barbara's invite expired unanswered; grace and linus were invited as readers since)")
	d.say("$ cat roster.csv   # grace becomes an owner of proj_apollo, edsger joins, linus left\n%s", demoRoster)
	const shown = "invites sync --file - --revoke-missing"
	args := []string{"sync", "--file", "-", "--revoke-missing"}
	if err := d.runAs(shown+" --check < roster.csv", demoRoster, append(args, "--check")...); err != nil {
		return err
	}
	d.say("On cue, the fake carries out the first create but answers 500, answers the first delete")
	d.say("429 (the wait only in the message), and drops the answer to the second, carried out.")
	d.srv.FailNth(http.MethodPost, fake.FaultAmbiguousError, 1)
	d.srv.FailNth(http.MethodDelete, fake.FaultRateLimit, 1)
	d.srv.FailNth(http.MethodDelete, fake.FaultAmbiguousDrop, 2)
	before := d.srv.Stats()
	if err := d.runAs(shown+" --yes < roster.csv", demoRoster, append(args, "--yes")...); err != nil {
		return err
	}
	after := d.srv.Stats()
	delta := func(method string, status int) int { return after.Count(method, status) - before.Count(method, status) }
	d.say("What the fake saw:")
	d.say("  creates answered 500 after creating the invite: %d; deletes answered 429: %d, dropped after deleting: %d",
		delta(http.MethodPost, http.StatusInternalServerError), delta(http.MethodDelete, http.StatusTooManyRequests), delta(http.MethodDelete, 0))
	pending := map[string]int{}
	for _, inv := range d.srv.Invites() {
		if inv.Status == "pending" {
			pending[inv.Email]++
		}
	}
	var counts []string
	for _, email := range []string{"barbara@example.com", "grace@example.com", "edsger@example.com", "linus@example.com"} {
		counts = append(counts, fmt.Sprintf("%s %d, %d pending", strings.TrimSuffix(email, "@example.com"),
			after.Created[email]-before.Created[email], pending[email]))
	}
	d.say("  invites created by the sync, and pending now, per email: %s", strings.Join(counts, "; "))
	if err := d.runAs(shown+" --check < roster.csv", demoRoster, append(args, "--check")...); err != nil {
		return err
	}
	d.say("(exit status %d: the invites match the roster)", d.code)
	return nil
}

func (d *demo) syncMembers() error {
	d.header("Members: accepted invites become members, and sync keeps them true to the roster")
	for _, email := range []string{"grace@example.com", "edsger@example.com"} {
		if err := d.srv.Accept(d.pendingID(email)); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	for _, name := range demoSSO {
		if _, err := d.srv.AddMember(fake.Member{Email: name + "@example.com", Role: "reader"}); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
	}
	if _, err := d.srv.AddMember(fake.Member{Name: "CI", Role: "owner", ServiceAccount: true}); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	d.say("(grace and edsger accepted their invites and are members now, as ada is; %d people joined", len(demoSSO))
	d.say("through single sign-on with no invite on record; a service account runs CI)")
	if err := d.run("", "export"); err != nil {
		return err
	}
	d.say("$ cat roster.csv   # a month on: ada becomes an owner, edsger has left\n%s", demoMembersRoster)
	const shown = "invites sync --file - --remove-members"
	args := []string{"sync", "--file", "-", "--remove-members"}
	if err := d.runAs(shown+" --check < roster.csv", demoMembersRoster, append(args, "--check")...); err != nil {
		return err
	}
	d.say("On cue, the fake changes ada's role but drops the answer, and answers the removal 429.")
	d.srv.FailNextAt(fake.EndpointModifyUser, fake.FaultAmbiguousDrop, 1)
	d.srv.FailNextAt(fake.EndpointDeleteUser, fake.FaultRateLimit, 1)
	if err := d.runAs(shown+" --yes < roster.csv", demoMembersRoster, append(args, "--yes")...); err != nil {
		return err
	}
	ada, _ := d.srv.MemberByEmail("ada@example.com")
	var removed []string
	for _, m := range d.srv.RemovedMembers() {
		removed = append(removed, m.Email)
	}
	d.say("What the fake holds: ada is %s; removed: %s; members left: %d (the service account among them)",
		ada.Role, strings.Join(removed, ", "), len(d.srv.Members()))

	d.header("The guard rails: an HR export cut short removes no one")
	d.say("$ cat cut-short.csv   # the export stopped after two rows\n%s", demoCutShort)
	before := d.srv.Stats()
	if err := d.runAs(shown+" --yes < cut-short.csv", demoCutShort, append(args, "--yes")...); err != nil {
		return err
	}
	after := d.srv.Stats()
	writes := after.Total - before.Total - (after.CountAt(fake.EndpointListUsers, http.StatusOK) - before.CountAt(fake.EndpointListUsers, http.StatusOK)) -
		(after.CountAt(fake.EndpointListInvites, http.StatusOK) - before.CountAt(fake.EndpointListInvites, http.StatusOK))
	d.say("(requests the fake received for that: %d, all of them reads; writes: %d; members removed: %d)",
		after.Total-before.Total, writes, len(d.srv.RemovedMembers())-len(removed))
	if err := d.runAs(shown+" --check < roster.csv", demoMembersRoster, append(args, "--check")...); err != nil {
		return err
	}
	d.say("(exit status %d: the organization matches the roster)", d.code)
	return nil
}

// reviewedPlan saves a plan for review, has it refused when what it
// touches changes by hand, applies the plan made again, and shows what the
// journal kept of every run of the tour.
func (d *demo) reviewedPlan() error {
	d.header("Review first, then apply exactly what was reviewed; the journal of every write")
	plan := filepath.Join(d.dir, "plan.json")
	d.say("$ cat roster.csv   # later still: ken becomes an owner, hedy joins\n%s", demoReviewedRoster)
	const shown = "invites sync --file - --remove-members --plan-out plan.json < roster.csv"
	args := []string{"sync", "--file", "-", "--remove-members", "--plan-out", plan}
	if err := d.runAs(shown, demoReviewedRoster, args...); err != nil {
		return err
	}
	d.say("(plan.json holds the plan, the roster's digest, the flags and what the organization held")
	d.say("for ken and hedy; a colleague reviews it. Meanwhile someone makes ken an owner by hand:)")
	if err := d.quiet("users", "set-role", "ken@example.com", "owner"); err != nil {
		return err
	}
	before := d.srv.Stats()
	if err := d.runAs("invites sync --apply-plan plan.json --yes", "", "sync", "--apply-plan", plan, "--yes"); err != nil {
		return err
	}
	d.say("(requests the fake received for that: %d, all of them reads)", d.srv.Stats().Total-before.Total)
	if err := d.runAs(shown, demoReviewedRoster, args...); err != nil {
		return err
	}
	if err := d.runAs("invites sync --apply-plan plan.json --yes", "", "sync", "--apply-plan", plan, "--yes"); err != nil {
		return err
	}
	d.say("Every write of the tour was journaled as it went out, and its answer as it came:")
	if err := d.runAs("invites journal", "", "journal"); err != nil {
		return err
	}
	return d.runAs("invites journal --run last", "", "journal", "--run", "last")
}

// pendingID is the ID of email's pending invite, "" if none.
func (d *demo) pendingID(email string) string {
	for _, inv := range d.srv.Invites() {
		if inv.Email == email && inv.Status == "pending" {
			return inv.ID
		}
	}
	return ""
}

// quiet runs an invites command against the fake without showing it: set
// up that the commentary tells.
func (d *demo) quiet(args ...string) error {
	if code := d.invites(d.ctx, args, cmdutil.NewStreams(strings.NewReader(""), io.Discard, io.Discard), d.env); code != cmdutil.ExitOK {
		return fmt.Errorf("demo: invites %s: exit status %d", strings.Join(args, " "), code)
	}
	return nil
}

// env is the environment the demo's commands run in: the fake's URL and
// key, and the tour's journal.
func (d *demo) env(name string) string {
	return map[string]string{client.EnvAPIKey: d.srv.Key(), client.EnvBaseURL: d.srv.URL(),
		cmdutil.JournalEnv: filepath.Join(d.dir, "journal.jsonl")}[name]
}

func demoEmails() []string {
	var emails []string
	for _, line := range strings.Split(strings.TrimSpace(demoTeamCSV), "\n")[1:] {
		email, _, _ := strings.Cut(line, ",")
		emails = append(emails, email)
	}
	return emails
}

func (d *demo) inviteID(email string) string {
	for _, inv := range d.srv.Invites() {
		if inv.Email == email {
			return inv.ID
		}
	}
	return ""
}

func (d *demo) header(title string) {
	d.step++
	d.say("\n== %d. %s", d.step, title)
}

func (d *demo) say(format string, args ...any) {
	fmt.Fprintf(d.out, format+"\n", args...)
}

// run runs one invites command, shown as typed, against the fake.
func (d *demo) run(stdin string, args ...string) error {
	return d.runAs("invites "+strings.Join(args, " "), stdin, args...)
}

// runAs runs args, shown as shown. Its stdout and stderr both go to the
// demo's stdout, so the transcript reads in order. Only an interrupt stops
// the tour; any other exit status is shown, as the tour expects some.
func (d *demo) runAs(shown, stdin string, args ...string) error {
	d.say("$ %s", shown)
	code := d.invites(d.ctx, args, cmdutil.NewStreams(strings.NewReader(stdin), d.out, d.out), d.env)
	d.code = code
	if code == cmdutil.ExitInterrupted || d.ctx.Err() != nil {
		return &cmdutil.SilentExit{Code: cmdutil.ExitInterrupted}
	}
	if code != cmdutil.ExitOK {
		d.say("(exit status %d)", code)
	}
	return nil
}
