// Package rosterfile reads and writes roster files: lists of who should be
// in an organization, and with which role and projects, as admins have
// them. That is this package's own format (email, role, projects), any CSV
// with an email column, or an export from Google Workspace, Entra ID, Okta
// or BambooHR, recognised by its header ([Exports]), whose defaults keep
// the people who still work there ([Export].Default).
//
// [Read] checks a file whole before anything is sent: it records every
// problem with its line number, so that a bad file is fixed once, and every
// row it leaves out with its reason; it refuses what is no CSV text (a
// workbook, a PDF: [ErrNotCSV]) and a file cut short in its last row.
// [ParseEntry] checks one entry from any other source; [WriteCSV] writes
// entries back in this package's format.
//
// Reading is all it does: package roster plans and applies the entries
// against an organization's members and invites.
package rosterfile
