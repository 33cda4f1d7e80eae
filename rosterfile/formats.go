// Admins do not write rosters by hand: they export users from their
// identity provider or HR system, with dozens of columns under that
// system's own names, and with accounts that are suspended or gone. The
// exports known here are recognised by their headers, so that such a file
// reads with no option at all, and only active accounts are invited.

package rosterfile

import (
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
	// Status is the column that says whether an account is active, and
	// Active the value of it Read keeps by default; "" for a format that
	// has no such column.
	Status, Active string
}

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
		Status:    "Status [READ ONLY]", Active: "Active",
	},
	{
		// mail is the address the person reads and the one Entra ID puts in
		// the email claim of a sign-in; it is empty for accounts without a
		// mailbox, whose userPrincipalName is then their address (a
		// guest's, marked #EXT#, never is).
		Format: FormatEntraID, Name: `Microsoft Entra ID "Download users" file`,
		Signature: []string{"userPrincipalName"},
		Email:     []string{"mail", "userPrincipalName"},
		Status:    "accountEnabled", Active: "True",
	},
	{
		// The CSV import template, with Okta's profile attribute names.
		Format: FormatOkta, Name: "Okta user export (profile attributes)",
		Signature: []string{"login", "email", "firstName", "lastName"},
		Email:     []string{"email"},
		Status:    "status", Active: "ACTIVE",
	},
	{
		Format: FormatOktaReport, Name: "Okta user report",
		Signature: []string{"Username", "Primary email"},
		Email:     []string{"Primary email"},
		Status:    "Status", Active: "ACTIVE",
	},
	{
		Format: FormatBambooHR, Name: "BambooHR report",
		Signature: []string{"Work Email"},
		Email:     []string{"Work Email"},
		Status:    "Status", Active: "Active",
	},
	{
		Format: FormatRoster, Name: "roster file",
		Signature: []string{"email"},
		Email:     []string{"email"},
	},
}

// Exports describes every format Read recognises, in the order it tries
// them, so that a command's help or a README can list them.
func Exports() []Export {
	out := make([]Export, len(exports))
	for i, e := range exports {
		e.Signature, e.Email = slices.Clone(e.Signature), slices.Clone(e.Email)
		out[i] = e
	}
	return out
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
