// sync keeps the organization true to a roster: it reads the members and
// the invites once, plans one action per roster email, pending invite and
// member (package roster), shows the plan, asks, and applies it. A plan is made
// afresh each run, so a second run finishes what an interrupted or failed
// one left, and a run after a clean one plans nothing.

package rostercmd

import (
	"context"
	"fmt"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/rosterrun"
	"github.com/goinvites/invites/roster"
	"github.com/spf13/cobra"
)

// SyncOptions are what sync runs with: the roster's options and its own
// flags.
type SyncOptions struct {
	rosterrun.RosterOptions

	DryRun        bool
	Check         bool
	Yes           bool
	RevokeMissing bool
	RemoveMembers bool
	MaxRemovals   int
	MaxDemotions  int

	// PlanOut is where a run that sends nothing saves its plan (--plan-out),
	// and ApplyPlan the saved plan a run applies instead of planning from
	// a roster (--apply-plan; "-" for stdin); "" for none. PlanMaxAge is
	// how old a plan applied may be.
	PlanOut    string
	ApplyPlan  string
	PlanMaxAge time.Duration
	// ToolVersion is the version a saved plan says made it.
	ToolVersion string
	// ManageProjects is which projects sync keeps members' access to true
	// in: those the roster names (the zero value), or every active one.
	ManageProjects     roster.ProjectScope
	MaxProjectRemovals int
}

// applies reports whether the run may send anything.
func (o *SyncOptions) applies() bool { return !o.DryRun && !o.Check && o.PlanOut == "" }

// defaultMaxRemovals is how many members a sync may remove unless
// --max-removals says otherwise: enough for a week of departures, too few
// for an HR export cut short to empty the organization.
const defaultMaxRemovals = 5

// defaultPlanMaxAge is how old a saved plan --apply-plan applies may be
// unless --plan-max-age says otherwise: a working day's review, and not
// the plan of last week, when the organization it was checked against is
// long gone.
const defaultPlanMaxAge = 24 * time.Hour

// defaultMaxDemotions is how many owners a sync may make readers unless
// --max-demotions says otherwise: owners are few, and one demotion is a
// decision; more at once is more likely a role column read wrong.
const defaultMaxDemotions = 1

// defaultMaxProjectRemovals is how many project memberships a sync may end
// unless --max-project-removals says otherwise: as many as members it may
// remove, enough for a week of moves between teams, too few for a projects
// column read wrong to lock a team out of its project.
const defaultMaxProjectRemovals = 5

