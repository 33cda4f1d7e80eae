// Admins do not write rosters by hand: they export users from their
// identity provider or HR system, with dozens of columns under that
// system's own names, and with accounts of people who have left, have not
// started yet, or are no people at all. The exports known here are
// recognised by their headers, so that such a file reads with no option at
// all, and keeps by default the people who still work there: a person the
// default left out by mistake would be removed by a sync, so each default
// is written against the values its system writes, in its case.

package rosterfile

import (
	"fmt"
	"slices"
	"strings"
)

// Format is the kind of file Read found: one of the known exports, or
// FormatRoster for any other file with an email column.
type Format string

// The formats Read recognises; [Exports] describes each.
const (
	FormatGoogleWorkspace Format = "google-workspace"
	FormatEntraID         Format = "entra-id"
	FormatOkta            Format = "okta"
	FormatOktaReport      Format = "okta-report"
	FormatBambooHR        Format = "bamboohr"
	// FormatRoster is a file whose columns are named email, role and
	// projects (this package's own, as WriteCSV writes it), or whose
	// columns the read options name.
	FormatRoster Format = "roster"
)

// Export describes one kind of file Read recognises by its header.
type Export struct {
	Format Format
	// Name is what the format is called, for messages.
	Name string
	// Signature holds the header names that identify the format: a header
	// holding all of them (in any case and order) is read as this format.
	Signature []string
	// Email holds the columns an email is taken from, in order of
	// preference: a row's email is the first of them that is not empty.
	Email []string
	// Default holds the filters Read applies to the format unless told
	// otherwise: together they keep the people who still work there. Each
	// applies where the header has its column; a caller's filter on that
	// column replaces it.
	Default []ExportFilter
}

// ExportFilter is one of an export's default filters, with what its system
// writes in the column.
type ExportFilter struct {
	Filter
	// Others are the other values the system writes in the column, all of
	// which the filter leaves out: a cell holding none of Values and
	// Others is no value the system writes (most often, a row cut short in
	// that cell), and its row is invalid rather than left out. nil for a
	// filter that leaves out named values (Exclude), which lets any other
	// value through.
	Others []string
}

// dirSyncAccount is the display name Microsoft Entra Connect gives the
// account it creates in the tenant to write the on-premises directory
// into it (its userPrincipalName is Sync_SERVER_ID@TENANT.onmicrosoft.com):
// an enabled member account no person signs in with.
const dirSyncAccount = "On-Premises Directory Synchronization Service Account"

// guestMarker marks an Entra ID guest's userPrincipalName
// (ada_example.com#EXT#@tenant.onmicrosoft.com): a sign-in name made from
// the guest's own address, not an address anyone reads.
const guestMarker = "#EXT#"

// exports are tried in order; the first whose signature the header holds
// wins. FormatRoster comes last: its signature, email, is a column other
// formats may hold too.
var exports = []Export{
	{
		Format: FormatGoogleWorkspace, Name: "Google Workspace user export",
		Signature: []string{"Email Address [Required]"},
		Email:     []string{"Email Address [Required]"},
		Default:   []ExportFilter{keep("Status [READ ONLY]", []string{"Active"}, "Suspended", "Archived")},
	},
	{
		// mail is the address the person reads and the one Entra ID puts in
		// the email claim of a sign-in; it is empty for accounts without a
		// mailbox, whose userPrincipalName is then their address (a
		// guest's, marked #EXT#, never is).
		Format: FormatEntraID, Name: `Microsoft Entra ID "Download users" file`,
		Signature: []string{"userPrincipalName"},
		Email:     []string{"mail", "userPrincipalName"},
		Default: []ExportFilter{
			keep("accountEnabled", []string{"True"}, "False"),
			keep("userType", []string{"Member"}, "Guest"),
			{Filter: Filter{Column: "displayName", Values: []string{dirSyncAccount}, Exclude: true}},
		},
	},
	{
		// The CSV import template, with Okta's profile attribute names. The
		// statuses are the API's: the people who can sign in, or are
		// locked out or recovering access, still work there; the staged
		// and provisioned have not started, the suspended and
		// deprovisioned have stopped.
		Format: FormatOkta, Name: "Okta user export (profile attributes)",
		Signature: []string{"login", "email", "firstName", "lastName"},
		Email:     []string{"email"},
		Default:   []ExportFilter{keep("status", oktaWorking, oktaNotWorking...)},
	},
	{
		Format: FormatOktaReport, Name: "Okta user report",
		Signature: []string{"Username", "Primary email"},
		Email:     []string{"Primary email"},
		Default:   []ExportFilter{keep("Status", oktaWorking, oktaNotWorking...)},
	},
	{
		Format: FormatBambooHR, Name: "BambooHR report",
		Signature: []string{"Work Email"},
		Email:     []string{"Work Email"},
		Default:   []ExportFilter{keep("Status", []string{"Active"}, "Inactive")},
	},
	{
		Format: FormatRoster, Name: "roster file",
		Signature: []string{"email"},
		Email:     []string{"email"},
	},
}

// Okta's user statuses, as its API and exports write them.
var (
	oktaWorking    = []string{"ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY"}
	oktaNotWorking = []string{"STAGED", "PROVISIONED", "SUSPENDED", "DEPROVISIONED"}
)

// keep is a default filter that keeps the values given and leaves out the
// others the system writes.
func keep(column string, values []string, others ...string) ExportFilter {
	return ExportFilter{Filter: Filter{Column: column, Values: values}, Others: others}
}

// Exports describes every format Read recognises, in the order it tries
// them, so that a command's help or a README can list them.
func Exports() []Export {
	out := make([]Export, len(exports))
	for i, e := range exports {
		e.Signature, e.Email, e.Default = slices.Clone(e.Signature), slices.Clone(e.Email), slices.Clone(e.Default)
		for j, d := range e.Default {
			e.Default[j].Values, e.Default[j].Others = slices.Clone(d.Values), slices.Clone(d.Others)
		}
		out[i] = e
	}
	return out
}

// Keeps says in words which rows the defaults keep, for a command's help:
// `"Status" is Active (not Inactive)`, or "every row" for a format without
// defaults.
func (e Export) Keeps() string {
	if len(e.Default) == 0 {
		return "every row"
	}
	parts := make([]string, len(e.Default))
	for i, d := range e.Default {
		switch {
		case d.Exclude:
			parts[i] = fmt.Sprintf("%q is not %s", d.Column, orWords(d.Values))
		case len(d.Others) > 0:
			parts[i] = fmt.Sprintf("%q is %s (not %s)", d.Column, orWords(d.Values), orWords(d.Others))
		default:
			parts[i] = fmt.Sprintf("%q is %s", d.Column, orWords(d.Values))
		}
	}
	return strings.Join(parts, "; ")
}

// orWords is "A", "A or B", "A, B or C".
func orWords(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// Name is what the format is called, for messages: "Google Workspace user
// export".
func (f Format) Name() string {
	if e, ok := f.export(); ok {
		return e.Name
	}
	return string(f)
}

func (f Format) export() (Export, bool) {
	for _, e := range exports {
		if e.Format == f {
			return e, true
		}
	}
	return Export{}, false
}

// recognise returns the export whose signature the header holds, or the
// roster format when none does.
func recognise(h header) Export {
	for _, e := range exports {
		if h.hasAll(e.Signature) {
			return e
		}
	}
	return exports[len(exports)-1]
}

// isGuestName reports whether an Entra ID userPrincipalName is a guest's.
func isGuestName(v string) bool { return strings.Contains(strings.ToUpper(v), guestMarker) }
