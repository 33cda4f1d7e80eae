// Invites print for people (table) and for scripts (json and csv, whose
// fields and order are a stable contract), with cmdutil's Printer. Hints
// and progress go to stderr so stdout stays parseable.

package invitecmd

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
)

// InviteOut is an invite as the CLI prints it; its JSON and CSV field names
// are a contract with scripts.
type InviteOut struct {
	ID         string     `json:"id"`
	Email      string     `json:"email"`
	Role       string     `json:"role"`
	Status     string     `json:"status"`
	CreatedAt  *time.Time `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	AcceptedAt *time.Time `json:"accepted_at"`
	Projects   []Grant    `json:"projects"`
}

// ListOut is a list of invites with where to continue from, for JSON.
type ListOut struct {
	Invites []InviteOut `json:"invites"`
	HasMore bool        `json:"has_more"`
	LastID  *string     `json:"last_id"`
}

var inviteCSVHeader = []string{"id", "email", "role", "status", "created_at", "expires_at", "accepted_at", "projects"}

// printer prints invites, besides what every printer prints.
type printer struct{ cmdutil.Printer }

// newPrinter prints to w in format: table, json or csv.
func newPrinter(w io.Writer, format string) printer { return printer{cmdutil.NewPrinter(w, format)} }

func (p printer) invites(list ListOut) error {
	switch p.Format {
	case "json":
		return p.JSON(list)
	case "csv":
		rows := [][]string{inviteCSVHeader}
		for _, inv := range list.Invites {
			rows = append(rows, inv.csvRecord())
		}
		return p.CSV(rows)
	}
	if len(list.Invites) == 0 {
		_, err := fmt.Fprintln(p.W, "No invites.")
		return err
	}
	tw := tabwriter.NewWriter(p.W, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEMAIL\tROLE\tSTATUS\tCREATED (UTC)\tEXPIRES (UTC)\tPROJECTS")
	for _, inv := range list.Invites {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", inv.ID, inv.Email, inv.Role, inv.Status,
			cmdutil.TableTime(inv.CreatedAt), cmdutil.TableTime(inv.ExpiresAt), tableProjects(inv.Projects))
	}
	return tw.Flush()
}

func (p printer) invite(inv InviteOut) error {
	switch p.Format {
	case "json":
		return p.JSON(inv)
	case "csv":
		return p.CSV([][]string{inviteCSVHeader, inv.csvRecord()})
	}
	tw := tabwriter.NewWriter(p.W, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "ID\t%s\nEmail\t%s\nRole\t%s\nStatus\t%s\n", inv.ID, inv.Email, inv.Role, inv.Status)
	fmt.Fprintf(tw, "Created (UTC)\t%s\nExpires (UTC)\t%s\nAccepted (UTC)\t%s\nProjects\t%s\n",
		cmdutil.TableTime(inv.CreatedAt), cmdutil.TableTime(inv.ExpiresAt), cmdutil.TableTime(inv.AcceptedAt), tableProjects(inv.Projects))
	return tw.Flush()
}

func (inv InviteOut) csvRecord() []string {
	return []string{inv.ID, inv.Email, inv.Role, inv.Status,
		cmdutil.CSVTime(inv.CreatedAt), cmdutil.CSVTime(inv.ExpiresAt), cmdutil.CSVTime(inv.AcceptedAt), formatProjects(inv.Projects)}
}

// inviteView is how the CLI shows a client.Invite: zero times become null,
// and projects are never null.
func inviteView(inv client.Invite) InviteOut {
	out := InviteOut{
		ID:         inv.ID,
		Email:      inv.Email,
		Role:       string(inv.Role),
		Status:     string(inv.Status),
		CreatedAt:  cmdutil.OptionalTime(inv.CreatedAt),
		ExpiresAt:  cmdutil.OptionalTime(inv.ExpiresAt),
		AcceptedAt: cmdutil.OptionalTime(inv.AcceptedAt),
		Projects:   make([]Grant, len(inv.Projects)),
	}
	for i, p := range inv.Projects {
		out.Projects[i] = Grant{ID: p.ID, Role: string(p.Role)}
	}
	return out
}
