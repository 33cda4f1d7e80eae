// Projects and their members print as members do (see membercmd's
// output.go): a table for people, json and csv as a stable contract for
// scripts, times in RFC 3339 UTC and null where the API sent nothing.

package projectcmd

import (
	"io"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
)

// ProjectOut is a project as the CLI prints it; its JSON and CSV field
// names are a contract with scripts.
type ProjectOut struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Status     string     `json:"status"`
	CreatedAt  *time.Time `json:"created_at"`
	ArchivedAt *time.Time `json:"archived_at"`
}

// ProjectsOut is the projects list, for JSON.
type ProjectsOut struct {
	Projects []ProjectOut `json:"projects"`
}

// MemberOut is a member of a project as the CLI prints it; its JSON and
// CSV field names are a contract with scripts.
type MemberOut struct {
	ProjectID string     `json:"project_id"`
	UserID    string     `json:"user_id"`
	Email     *string    `json:"email"`
	Name      *string    `json:"name"`
	Role      string     `json:"role"`
	AddedAt   *time.Time `json:"added_at"`
}

// MembersOut is a project's members, for JSON.
type MembersOut struct {
	Members []MemberOut `json:"members"`
}

// projectColumns and memberColumns are how each prints; their CSV headers
// are a contract with scripts.
var (
	projectColumns = cmdutil.Columns[ProjectOut]{
		CSVHeader: []string{"id", "name", "status", "created_at", "archived_at"},
		CSV: func(p ProjectOut) []string {
			return []string{p.ID, p.Name, p.Status, cmdutil.CSVTime(p.CreatedAt), cmdutil.CSVTime(p.ArchivedAt)}
		},
		Heads:  []string{"ID", "NAME", "STATUS", "CREATED (UTC)", "ARCHIVED (UTC)"},
		Row:    func(p ProjectOut) []string { return p.tableCells() },
		Labels: []string{"ID", "Name", "Status", "Created (UTC)", "Archived (UTC)"},
		Fields: func(p ProjectOut) []string { return p.tableCells() },
		None:   "No projects.",
	}
	memberColumns = cmdutil.Columns[MemberOut]{
		CSVHeader: []string{"project_id", "user_id", "email", "name", "role", "added_at"},
		CSV: func(m MemberOut) []string {
			return []string{m.ProjectID, m.UserID, cmdutil.CSVCell(m.Email), cmdutil.CSVCell(m.Name), m.Role, cmdutil.CSVTime(m.AddedAt)}
		},
		Heads: []string{"USER ID", "EMAIL", "NAME", "ROLE", "ADDED (UTC)"},
		Row: func(m MemberOut) []string {
			return []string{m.UserID, cmdutil.TableCell(m.Email), cmdutil.TableCell(m.Name), m.Role, cmdutil.TableTime(m.AddedAt)}
		},
		Labels: []string{"Project", "User ID", "Email", "Name", "Role", "Added (UTC)"},
		Fields: func(m MemberOut) []string {
			return []string{m.ProjectID, m.UserID, cmdutil.TableCell(m.Email), cmdutil.TableCell(m.Name), m.Role, cmdutil.TableTime(m.AddedAt)}
		},
		None: "No members.",
	}
)

// tableCells is a project in a table, of one or of many alike.
func (p ProjectOut) tableCells() []string {
	return []string{p.ID, p.Name, p.Status, cmdutil.TableTime(p.CreatedAt), cmdutil.TableTime(p.ArchivedAt)}
}

// printer prints projects and their members, besides what every printer
// prints.
type printer struct{ cmdutil.Printer }

// newPrinter prints to w in format: table, json or csv.
func newPrinter(w io.Writer, format string) printer { return printer{cmdutil.NewPrinter(w, format)} }

func (p printer) projects(list ProjectsOut) error {
	return cmdutil.PrintList(p.Printer, list, list.Projects, projectColumns)
}

func (p printer) project(pr ProjectOut) error { return cmdutil.PrintOne(p.Printer, pr, projectColumns) }

func (p printer) members(list MembersOut) error {
	return cmdutil.PrintList(p.Printer, list, list.Members, memberColumns)
}

func (p printer) member(m MemberOut) error { return cmdutil.PrintOne(p.Printer, m, memberColumns) }

// projectView is how the CLI shows a client.Project.
func projectView(p client.Project) ProjectOut {
	return ProjectOut{ID: p.ID, Name: p.Name, Status: p.Status, CreatedAt: cmdutil.OptionalTime(p.CreatedAt), ArchivedAt: cmdutil.OptionalTime(p.ArchivedAt)}
}

func projectsView(projects []client.Project) ProjectsOut {
	out := ProjectsOut{Projects: make([]ProjectOut, len(projects))}
	for i, p := range projects {
		out.Projects[i] = projectView(p)
	}
	return out
}

// memberView is how the CLI shows a client.ProjectMember.
func memberView(m client.ProjectMember) MemberOut {
	return MemberOut{
		ProjectID: m.ProjectID, UserID: m.UserID, Email: cmdutil.Nullable(m.Email), Name: cmdutil.Nullable(m.Name),
		Role: string(m.Role), AddedAt: cmdutil.OptionalTime(m.AddedAt),
	}
}

func membersView(members []client.ProjectMember) MembersOut {
	out := MembersOut{Members: make([]MemberOut, len(members))}
	for i, m := range members {
		out.Members[i] = memberView(m)
	}
	return out
}
