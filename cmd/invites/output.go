// Output has three audiences: people (table, the default everywhere, so what
// a user sees never depends on whether stdout is piped) and scripts (json and
// csv, whose fields and order are a stable contract). Hints and progress go
// to stderr so stdout stays parseable.
package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/goinvites/invites/client"
)

// inviteOut is an invite as the CLI prints it; its JSON and CSV field names
// are a contract with scripts.
type inviteOut struct {
	ID         string     `json:"id"`
	Email      string     `json:"email"`
	Role       string     `json:"role"`
	Status     string     `json:"status"`
	CreatedAt  *time.Time `json:"created_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	AcceptedAt *time.Time `json:"accepted_at"`
	Projects   []grant    `json:"projects"`
}

// listOut is a list of invites with where to continue from, for JSON.
type listOut struct {
	Invites []inviteOut `json:"invites"`
	HasMore bool        `json:"has_more"`
	LastID  *string     `json:"last_id"`
}

// deleteOut is the outcome of deleting one invite, or removing one member
// (which the API calls a delete, and answers with "deleted" too).
type deleteOut struct {
	ID      string `json:"id"`
	Email   string `json:"email,omitempty"` // known to prune, and to delete when given one
	Deleted bool   `json:"deleted"`
	Error   string `json:"error,omitempty"`
}

var inviteCSVHeader = []string{"id", "email", "role", "status", "created_at", "expires_at", "accepted_at", "projects"}

type printer struct {
	w      io.Writer
	format string
}

// newPrinter prints to w in format: table, json or csv.
func newPrinter(w io.Writer, format string) printer { return printer{w, format} }

func (p printer) invites(list listOut) error {
	switch p.format {
	case "json":
		return p.json(list)
	case "csv":
		rows := [][]string{inviteCSVHeader}
		for _, inv := range list.Invites {
			rows = append(rows, inv.csvRecord())
		}
		return p.csv(rows)
	}
	if len(list.Invites) == 0 {
		_, err := fmt.Fprintln(p.w, "No invites.")
		return err
	}
	tw := tabwriter.NewWriter(p.w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tEMAIL\tROLE\tSTATUS\tCREATED (UTC)\tEXPIRES (UTC)\tPROJECTS")
	for _, inv := range list.Invites {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", inv.ID, inv.Email, inv.Role, inv.Status,
			tableTime(inv.CreatedAt), tableTime(inv.ExpiresAt), tableProjects(inv.Projects))
	}
	return tw.Flush()
}

func (p printer) invite(inv inviteOut) error {
	switch p.format {
	case "json":
		return p.json(inv)
	case "csv":
		return p.csv([][]string{inviteCSVHeader, inv.csvRecord()})
	}
	tw := tabwriter.NewWriter(p.w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "ID\t%s\nEmail\t%s\nRole\t%s\nStatus\t%s\n", inv.ID, inv.Email, inv.Role, inv.Status)
	fmt.Fprintf(tw, "Created (UTC)\t%s\nExpires (UTC)\t%s\nAccepted (UTC)\t%s\nProjects\t%s\n",
		tableTime(inv.CreatedAt), tableTime(inv.ExpiresAt), tableTime(inv.AcceptedAt), tableProjects(inv.Projects))
	return tw.Flush()
}

// deletions prints the outcomes; in a table, done is the word for a
// success ("deleted", "removed").
func (p printer) deletions(results []deleteOut, done string) error {
	switch p.format {
	case "json":
		return p.json(results)
	case "csv":
		rows := [][]string{{"id", "email", "deleted", "error"}}
		for _, r := range results {
			rows = append(rows, []string{r.ID, r.Email, strconv.FormatBool(r.Deleted), r.Error})
		}
		return p.csv(rows)
	}
	tw := tabwriter.NewWriter(p.w, 0, 0, 2, ' ', 0)
	for _, r := range results {
		cells := []string{done, r.ID}
		if !r.Deleted {
			cells[0] = "FAILED"
		}
		if r.Email != "" {
			cells = append(cells, r.Email)
		}
		if r.Error != "" {
			cells = append(cells, r.Error)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

func (p printer) json(v any) error {
	enc := json.NewEncoder(p.w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func (p printer) csv(rows [][]string) error {
	w := csv.NewWriter(p.w)
	if err := w.WriteAll(rows); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}

func (inv inviteOut) csvRecord() []string {
	return []string{inv.ID, inv.Email, inv.Role, inv.Status,
		csvTime(inv.CreatedAt), csvTime(inv.ExpiresAt), csvTime(inv.AcceptedAt), formatProjects(inv.Projects)}
}

// csvTime writes RFC 3339 in UTC; an absent time is an empty cell.
func csvTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// tableTime keeps tables narrow: minutes, in UTC (the header says so).
func tableTime(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04")
}

func tableProjects(grants []grant) string {
	if len(grants) == 0 {
		return "-"
	}
	return formatProjects(grants)
}

// inviteView is how the CLI shows a client.Invite: zero times become null,
// and projects are never null.
func inviteView(inv client.Invite) inviteOut {
	out := inviteOut{
		ID:         inv.ID,
		Email:      inv.Email,
		Role:       string(inv.Role),
		Status:     string(inv.Status),
		CreatedAt:  optionalTime(inv.CreatedAt),
		ExpiresAt:  optionalTime(inv.ExpiresAt),
		AcceptedAt: optionalTime(inv.AcceptedAt),
		Projects:   make([]grant, len(inv.Projects)),
	}
	for i, p := range inv.Projects {
		out.Projects[i] = grant{ID: p.ID, Role: string(p.Role)}
	}
	return out
}

func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}
