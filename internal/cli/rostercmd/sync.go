// sync keeps the organization true to a roster: it reads the members and
// the invites once, plans one action per roster email, pending invite and
// member (package roster), shows the plan, asks, and applies it. A plan is made
// afresh each run, so a second run finishes what an interrupted or failed
// one left, and a run after a clean one plans nothing.

package rostercmd

import (
	"context"
	"fmt"

	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/roster"
	"github.com/spf13/cobra"
)

// SyncOptions are what sync runs with: the roster's options and its own
// flags.
type SyncOptions struct {
	RosterOptions

	DryRun        bool
	Check         bool
	Yes           bool
	RevokeMissing bool
	RemoveMembers bool
	MaxRemovals   int
	MaxDemotions  int
	// ManageProjects is which projects sync keeps members' access to true
	// in: those the roster names (the zero value), or every active one.
	ManageProjects     roster.ProjectScope
	MaxProjectRemovals int
}

// defaultMaxRemovals is how many members a sync may remove unless
// --max-removals says otherwise: enough for a week of departures, too few
// for an HR export cut short to empty the organization.
const defaultMaxRemovals = 5

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
	opts := &SyncOptions{RosterOptions: RosterOptions{IO: f.IO, Client: f.Client}}
	var manageProjects string
	cmd := &cobra.Command{
		Use:   "sync --file roster.csv",
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
-o csv list them all), then sync asks on the terminal. Without a terminal it
needs --yes; with nothing to do it exits 0 without asking. --dry-run only
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

Exits 0 when every action was carried out, 1 when any failed or was held, 2
for an invalid file, usage, a refusal to apply without confirmation or too
many removals, demotions or removals from projects (a dry run of such a
plan too), 3 for --check
with drift, 130 when interrupted.`,
		Example: `  invites sync --file team.csv --dry-run
  invites sync --file team.csv --manage-projects all --max-project-removals 10 --dry-run
  invites sync --file team.csv --revoke-missing --remove-members --report sync-report.csv
  invites sync --file team.csv --remove-members --max-removals 20 --yes
  invites sync --file users.csv --owner-where "Department=IT" --remove-members --dry-run
  invites sync --file team.csv --check || case $? in 3) alert "the organization drifted";; *) alert "sync failed";; esac`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			scope, err := roster.ParseProjectScope(manageProjects)
			if err != nil {
				return cmdutil.Usagef("--manage-projects %q: want named or all", manageProjects)
			}
			opts.Output, opts.ManageProjects = f.Output(), scope
			return runF(cmd.Context(), opts)
		},
	}
	addRosterFlags(cmd, &opts.RosterOptions, "actions applied")
	fs := cmd.Flags()
	fs.BoolVar(&opts.DryRun, "dry-run", false, "show the plan, send nothing")
	fs.BoolVar(&opts.Check, "check", false, "send nothing; exit 3 if any action is pending, 0 if none")
	fs.BoolVarP(&opts.Yes, "yes", "y", false, "apply without asking")
	fs.BoolVar(&opts.RevokeMissing, "revoke-missing", false, "delete pending invites whose email is not in the roster")
	fs.BoolVar(&opts.RemoveMembers, "remove-members", false, "remove members whose email is not in the roster (never service accounts or SCIM-managed members)")
	fs.IntVar(&opts.MaxRemovals, "max-removals", defaultMaxRemovals, "refuse, sending nothing, a plan that removes more members than this")
	fs.IntVar(&opts.MaxDemotions, "max-demotions", defaultMaxDemotions, "refuse, sending nothing, a plan that makes more owners readers than this")
	fs.StringVar(&manageProjects, "manage-projects", roster.ScopeNamed.String(), "the projects whose members' access is kept true: named (those the roster names) or all (every active one)")
	fs.IntVar(&opts.MaxProjectRemovals, "max-project-removals", defaultMaxProjectRemovals, "refuse, sending nothing, a plan that removes members from projects more times than this")
	_ = cmd.RegisterFlagCompletionFunc("manage-projects", cobra.FixedCompletions([]string{roster.ScopeNamed.String(), roster.ScopeAll.String()}, cobra.ShellCompDirectiveNoFileComp))
	cmdutil.ExcludeEachOther(cmd, "dry-run", "check")
	return cmd
}

// RunSync plans the roster against the organization, shows the plan, asks,
// applies it and reports every row.
func RunSync(ctx context.Context, opts *SyncOptions) error {
	rows, name, err := readRoster(&opts.RosterOptions)
	if err != nil {
		return err
	}
	for flag, n := range map[string]int{"--max-removals": opts.MaxRemovals, "--max-demotions": opts.MaxDemotions, "--max-project-removals": opts.MaxProjectRemovals} {
		if n < 0 {
			return cmdutil.Usagef("%s %d: give 0 or more", flag, n)
		}
	}
	run := newRosterRun(&opts.RosterOptions, rows, name, "Synced", roster.PlanOptions{RevokeMissing: opts.RevokeMissing, RemoveMembers: opts.RemoveMembers, ManageProjects: opts.ManageProjects})
	run.limits = roster.Limits{MaxRemovals: opts.MaxRemovals, MaxDemotions: opts.MaxDemotions, MaxProjectRemovals: opts.MaxProjectRemovals}
	run.summary.tellsScope = true
	if err := run.refuseInvalid(false, ""); err != nil {
		return err
	}
	c, err := run.client(ctx)
	if err != nil {
		return err
	}
	if err := run.makePlan(ctx, c); err != nil {
		return err
	}
	switch {
	case opts.Check:
		run.summary.Mode = modeCheck
	case opts.DryRun:
		run.summary.Mode = modeDryRun
	}
	// A dry run and a check say what a real run would meet, its refusal
	// included (see finish).
	run.summary.Refusal, run.summary.refusalAdvice = refusalOf(run.limits.Check(run.actions))
	if run.summary.Mode == modeApply && run.summary.writes() > 0 {
		if run.summary.Refusal != "" {
			return refuse(opts, run)
		}
		confirmed, err := confirmSync(opts, run.summary)
		if err != nil || !confirmed {
			return err
		}
		run.apply(ctx, c)
	}
	return run.finish()
}

// confirmSync shows the plan and, unless --yes, asks on the terminal
// whether to apply it.
func confirmSync(opts *SyncOptions, s *planSummary) (bool, error) {
	ios := opts.IO
	if opts.Yes {
		if opts.Output != "table" {
			return true, nil
		}
		return true, s.printPlan(ios.Out)
	}
	if !ios.CanPrompt() {
		if err := s.printPlan(ios.ErrOut); err != nil {
			return false, err
		}
		return false, cmdutil.Usagef("refusing to change the organization without confirmation: stdin is not a terminal to ask on; pass --yes (or --dry-run to only see the plan)")
	}
	// On the terminal the plan goes with the question; stdout keeps the
	// outcome in the format asked for.
	w := ios.Out
	if opts.Output != "table" {
		w = ios.ErrOut
	}
	if err := s.printPlan(w); err != nil {
		return false, err
	}
	yes, err := ios.Confirm(fmt.Sprintf("Apply these %d change(s)?", s.writes()))
	if err == nil && !yes {
		fmt.Fprintln(ios.ErrOut, "Nothing changed.")
	}
	return yes, err
}
