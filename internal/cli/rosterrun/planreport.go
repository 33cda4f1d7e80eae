// A roster run's account of itself, the same for import and sync (and for
// any command that plans with roster): one row per roster row and per
// action (actionrow.go), keyed on roster.Kind and roster.Outcome; the plan,
// shown before anything is sent; the summary in sentences, JSON or CSV; and
// the report file, written whole or not at all. Every row is accounted for,
// whatever happened to it.

package rosterrun

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/goinvites/invites/internal/atomicfile"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/rules"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
)

// ReportHeader names the columns of the report and of -o csv.
var ReportHeader = []string{"line", "email", "action", "invite_id", "reason", "role_before", "role_after",
	"projects_before", "projects_after", "outcome", "new_invite_id", "error", "user_id",
	"project_id", "project_name", "project_role_before", "project_role_after"}

// Summary is the whole account; -o json prints it.
type Summary struct {
	File        string `json:"file"`
	Mode        string `json:"mode"` // apply, dry_run or check
	Interrupted bool   `json:"interrupted"`
	// Plan counts the actions by kind, Outcomes the rows by outcome.
	Plan     map[string]int `json:"plan"`
	Outcomes map[string]int `json:"outcomes"`
	// WriteRequests counts the HTTP attempts of the creates and deletes,
	// retries included, as client.Response reports them.
	WriteRequests int `json:"write_requests"`
	// RateLimitWaits counts the waits the client took because a 429 asked
	// every request to wait, as client.WithOnWait reports them.
	RateLimitWaits int `json:"rate_limit_waits"`
	// Refusal says why a real run refuses the plan (too many removals or
	// demotions), "" when it does not: a dry run and a check say it too.
	Refusal string `json:"refusal"`
	// ManagedProjects are the projects whose access the plan keeps true,
	// as "ID (name)"; null when no project was read.
	ManagedProjects []string `json:"managed_projects"`
	// SavedPlan is the plan file the run wrote (--plan-out) or applied
	// (--apply-plan); "" for neither, or a plan not saved as applying it
	// would be refused.
	SavedPlan string `json:"saved_plan"`
	// Journal is the journal the run's writes went to, and JournalRun the
	// run's ID in it; "" when it sent nothing, or kept no journal.
	Journal    string `json:"journal"`
	JournalRun string `json:"journal_run"`
	// unplanned says an interrupt came while the members and invites were
	// read: there is no plan, and nothing was sent.
	unplanned bool
	// PlanOut is the file a --plan-out run was to save its plan to, and
	// FromSaved says the run applies a saved plan (--apply-plan): a re-run
	// of it cannot finish what it left.
	PlanOut       string      `json:"-"`
	FromSaved     bool        `json:"-"`
	Actions       []ActionRow `json:"actions"`
	RefusalAdvice string      `json:"-"` // what to do about the refusal

	scope roster.ProjectScope // which projects the plan manages, when it read them
	// TellsScope says that the summary names the managed projects and
	// --manage-projects: sync's, which removes from them; import only adds.
	TellsScope bool          `json:"-"`
	verb       string        // what applying is called: "Imported", "Synced"
	kinds      []roster.Kind // the kinds the plan may hold, in the order the plan line counts them
	rowOf      []int         // the row of each action, by the action's index
}

// Modes of a run.
const (
	ModeApply  = "apply"
	ModeDryRun = "dry_run"
	ModeCheck  = "check"
)

// countWhere is how many rows match.
func (s *Summary) countWhere(match func(ActionRow) bool) int {
	n := 0
	for _, r := range s.Actions {
		if match(r) {
			n++
		}
	}
	return n
}

// count is how many rows have outcome o.
func (s *Summary) count(o roster.Outcome) int {
	return s.countWhere(func(r ActionRow) bool { return r.Outcome == o })
}

// countKind is how many rows have an action of kind k.
func (s *Summary) countKind(k roster.Kind) int {
	return s.countWhere(func(r ActionRow) bool { return r.Action == k })
}

// Writes is how many actions of the plan send anything.
func (s *Summary) Writes() int {
	return s.countWhere(func(r ActionRow) bool { return r.Action.Writes() })
}

