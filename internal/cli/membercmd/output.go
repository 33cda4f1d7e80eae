// Members print as invites do (see invitecmd's output.go): a table for
// people, json and csv as a stable contract for scripts. The API sends a member's email,
// name and role as nullable, and service accounts often have no email, so
// json keeps null where the API did, and the table shows "-".

package membercmd

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
)

// MemberOut is a member as the CLI prints it; its JSON and CSV field names
// are a contract with scripts.
type MemberOut struct {
	ID             string     `json:"id"`
	Email          *string    `json:"email"`
	Name           *string    `json:"name"`
	Role           *string    `json:"role"`
	AddedAt        *time.Time `json:"added_at"`
	ServiceAccount bool       `json:"service_account"`
	SCIMManaged    bool       `json:"scim_managed"`
}

// MembersOut is the members list, for JSON.
type MembersOut struct {
	Members []MemberOut `json:"members"`
}

var memberCSVHeader = []string{"id", "email", "name", "role", "added_at", "service_account", "scim_managed"}

// printer prints members, besides what every printer prints.
type printer struct{ cmdutil.Printer }

// newPrinter prints to w in format: table, json or csv.
func newPrinter(w io.Writer, format string) printer { return printer{cmdutil.NewPrinter(w, format)} }

// memberView is how the CLI shows a client.User.
func memberView(u client.User) MemberOut {
	return MemberOut{
		ID:             u.ID,
		Email:          cmdutil.Nullable(u.Email),
		Name:           cmdutil.Nullable(u.Name),
		Role:           cmdutil.Nullable(string(u.Role)),
		AddedAt:        cmdutil.OptionalTime(u.AddedAt),
		ServiceAccount: u.IsServiceAccount,
		SCIMManaged:    u.IsSCIMManaged,
	}
}

func membersView(users []client.User) MembersOut {
	out := MembersOut{Members: make([]MemberOut, len(users))}
	for i, u := range users {
		out.Members[i] = memberView(u)
	}
	return out
}

// kind says in a table cell what a member is: a person, or what manages it.
func (m MemberOut) kind() string {
	switch {
	case m.ServiceAccount && m.SCIMManaged:
		return "service-account,scim-managed"
	case m.ServiceAccount:
		return "service-account"
	case m.SCIMManaged:
		return "scim-managed"
	}
	return "person"
}

func (m MemberOut) csvRecord() []string {
	return []string{m.ID, cmdutil.CSVCell(m.Email), cmdutil.CSVCell(m.Name), cmdutil.CSVCell(m.Role), cmdutil.CSVTime(m.AddedAt),
		strconv.FormatBool(m.ServiceAccount), strconv.FormatBool(m.SCIMManaged)}
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
	fmt.Fprintln(tw, "ID\tEMAIL\tNAME\tROLE\tADDED (UTC)\tKIND")
	for _, m := range list.Members {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", m.ID, cmdutil.TableCell(m.Email), cmdutil.TableCell(m.Name), cmdutil.TableCell(m.Role), cmdutil.TableTime(m.AddedAt), m.kind())
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
	fmt.Fprintf(tw, "ID\t%s\nEmail\t%s\nName\t%s\nRole\t%s\nAdded (UTC)\t%s\nKind\t%s\n",
		m.ID, cmdutil.TableCell(m.Email), cmdutil.TableCell(m.Name), cmdutil.TableCell(m.Role), cmdutil.TableTime(m.AddedAt), m.kind())
	return tw.Flush()
}
