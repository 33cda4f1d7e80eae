// Projects and their members print as members do (see membercmd's
// output.go): a table for people, json and csv as a stable contract for
// scripts, times in RFC 3339 UTC and null where the API sent nothing.

package projectcmd

import (
	"fmt"
	"io"
	"text/tabwriter"
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

var (
	projectCSVHeader = []string{"id", "name", "status", "created_at", "archived_at"}
	memberCSVHeader  = []string{"project_id", "user_id", "email", "name", "role", "added_at"}
)

// printer prints projects and their members, besides what every printer
// prints.
type printer struct{ cmdutil.Printer }

// newPrinter prints to w in format: table, json or csv.
func newPrinter(w io.Writer, format string) printer { return printer{cmdutil.NewPrinter(w, format)} }

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

func (p ProjectOut) csvRecord() []string {
	return []string{p.ID, p.Name, p.Status, cmdutil.CSVTime(p.CreatedAt), cmdutil.CSVTime(p.ArchivedAt)}
}

func (m MemberOut) csvRecord() []string {
	return []string{m.ProjectID, m.UserID, cmdutil.CSVCell(m.Email), cmdutil.CSVCell(m.Name), m.Role, cmdutil.CSVTime(m.AddedAt)}
}

func (p printer) projects(list ProjectsOut) error {
	switch p.Format {
	case "json":
		return p.JSON(list)
	case "csv":
		rows := [][]string{projectCSVHeader}
		for _, pr := range list.Projects {
			rows = append(rows, pr.csvRecord())
		}
		return p.CSV(rows)
	}
	if len(list.Projects) == 0 {
		_, err := fmt.Fprintln(p.W, "No projects.")
		return err
	}
	tw := tabwriter.NewWriter(p.W, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSTATUS\tCREATED (UTC)\tARCHIVED (UTC)")
	for _, pr := range list.Projects {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", pr.ID, pr.Name, pr.Status, cmdutil.TableTime(pr.CreatedAt), cmdutil.TableTime(pr.ArchivedAt))
	}
	return tw.Flush()
}

func (p printer) project(pr ProjectOut) error {
	switch p.Format {
	case "json":
		return p.JSON(pr)
	case "csv":
		return p.CSV([][]string{projectCSVHeader, pr.csvRecord()})
	}
	tw := tabwriter.NewWriter(p.W, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "ID\t%s\nName\t%s\nStatus\t%s\nCreated (UTC)\t%s\nArchived (UTC)\t%s\n",
		pr.ID, pr.Name, pr.Status, cmdutil.TableTime(pr.CreatedAt), cmdutil.TableTime(pr.ArchivedAt))
	return tw.Flush()
}

func (p printer) members(list MembersOut) error {
	switch p.Format {
	case "json":
		return p.JSON(list)
	case "csv":
		rows := [][]string{memberCSVHeader}
		for _, m := range list.Members {
			rows = append(rows, m.csvRecord())
		}
		return p.CSV(rows)
	}
	if len(list.Members) == 0 {
		_, err := fmt.Fprintln(p.W, "No members.")
		return err
	}
	tw := tabwriter.NewWriter(p.W, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "USER ID\tEMAIL\tNAME\tROLE\tADDED (UTC)")
	for _, m := range list.Members {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.UserID, cmdutil.TableCell(m.Email), cmdutil.TableCell(m.Name), m.Role, cmdutil.TableTime(m.AddedAt))
	}
	return tw.Flush()
}

func (p printer) member(m MemberOut) error {
	switch p.Format {
	case "json":
		return p.JSON(m)
	case "csv":
		return p.CSV([][]string{memberCSVHeader, m.csvRecord()})
	}
	tw := tabwriter.NewWriter(p.W, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Project\t%s\nUser ID\t%s\nEmail\t%s\nName\t%s\nRole\t%s\nAdded (UTC)\t%s\n",
		m.ProjectID, m.UserID, cmdutil.TableCell(m.Email), cmdutil.TableCell(m.Name), m.Role, cmdutil.TableTime(m.AddedAt))
	return tw.Flush()
}
