// Members print as invites do (see invitecmd's output.go): a table for
// people, json and csv as a stable contract for scripts. The API sends a member's email,
// name and role as nullable, and service accounts often have no email, so
// json keeps null where the API did, and the table shows "-".

package membercmd

import (
	"io"
	"strconv"
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

// memberColumns are how a member prints; the CSV header is a contract with
// scripts.
var memberColumns = cmdutil.Columns[MemberOut]{
	CSVHeader: []string{"id", "email", "name", "role", "added_at", "service_account", "scim_managed"},
	CSV: func(m MemberOut) []string {
		return []string{m.ID, cmdutil.CSVCell(m.Email), cmdutil.CSVCell(m.Name), cmdutil.CSVCell(m.Role), cmdutil.CSVTime(m.AddedAt),
			strconv.FormatBool(m.ServiceAccount), strconv.FormatBool(m.SCIMManaged)}
	},
	Heads:  []string{"ID", "EMAIL", "NAME", "ROLE", "ADDED (UTC)", "KIND"},
	Row:    func(m MemberOut) []string { return m.tableCells() },
	Labels: []string{"ID", "Email", "Name", "Role", "Added (UTC)", "Kind"},
	Fields: func(m MemberOut) []string { return m.tableCells() },
	None:   "No members.",
}

// tableCells is a member in a table, of one or of many alike.
func (m MemberOut) tableCells() []string {
	return []string{m.ID, cmdutil.TableCell(m.Email), cmdutil.TableCell(m.Name), cmdutil.TableCell(m.Role), cmdutil.TableTime(m.AddedAt), m.kind()}
}

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

func (p printer) members(list MembersOut) error {
	return cmdutil.PrintList(p.Printer, list, list.Members, memberColumns)
}

func (p printer) member(m MemberOut) error { return cmdutil.PrintOne(p.Printer, m, memberColumns) }
