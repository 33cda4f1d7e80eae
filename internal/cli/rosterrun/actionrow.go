// A run's account has one row per roster row and per action: what was
// planned for it, what came of it, and the words that tell both (a
// progress line, the summary, a line of the report). The row's methods
// follow the run: planned, recorded, told.

package rosterrun

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
)

// ActionRow is a roster row, or a pending invite or member the roster does
// not list, with the action planned for it and its outcome. Its JSON and CSV field
// names are a contract with scripts.
type ActionRow struct {
	Line           int            `json:"line"` // 0 when the action is about no roster row (a revoke, an unlisted member)
	Email          string         `json:"email"`
	Action         roster.Kind    `json:"action"` // "" when none was planned: an invalid row, or a run stopped before its plan
	InviteID       string         `json:"invite_id"`
	Reason         string         `json:"reason"`
	RoleBefore     string         `json:"role_before"`
	RoleAfter      string         `json:"role_after"`
	ProjectsBefore string         `json:"projects_before"` // as a roster cell: "" for the organization's default
	ProjectsAfter  string         `json:"projects_after"`  // "" leaves projects to the organization's default
	Outcome        roster.Outcome `json:"outcome"`
	NewInviteID    string         `json:"new_invite_id"`
	Error          string         `json:"error"`
	UserID         string         `json:"user_id"` // the member the action is about, if any
	// ProjectID is the project an action about project access is about,
	// with the member's role in it as read and as the roster asks ("" for
	// none: not a member of it, or removed from it).
	ProjectID         string `json:"project_id"`
	ProjectName       string `json:"project_name"`
	ProjectRoleBefore string `json:"project_role_before"`
	ProjectRoleAfter  string `json:"project_role_after"`
	// detail tells how a write went when it took more than one plain
	// request, for the progress lines: retries and recovered answers are
	// worth seeing.
	detail string
	// asked says a roster entry asks for the action (RoleAfter and
	// ProjectsAfter are its); not so for a revoke or an unlisted member.
	asked bool
}

// plan records the action planned for the row.
func (r *ActionRow) plan(act roster.Action) {
	r.Action, r.InviteID, r.Reason, r.Outcome = act.Kind, act.InviteID(), act.Reason, act.Outcome()
	if act.Invite != nil {
		r.RoleBefore, r.ProjectsBefore = string(act.Invite.Role), rosterfile.FormatProjects(roster.InviteProjects(act.Invite.Projects))
	}
	if act.Member != nil {
		r.UserID, r.RoleBefore = act.Member.ID, string(act.Member.Role)
	}
	if act.Entry != nil {
		r.RoleAfter, r.ProjectsAfter = string(act.Entry.Role), rosterfile.FormatProjects(act.Entry.Projects)
	}
	r.asked = act.Entry != nil
	if act.Project != nil {
		r.ProjectID, r.ProjectName, r.ProjectRoleAfter = act.Project.ID, act.Project.Name, string(act.ProjectRole)
		if act.ProjectMember != nil {
			r.ProjectRoleBefore = string(act.ProjectMember.Role)
		}
	}
}

// aboutProject reports whether the row is about a member's access to one
// project (its action a write of project access, or one held or left).
func (r ActionRow) aboutProject() bool { return r.ProjectID != "" }

// planSaved records the action a saved plan holds for the row, as the
// file says it: all that a plan refused before it was bound to a fresh
// read can report. A write has no outcome until it is bound (planned) or
// the run ends without (not attempted).
func (r *ActionRow) planSaved(a roster.SavedAction) {
	r.Email, r.Action, r.InviteID, r.UserID, r.Reason = a.Email, a.Kind, a.InviteID, a.UserID, a.Reason
	if !a.Kind.Writes() {
		r.Outcome = roster.Unchanged
	}
	if a.Before != nil {
		r.RoleBefore, r.ProjectsBefore = string(a.Before.Role), a.Before.Projects
	}
	if a.After != nil {
		r.RoleAfter, r.ProjectsAfter = string(a.After.Role), a.After.Projects
	}
	if a.Project != nil {
		r.ProjectID, r.ProjectName = a.Project.ID, a.Project.Name
		r.ProjectRoleBefore, r.ProjectRoleAfter = string(a.Project.Before), string(a.Project.After)
	}
	r.asked = a.After != nil
}