// failures is how many rows the command could not make true: failed, half
// done, a mismatch it does not change, or a write the guard rails held.
func (s *Summary) failures() int {
	return s.count(roster.Failed) + s.count(roster.DeletedNotCreated) + s.countKind(roster.Mismatch) + s.countKind(roster.Held)
}

// drift is how many rows differ from the roster: every write the plan
// holds, and the differences it leaves alone (an unlisted member, a
// mismatch, a held write). --check exits 3 when there is any.
func (s *Summary) drift() int {
	return s.countWhere(func(r ActionRow) bool { return r.Action.Drift() })
}

// fillCounts fills Plan and Outcomes from the rows.
func (s *Summary) fillCounts() {
	s.Plan, s.Outcomes = map[string]int{}, map[string]int{}
	for _, r := range s.Actions {
		if r.Action != "" {
			s.Plan[string(r.Action)]++
		}
		s.Outcomes[string(r.Outcome)]++
	}
}

// addSkipped adds a row for each row a filter left out, among the roster's
// rows in line order: it comes before the plan, whose revokes follow them.
func (s *Summary) addSkipped(skips []rosterfile.Skip) {
	for _, sk := range skips {
		s.Actions = append(s.Actions, ActionRow{Line: sk.Line, Email: sk.Email, Reason: sk.Reason(), Outcome: roster.Skipped})
	}
	slices.SortStableFunc(s.Actions, func(a, b ActionRow) int { return cmp.Compare(a.Line, b.Line) })
}

// invalidate makes the row of row's line invalid, with its problems: a
// problem found once the organization was read (a project name that
// names no project).
func (s *Summary) invalidate(row rosterfile.Row) {
	for i := range s.Actions {
		if s.Actions[i].Line == row.Line {
			s.Actions[i].Outcome, s.Actions[i].Error = roster.Invalid, row.Problem()
		}
	}
}

// managed records which projects a plan over org with scope manages: the
// active ones whose members were read.
func (s *Summary) managed(org roster.Org, scope roster.ProjectScope) {
	s.scope, s.ManagedProjects = scope, []string{}
	for _, p := range org.Projects {
		if _, read := org.ProjectMembers[p.ID]; read {
			s.ManagedProjects = append(s.ManagedProjects, cmdutil.DescribeProject(p.ID, p.Name))
		}
	}
}

// markRest gives every row without an outcome yet this one.
func (s *Summary) markRest(o roster.Outcome, why string) {
	for i := range s.Actions {
		if s.Actions[i].Outcome == "" {
			s.Actions[i].Outcome, s.Actions[i].Error = o, why
		}
	}
}

// planned gives each roster row its action, with a row of the same line
// after it for each change to the member's project access, and adds a row
// for each action about no roster row (a revoke, an unlisted member), after
// them all.
func (s *Summary) planned(actions []roster.Action) {
	rows := s.Actions
	byEmail := map[string]int{} // lowercased email -> its row
	for i := range rows {
		if rows[i].Outcome == "" { // a valid row: not invalid, not skipped
			byEmail[rules.EmailKey(rows[i].Email)] = i
		}
	}
	planned := make([]int, len(rows)) // the action each row has, 1-based: 0 for none
	after := make([][]int, len(rows)) // the project actions of each row's member
	var rest []int                    // the actions about no roster row
	for ai, act := range actions {
		i, ok := byEmail[rules.EmailKey(act.Email)]
		switch {
		case ok && act.Entry != nil && planned[i] == 0:
			planned[i] = ai + 1
		case ok && act.Entry != nil && act.Project != nil:
			after[i] = append(after[i], ai)
		default:
			rest = append(rest, ai)
		}
	}
	s.Actions = make([]ActionRow, 0, len(rows)+len(actions))
	s.rowOf = make([]int, len(actions))
	add := func(row ActionRow, ai int) {
		s.rowOf[ai] = len(s.Actions)
		row.plan(actions[ai])
		s.Actions = append(s.Actions, row)
	}
	for i, row := range rows {
		if planned[i] == 0 {
			s.Actions = append(s.Actions, row)
			continue
		}
		add(row, planned[i]-1)
		for _, ai := range after[i] {
			add(ActionRow{Line: row.Line, Email: row.Email}, ai)
		}
	}
	for _, ai := range rest {
		add(ActionRow{Email: actions[ai].Email}, ai)
	}
}