func newSyncCmd(f *cmdutil.Factory, runF func(context.Context, *SyncOptions) error) *cobra.Command {
	opts := &SyncOptions{RosterOptions: rosterrun.RosterOptions{IO: f.IO, Client: f.Client}}
	var journal *rosterrun.JournalFlags
	var manageProjects string
	cmd := &cobra.Command{
		Use:   "sync (--file roster.csv | --apply-plan plan.json)",
		Short: "Make the organization match a roster: invites, roles and (with --remove-members) members",
		Long: `Make the organization match a roster file, in import's format
(email,role,projects; see invites import --help). Every row is checked first:
any invalid row is reported with its line number and nothing is sent.

sync reads the members and the invites once, whole (a page that fails stops
the run before any write), and plans one action per roster email, per
pending invite and per member:

  keep      a member with the roster's role (or a row without one), or a
            matching pending invite
  set-role  a member with another role: change it (a promotion or demotion)
  create    no member and no pending invite: one invite (an accepted
            invite counts for nothing: someone who left and comes back is
            invited again)
  resend    only expired invites for the email: one create
  replace   a pending invite with another role or projects: delete it, then
            create the roster's
  revoke    a pending invite for an email that is already a member (stale),
            a second pending invite for a roster email, or (with
            --revoke-missing) one whose email is not in the roster
  unlisted  a member, or (without --revoke-missing) a pending invite, in no
            roster row: reported, nothing sent
  remove    with --remove-members, an unlisted member: removed
  managed   a service account or SCIM-managed member the roster does not
            match: never changed or removed
  held      a removal or role change the guard rails refuse

  add-to-project       a member not in a project their projects cell names:
                       add them, with the cell's role
  set-project-role     a member with another role in a project their cell
                       names: change it
  remove-from-project  a member in a managed project their cell does not
                       name: remove them from it (they stay in the
                       organization)

Emails compare without regard to case, surrounding spaces and Unicode form.
For a pending invite, the projects cell is the projects it grants on
accepting, compared as sets; an empty cell leaves them to the
organization's default.

For a member, the projects cell is their access to the projects sync
manages: by default (--manage-projects named) the active projects some row
of the roster names, so that a project nobody wrote down is never touched;
--manage-projects all manages every active project. An empty cell leaves
the member's project access alone; none means no managed project; grants
(proj_a:member;Research:owner) are exactly the managed projects they name.
A project may be written by ID or by name; a name is resolved from the one
read of the projects, and a row naming an unknown or archived project, or a
name several active projects share, is invalid on its line: nothing is
sent. The organization's owners own every project by that role, and their
project access is never changed.

Roles come from the roster, or are not managed. A row without a role (a file
with no role column, such as an identity provider's or HR system's export,
or an empty role cell) changes no one's role: its member keeps theirs, its
pending invite is compared by projects only, and only a new invite gets
--default-role (reader unless said). --owner-where COLUMN=VALUE names the
owners of such a file by rule (see below).

Guard rails, because a removal or a demotion cannot be undone:
  - the plan is made only from complete reads of members, invites,
    projects and every managed project's members;
  - service accounts and SCIM-managed members are never changed or removed;
  - a member whose email differs from a roster email only by spaces,
    invisible characters or Unicode form is held, never removed;
  - no plan leaves the organization without an owner, nor a managed
    project without an owner of its own (the organization's owners aside):
    the demotions and removals that would are held;
  - a plan removing more than --max-removals members (default 5), making
    more than --max-demotions owners readers (default 1), or ending more
    than --max-project-removals project memberships (default 5), exits 2
    and sends nothing at all, not even its invites, saying how many and
    which flag raises the limit: raise it if the plan is right, or fix the
    roster if it was cut short or its roles or projects read wrong;
  - every removal and demotion is in the plan printed before the question,
    and in the report.

The plan is printed first (the table lists every action but keep; -o json and
-o csv list them all), then sync asks on the terminal: only when stdin and
stderr are both terminals, so that no question waits unseen in a pipe
(sync ... 2>&1 | tail). Otherwise it needs --yes; with nothing to do it
exits 0 without asking. --dry-run only
shows the plan. --check sends no write either, and exits 0 when the
organization matches the roster and 3 when it does not: any write the flags
would make, and any unlisted member or pending invite, mismatch or held
write (a departed employee, or a pending invite to one, is drift even
without --remove-members or --revoke-missing); managed members do not
count. Project access that differs is drift too, and the summary names
the projects. For cron and CI.

A dry run and a check say what the run would do, refusal included: when a
real run would refuse the plan (too many removals or demotions), their last
line says so, with the counts and the flags, and --dry-run exits 2 as the
run would; --check still exits 3, for the organization differs from the
roster all the same.

Applying keeps import's guarantees: a create is never duplicated, rate limits
are waited out, Ctrl-C starts nothing new and still writes the report. A
replace whose create fails after its delete is reported as
deleted_not_recreated; the next run creates it. --report FILE writes one row
per action with its outcome.

Saved plans, for a second pair of eyes (as terraform plan -out, then apply):
--plan-out FILE saves the plan it shows and sends nothing, --dry-run or
not: the roster's path and SHA-256, the flags that shaped the plan, each
action, what the organization held for each email the plan writes to, the
tool's version and the time; JSON, never the key. A plan a real run would
refuse (too many removals or demotions) is not saved. --apply-plan FILE
reads the organization again, whole, and applies exactly the saved actions
if nothing they touch has changed since; otherwise it exits 2, sends
nothing, and names each change (a member's role, an invite accepted or
deleted, a new member or invite for an email the plan writes to). A plan
older than --plan-max-age (default 24h) or of another format version is
refused. The plan is applied within its own --max-removals and
--max-demotions, shown, and asked about as any sync (--yes without a
terminal; --dry-run only shows it). The roster need not be there any more:
what was approved is the plan, and the run only says whether the file at
its path has changed since. --apply-plan takes neither --file nor any flag
that shapes a plan.

The journal: each write is appended to a journal before it is sent, and its
outcome once known, each line synced to disk, so that a run killed with
SIGKILL still leaves a true record of what it sent and what answered
(invites journal shows it). It is $INVITES_JOURNAL, else journal.jsonl
under the user's state directory (see --journal), unless --journal FILE or
--no-journal. A journal that cannot be written stops the run before
anything is sent.

Exits 0 when every action was carried out, 1 when any failed or was held (or
the journal failed), 2 for an invalid file, usage, a refusal to apply
without confirmation, too many removals, demotions or removals from projects (a dry run of
such a plan too), or a saved plan refused (changed since, too old, another
format), 3 for --check with drift, 130 when interrupted.`,
		Example: `  invites sync --file team.csv --dry-run
  invites sync --file team.csv --manage-projects all --max-project-removals 10 --dry-run
  invites sync --file team.csv --revoke-missing --remove-members --report sync-report.csv
  invites sync --file team.csv --remove-members --max-removals 20 --yes
  invites sync --file users.csv --owner-where "Department=IT" --remove-members --dry-run
  invites sync --file team.csv --check || case $? in 3) alert "the organization drifted";; *) alert "sync failed";; esac
  invites sync --file team.csv --revoke-missing --plan-out plan.json   # review plan.json, then:
  invites sync --apply-plan plan.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			scope, err := roster.ParseProjectScope(manageProjects)
			if err != nil {
				return cmdutil.Usagef("--manage-projects %q: want named or all", manageProjects)
			}
			opts.Output, opts.ManageProjects, opts.ToolVersion = f.Output(), scope, f.AppVersion
			if cmd.Flags().Changed("plan-max-age") && opts.ApplyPlan == "" {
				return cmdutil.Usagef("--plan-max-age limits the age of the plan --apply-plan applies: give it with --apply-plan")
			}
			if err := journal.Resolve(cmd); err != nil {
				return err
			}
			return runF(cmd.Context(), opts)
		},
	}
	rosterrun.AddRosterFlags(cmd, &opts.RosterOptions, "actions applied")
	journal = rosterrun.AddJournalFlags(cmd, f, &opts.RosterOptions)
	fs := cmd.Flags()
	fs.Lookup("file").Usage = `the roster: a CSV file or an export ("-" for stdin) (required, unless --apply-plan)`
	fs.BoolVar(&opts.DryRun, "dry-run", false, "show the plan, send nothing")
	fs.BoolVar(&opts.Check, "check", false, "send nothing; exit 3 if any action is pending, 0 if none")
	fs.BoolVarP(&opts.Yes, "yes", "y", false, "apply without asking")
	fs.BoolVar(&opts.RevokeMissing, "revoke-missing", false, "delete pending invites whose email is not in the roster")
	fs.BoolVar(&opts.RemoveMembers, "remove-members", false, "remove members whose email is not in the roster (never service accounts or SCIM-managed members)")
	fs.IntVar(&opts.MaxRemovals, maxRemovalsFlag, defaultMaxRemovals, "refuse, sending nothing, a plan that removes more members than this")
	fs.IntVar(&opts.MaxDemotions, maxDemotionsFlag, defaultMaxDemotions, "refuse, sending nothing, a plan that makes more owners readers than this")
	fs.StringVar(&opts.PlanOut, "plan-out", "", "save the plan to `FILE`, for review and for --apply-plan; sends nothing, as --dry-run")
	fs.StringVar(&opts.ApplyPlan, "apply-plan", "", "apply exactly the plan saved in `FILE` by --plan-out (\"-\" for stdin), if nothing it touches has changed")
	opts.PlanMaxAge = defaultPlanMaxAge
	fs.Var(cmdutil.NewAgeValue(&opts.PlanMaxAge), "plan-max-age", fmt.Sprintf("with --apply-plan, refuse a plan made longer ago than this: hours, days or weeks (default %.0fh)", defaultPlanMaxAge.Hours()))
	fs.StringVar(&manageProjects, "manage-projects", roster.ScopeNamed.String(), "the projects whose members' access is kept true: named (those the roster names) or all (every active one)")
	fs.IntVar(&opts.MaxProjectRemovals, maxProjectRemovalsFlag, defaultMaxProjectRemovals, "refuse, sending nothing, a plan that removes members from projects more times than this")
	_ = cmd.RegisterFlagCompletionFunc("manage-projects", cobra.FixedCompletions([]string{roster.ScopeNamed.String(), roster.ScopeAll.String()}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagFilename("apply-plan", "json")
	_ = cmd.MarkFlagFilename("plan-out", "json")
	cmdutil.ExcludeEachOther(cmd, "dry-run", "check")
	cmdutil.ExcludeEachOther(cmd, "check", "plan-out")
	cmdutil.ExcludeEachOther(cmd, "yes", "plan-out")
	cmdutil.ExcludeEachOther(cmd, "apply-plan", "plan-out")
	cmdutil.ExcludeEachOther(cmd, "apply-plan", "check")
	// A saved plan is applied as it was made: what shaped it cannot be
	// given again.
	cmdutil.ExcludeEachOther(cmd, "apply-plan", "file")
	for _, p := range planShaping {
		cmdutil.ExcludeEachOther(cmd, "apply-plan", p.flag)
	}
	return cmd
}

// RunSync plans the roster against the organization (or takes a saved
// plan, bound to a fresh read of it), shows the plan, asks, applies it and
// reports every row.
func RunSync(ctx context.Context, opts *SyncOptions) error {
	if opts.ApplyPlan != "" {
		return runSavedPlan(ctx, opts)
	}
	if opts.File == "" {
		return cmdutil.Usagef("give --file ROSTER, the roster to plan from (or --apply-plan FILE, a plan saved with --plan-out)")
	}
	if opts.PlanOut == "-" {
		return cmdutil.Usagef("--plan-out -: give a file to save the plan in (the plan is shown on stdout)")
	}
	if err := rosterrun.CheckWritable("--plan-out", opts.PlanOut); err != nil {
		return err
	}
	rows, name, err := rosterrun.ReadRoster(&opts.RosterOptions)
	if err != nil {
		return err
	}
	limits, err := opts.limits()
	if err != nil {
		return err
	}
	run := rosterrun.New(&opts.RosterOptions, rows, name, "Synced", roster.PlanOptions{RevokeMissing: opts.RevokeMissing, RemoveMembers: opts.RemoveMembers, ManageProjects: opts.ManageProjects})
	run.Limits = limits
	run.Summary.TellsScope = true
	if err := run.RefuseInvalid(false, ""); err != nil {
		return err
	}
	c, err := run.Connect(ctx, opts.applies())
	if err != nil {
		return err
	}
	if err := run.MakePlan(ctx, c); err != nil {
		return err
	}
	return conclude(ctx, opts, run, c)
}

// limits are the limits --max-removals and --max-demotions set.
func (o *SyncOptions) limits() (roster.Limits, error) {
	for flag, n := range map[string]int{"--" + maxRemovalsFlag: o.MaxRemovals, "--" + maxDemotionsFlag: o.MaxDemotions, "--" + maxProjectRemovalsFlag: o.MaxProjectRemovals} {
		if n < 0 {
			return roster.Limits{}, cmdutil.Usagef("%s %d: give 0 or more", flag, n)
		}
	}
	return roster.Limits{MaxRemovals: o.MaxRemovals, MaxDemotions: o.MaxDemotions, MaxProjectRemovals: o.MaxProjectRemovals}, nil
}

// conclude ends every sync once its plan is made, from a roster or a
// saved plan: the plan is saved (--plan-out), checked against its limits,
// shown and, in a run that applies, asked about and applied; then the run
// is accounted for.
func conclude(ctx context.Context, opts *SyncOptions, run *rosterrun.Run, c *client.Client) error {
	s := run.Summary
	switch {
	case opts.Check:
		s.Mode = rosterrun.ModeCheck
	case !opts.applies():
		s.Mode = rosterrun.ModeDryRun
	}
	// A dry run and a check say what a real run would meet, its refusal
	// included (see Finish); a plan that would be refused is not saved.
	s.Refusal, s.RefusalAdvice = refusalOf(run.Limits.Check(run.Actions()))
	if opts.PlanOut != "" && !s.Interrupted {
		s.PlanOut = opts.PlanOut
		if s.Refusal == "" {
			if err := savePlan(opts, run); err != nil {
				return err
			}
		}
	}
	if s.Mode == rosterrun.ModeApply && s.Writes() > 0 {
		if s.Refusal != "" {
			return refuse(opts, run)
		}
		confirmed, err := confirmSync(opts, s)
		if err != nil || !confirmed {
			return err
		}
		run.Apply(ctx, c)
	}
	return run.Finish()
}

// confirmSync shows the plan and, unless --yes, asks on the terminal
// whether to apply it.
func confirmSync(opts *SyncOptions, s *rosterrun.Summary) (bool, error) {
	ios := opts.IO
	if opts.Yes {
		if opts.Output != "table" {
			return true, nil
		}
		return true, s.PrintPlan(ios.Out)
	}
	if !ios.CanPrompt() {
		if err := s.PrintPlan(ios.ErrOut); err != nil {
			return false, err
		}
		return false, ios.RefuseWithoutPrompt("change the organization", "pass --yes (or --dry-run to only see the plan)")
	}
	// On the terminal the plan goes with the question; stdout keeps the
	// outcome in the format asked for.
	w := ios.Out
	if opts.Output != "table" {
		w = ios.ErrOut
	}
	if err := s.PrintPlan(w); err != nil {
		return false, err
	}
	yes, err := ios.Confirm(fmt.Sprintf("Apply these %d change(s)?", s.Writes()))
	if err == nil && !yes {
		fmt.Fprintln(ios.ErrOut, "Nothing changed.")
	}
	return yes, err
}