// record takes in the result of the row's action. The client never
// duplicates a create when it retries, so a failure here is final for this
// run, and a re-run is safe.
func (r *ActionRow) record(res roster.Result) {
	r.Outcome = res.Outcome()
	if res.Invite != nil {
		r.NewInviteID = res.Invite.ID
	}
	if res.ProjectMember != nil { // the role as the API left it
		r.ProjectRoleAfter = string(res.ProjectMember.Role)
	}
	switch r.Outcome {
	case roster.Unchanged: // with an error: a create refused as done since the read (ApplyOptions.CreateOnly)
		switch {
		case errors.Is(res.Err, client.ErrAlreadyMember):
			r.Error = "already a member: " + cmdutil.OneLine(cmdutil.DescribeError(res.Err))
		case res.Err != nil:
			r.Error = "already invited: " + cmdutil.OneLine(cmdutil.DescribeError(res.Err))
		}
	case roster.Done:
		r.detail = attemptDetail(res.Response)
	case roster.NotAttempted:
		r.Error = "not sent: interrupted"
		if errors.Is(res.Err, roster.ErrNotRecorded) {
			r.Error = "not sent: the journal could not record it"
		}
	case roster.DeletedNotCreated:
		r.Error = "deleted, but the create failed (the next run creates it): " + cmdutil.OneLine(cmdutil.DescribeError(res.Err))
	case roster.Failed:
		switch {
		case errors.Is(res.Err, context.Canceled):
			what := map[roster.Kind]string{roster.Revoke: "the invite may be deleted", roster.SetRole: "the role may be changed",
				roster.Remove: "the member may be removed", roster.AddToProject: "the member may be in the project",
				roster.SetProjectRole: "the project role may be changed", roster.RemoveFromProject: "the member may be out of the project"}[res.Action.Kind]
			if what == "" {
				what = "the invite may exist"
			}
			r.Error = "interrupted before the answer came: " + what + "; re-run to finish"
		default:
			r.Error = cmdutil.OneLine(cmdutil.DescribeError(res.Err))
		}
	}
}

// attemptDetail tells how a write that succeeded went, from its last
// Response: "" for one plain request.
func attemptDetail(resp *client.Response) string {
	if resp == nil {
		return ""
	}
	var parts []string
	if resp.Attempts > 1 {
		parts = append(parts, fmt.Sprintf("%d attempts", resp.Attempts))
	}
	// Success with a failed last attempt: the client found the invite that
	// attempt made, rather than send it again.
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		answer := "no answer"
		if resp.StatusCode != 0 {
			answer = fmt.Sprintf("answered %d", resp.StatusCode)
		}
		parts = append(parts, answer+", but the invite was made: found by looking, not sent again")
	}
	return strings.Join(parts, "; ")
}

// doingWords say what a write of each kind does while it goes out, for the
// progress bar.
var doingWords = map[roster.Kind]string{
	roster.Create: "inviting", roster.Resend: "resending", roster.Replace: "replacing", roster.Revoke: "revoking",
	roster.SetRole: "changing role", roster.Remove: "removing",
}

// doneWords say what an action of each kind did, once done.
var doneWords = map[roster.Kind]string{
	roster.Create: "created", roster.Resend: "resent", roster.Replace: "replaced", roster.Revoke: "revoked",
	roster.SetRole: "role set", roster.Remove: "removed",
	roster.AddToProject: "added to", roster.SetProjectRole: "project role set in", roster.RemoveFromProject: "removed from",
}

// describe tells the row's outcome in a few words, for a progress line or
// the summary: "created invite-abc (2 attempts)", "revoke failed
// invite-abc: ...", "mismatch invite-abc: pending invite differs: ...",
// "added to proj_abc".
func (r ActionRow) describe() string {
	var s string
	switch r.Outcome {
	case roster.Done:
		s = doneWords[r.Action]
		if id := cmp.Or(r.NewInviteID, r.subject()); id != "" {
			s += " " + id
		}
		if r.detail != "" {
			s += " (" + r.detail + ")"
		}
		return s
	case roster.Unchanged:
		s = string(r.Action)
	default:
		s = strings.TrimSpace(string(r.Action) + " " + strings.ReplaceAll(string(r.Outcome), "_", " "))
	}
	if id := r.subject(); id != "" {
		s += " " + id
	}
	if why := cmp.Or(r.Error, r.Reason); why != "" {
		s += ": " + why
	}
	return s
}

// subject is the ID of what the row's action is about: the project, for
// an action about project access (the email names the member), else the
// invite or the member.
func (r ActionRow) subject() string { return cmp.Or(r.ProjectID, r.InviteID, r.UserID) }

// where names the row for a person: "line 4 ada@example.com", the email
// alone for an action about no roster row, or the project for one about a
// project and no one ("project proj_abc").
func (r ActionRow) where() string {
	switch {
	case r.Line > 0:
		return fmt.Sprintf("line %d %s", r.Line, r.Email)
	case r.Email == "" && r.aboutProject():
		return "project " + r.ProjectID
	}
	return r.Email
}

// CSVRecord is the row's line of the report and of -o csv, in
// ReportHeader's order.
func (r ActionRow) CSVRecord() []string {
	line := ""
	if r.Line > 0 {
		line = strconv.Itoa(r.Line)
	}
	return []string{line, r.Email, string(r.Action), r.InviteID, r.Reason, r.RoleBefore, r.RoleAfter,
		r.ProjectsBefore, r.ProjectsAfter, string(r.Outcome), r.NewInviteID, r.Error, r.UserID,
		r.ProjectID, r.ProjectName, r.ProjectRoleBefore, r.ProjectRoleAfter}
}