// AddSaved gives each action of a saved plan a row, as saved, in plan
// order.
func (s *Summary) AddSaved(actions []roster.SavedAction) {
	for _, a := range actions {
		var row ActionRow
		row.planSaved(a)
		s.Actions = append(s.Actions, row)
	}
}

// bound gives the saved plan's rows (AddSaved) their actions as bound to a
// fresh read: action i is row i.
func (s *Summary) bound(actions []roster.Action) {
	s.rowOf = make([]int, len(actions))
	for i, act := range actions {
		s.rowOf[i] = i
		s.Actions[i].plan(act)
	}
}

func (s *Summary) records() [][]string {
	records := [][]string{ReportHeader}
	for _, r := range s.Actions {
		records = append(records, r.CSVRecord())
	}
	return records
}

// planLine counts the plan's actions by kind, the kinds with none left
// out: "1 create, 2 keep".
func (s *Summary) planLine() string {
	var parts []string
	for _, k := range s.kinds {
		if n := s.countKind(k); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, k))
		}
	}
	if parts == nil {
		return "nothing"
	}
	return strings.Join(parts, ", ")
}

// PrintPlan writes the plan as a table (every action but keep, which would
// drown the rest) and the line of counts. ID is the invite's, or for an
// action about a member, the member's; ROLE is what the row will have, or
// for a set-role, the change; for an action about a member's access to a
// project, ROLE is their role in it before and after ("-" for none) and
// PROJECTS the project.
func (s *Summary) PrintPlan(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	shown := 0
	for _, r := range s.Actions {
		if r.Action == "" || r.Action == roster.Keep {
			continue
		}
		if shown == 0 {
			fmt.Fprintln(tw, "LINE\tACTION\tEMAIL\tID\tROLE\tPROJECTS\tREASON")
		}
		shown++
		role, projects := r.RoleAfter, r.ProjectsAfter
		switch {
		case r.aboutProject():
			role, projects = Dash(r.ProjectRoleBefore)+" -> "+Dash(r.ProjectRoleAfter), cmdutil.DescribeProject(r.ProjectID, r.ProjectName)
		case r.UserID != "" && r.RoleAfter != "" && r.RoleAfter != r.RoleBefore:
			role, projects = r.RoleBefore+" -> "+r.RoleAfter, "-"
		case r.UserID != "":
			role, projects = r.RoleBefore, "-"
		case !r.asked: // an invite no roster row asks for (revoked or held): what it has
			role, projects = r.RoleBefore, r.ProjectsBefore
		}
		if projects == "" { // a cell's way of saying the default project
			projects = roster.DefaultProject
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", Dash(r.CSVRecord()[0]), r.Action, Dash(r.Email), Dash(cmp.Or(r.InviteID, r.UserID)), Dash(role), projects, r.Reason)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "Plan for %s: %s.\n", s.File, s.planLine())
	return err
}

// Dash is s, or "-" for an empty cell of the plan's table.
func Dash(s string) string { return cmp.Or(s, "-") }

// applied reports whether the run went as far as applying (or was
// interrupted trying): then it is told by outcomes, else by its plan.
func (s *Summary) applied() bool {
	return s.Mode == ModeApply && (s.Writes() > 0 || s.Interrupted)
}

// sentences tell in words what the run did or would do; report is the
// report file written, if any.
func (s *Summary) sentences(report string) string {
	var b strings.Builder
	writes := s.Writes()
	switch {
	case s.unplanned:
		fmt.Fprintf(&b, "Interrupted while reading the members and invites, before any plan: nothing was sent for %s.\n", s.File)
	case s.applied():
		fmt.Fprintf(&b, "%s %s: %d done", s.verb, s.File, s.count(roster.Done))
		if n := s.count(roster.Unchanged); n > 0 {
			fmt.Fprintf(&b, ", %d unchanged", n)
		}
		fmt.Fprintf(&b, ", %d failed", s.count(roster.Failed))
		if n := s.count(roster.DeletedNotCreated); n > 0 {
			fmt.Fprintf(&b, ", %d deleted but not re-created", n)
		}
		if n := s.count(roster.NotAttempted); n > 0 {
			fmt.Fprintf(&b, ", %d not attempted", n)
		}
		b.WriteString(".\n")
		for _, r := range s.Actions {
			if r.Outcome == roster.Failed || r.Outcome == roster.DeletedNotCreated || r.Action == roster.Mismatch || r.Action == roster.Held {
				fmt.Fprintf(&b, "  %s: %s\n", r.where(), r.describe())
			}
		}
	case s.drift() > 0 && s.Mode == ModeCheck:
		fmt.Fprintf(&b, "Check: %d action(s) pending", writes)
		if left := s.drift() - writes; left > 0 {
			fmt.Fprintf(&b, " and %d difference(s) these flags leave alone", left)
		}
		b.WriteString("; nothing was sent.\n")
	case writes > 0 && s.Refusal != "":
		fmt.Fprintf(&b, "Dry run: %d action(s) planned; nothing was sent.\n", writes)
	case writes > 0:
		fmt.Fprintf(&b, "Dry run: %d action(s) would be applied; nothing was sent.\n", writes)
	case s.countKind(roster.Mismatch)+s.countKind(roster.Held)+s.countKind(roster.Unlisted) > 0:
		b.WriteString("Nothing sent.\n")
	default:
		b.WriteString("Nothing to do: the organization matches the roster.\n")
	}
	if n := s.count(roster.Invalid); n > 0 {
		fmt.Fprintf(&b, "%d invalid row(s) were left out.\n", n)
	}
	if n := s.count(roster.Skipped); n > 0 {
		fmt.Fprintf(&b, "%d row(s) left out by a filter, as if not in the roster (outcome skipped).\n", n)
	}
	aboutMember := func(k roster.Kind) func(ActionRow) bool {
		return func(r ActionRow) bool { return r.Action == k && r.UserID != "" && !r.aboutProject() }
	}
	aboutProject := func(r ActionRow) bool { return r.Action == roster.Mismatch && r.aboutProject() }
	if n := s.countWhere(aboutMember(roster.Mismatch)); n > 0 {
		fmt.Fprintf(&b, "%d member(s) have another role than the roster's, which import does not change: invites sync --file %s changes it.\n", n, s.File)
	}
	if n := s.countWhere(aboutProject); n > 0 {
		fmt.Fprintf(&b, "%d change(s) of project access are not adds, which import does not make: invites sync --file %s makes them.\n", n, s.File)
	}
	if n := s.countKind(roster.Mismatch) - s.countWhere(aboutMember(roster.Mismatch)) - s.countWhere(aboutProject); n > 0 {
		fmt.Fprintf(&b, "%d row(s) have a pending invite with another role or projects, which import does not change: invites sync --file %s replaces them.\n", n, s.File)
	}
	if n := s.countWhere(aboutMember(roster.Unlisted)); n > 0 {
		fmt.Fprintf(&b, "%d member(s) are in no roster row and were left alone; --remove-members removes them (no more than --max-removals at a time).\n", n)
	}
	if n := s.countKind(roster.Unlisted) - s.countWhere(aboutMember(roster.Unlisted)); n > 0 {
		fmt.Fprintf(&b, "%d pending invite(s) are for emails in no roster row and were left alone; --revoke-missing revokes them.\n", n)
	}
	if line := s.projectDrift(); line != "" {
		b.WriteString(line)
	}
	if n := s.countKind(roster.Held); n > 0 {
		fmt.Fprintf(&b, "%d write(s) were held by the guard rails (a look-alike email, the last owner); the reasons say why.\n", n)
	}
	if n := s.countKind(roster.Managed); n > 0 {
		fmt.Fprintf(&b, "%d service account(s) or SCIM-managed member(s) were left to what manages them.\n", n)
	}
	if s.WriteRequests > 0 || s.RateLimitWaits > 0 {
		fmt.Fprintf(&b, "%d write request(s) sent", s.WriteRequests)
		if s.RateLimitWaits > 0 {
			fmt.Fprintf(&b, ", %d wait(s) for a rate limit (429)", s.RateLimitWaits)
		}
		b.WriteString(".\n")
	}
	switch {
	case s.unplanned:
		b.WriteString("Run the same command again to start over.\n")
	case s.Interrupted:
		fmt.Fprintf(&b, "Interrupted: %d not attempted. %s\n", s.count(roster.NotAttempted), s.toFinish())
	case s.applied() && s.count(roster.Failed)+s.count(roster.DeletedNotCreated) > 0:
		b.WriteString(s.toFinish() + "\n")
	}
	switch {
	case s.SavedPlan != "" && !s.FromSaved:
		fmt.Fprintf(&b, "Plan saved to %s. Once it is reviewed, apply exactly it: invites sync --apply-plan %s\n", s.SavedPlan, s.SavedPlan)
	case s.PlanOut != "":
		fmt.Fprintf(&b, "The plan was not saved to %s, as applying it would be refused.\n", s.PlanOut)
	}
	if report != "" {
		fmt.Fprintf(&b, "Report: %s\n", report)
	}
	if s.Journal != "" {
		fmt.Fprintf(&b, "Journal: %s, run %s (invites journal --run %s lists its writes)\n", s.Journal, s.JournalRun, s.JournalRun)
	}
	if s.Refusal != "" && !s.applied() { // the last line: what the run would meet
		fmt.Fprintf(&b, "Applying would be refused, sending nothing: %s. %s\n", s.Refusal, s.RefusalAdvice)
	}
	return b.String()
}

// exitCode is what the account says of the run, the report aside: drift
// for a check that found any, a refusal for a dry run of a plan a real run
// refuses (as that run would exit), an interrupt, a failure.
func (s *Summary) exitCode() int {
	switch {
	case s.Mode == ModeCheck && s.drift() > 0:
		return cmdutil.ExitDrift
	case s.Mode == ModeDryRun && s.Refusal != "":
		return cmdutil.ExitUsage
	case s.Interrupted:
		return cmdutil.ExitInterrupted
	case s.failures() > 0:
		return cmdutil.ExitFailure
	}
	return cmdutil.ExitOK
}

// toFinish says how to finish what an interrupted or failed run left: a
// run from a roster plans again; a saved plan that wrote anything no
// longer matches the organization, and is refused.
func (s *Summary) toFinish() string {
	sent := s.countWhere(func(r ActionRow) bool {
		return r.Action.Writes() && r.Outcome != roster.NotAttempted && r.Outcome != roster.Planned
	})
	switch {
	case !s.FromSaved:
		return "Run the same command again to finish: it plans only what is left."
	case sent == 0:
		return "Nothing of the plan was sent: run the same command again to apply it."
	}
	return "To finish, make a new plan from the roster (invites sync --file ROSTER --plan-out FILE): what this run did no longer matches the saved plan, which --apply-plan now refuses."
}

// projectDrift is the line that names the projects where access differs
// from the roster, with how many rows each (once applied, those left:
// failed or held), and for sync the line of which projects the plan
// manages; "" for a run that read no project.
func (s *Summary) projectDrift() string {
	if s.ManagedProjects == nil {
		return ""
	}
	var b strings.Builder
	counts := map[string]int{}
	var order []string
	for _, r := range s.Actions {
		if r.aboutProject() && r.Action.Drift() && r.Outcome != roster.Done {
			p := cmdutil.DescribeProject(r.ProjectID, r.ProjectName)
			if counts[p] == 0 {
				order = append(order, p)
			}
			counts[p]++
		}
	}
	if order != nil {
		parts := make([]string, len(order))
		for i, p := range order {
			parts[i] = fmt.Sprintf("%s %d", p, counts[p])
		}
		still := ""
		if s.applied() {
			still = " still"
		}
		fmt.Fprintf(&b, "Project access%s differs from the roster in %d project(s): %s.\n", still, len(order), strings.Join(parts, ", "))
	}
	if !s.TellsScope {
		return b.String()
	}
	managed := "none"
	if len(s.ManagedProjects) > 0 {
		managed = strings.Join(s.ManagedProjects, ", ")
	}
	how := "those the roster names; --manage-projects all manages every active one"
	if s.scope == roster.ScopeAll {
		how = "every active one (--manage-projects all)"
	}
	fmt.Fprintf(&b, "Projects managed, %s: %s.\n", how, managed)
	return b.String()
}

// WriteReport writes the report (header first) to path atomically; ""
// writes nothing.
func (s *Summary) WriteReport(path string) error {
	if path == "" {
		return nil
	}
	records := s.records()
	err := atomicfile.Write(path, 0o644, func(w io.Writer) error { return csv.NewWriter(w).WriteAll(records) })
	if err != nil {
		return fmt.Errorf("writing the report %s: %w", path, err)
	}
	return nil
}
