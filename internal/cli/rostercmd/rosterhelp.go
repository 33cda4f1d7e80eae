// import and sync read the same files, and their help says how from what
// roster itself knows (its exports, its limits), so that the help cannot
// drift from what the command does.

package rostercmd

import (
	"fmt"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
)

// rosterHelp is the part of import's and sync's long help about the file.
func rosterHelp() string {
	var b strings.Builder
	b.WriteString(`

The file. Columns are found by name, in any case; every other column is
ignored, and named in the summary. These exports are recognised by their
header and need no flag; only their active accounts are kept:

`)
	exports := roster.Exports()
	width := 0
	for _, e := range exports {
		width = max(width, len(e.Format))
	}
	for _, e := range exports {
		kept := "every row"
		if e.Status != "" {
			kept = fmt.Sprintf("%q is %s", e.Status, e.Active)
		}
		name := e.Name
		if e.Format == roster.FormatRoster {
			name += ", any other file with an email column"
		}
		fmt.Fprintf(&b, "  %-*s  %s\n  %*s  email from %s; kept: %s\n", width, e.Format, name, width, "", quotedOr(e.Email), kept)
	}
	fmt.Fprintf(&b, `
A file with no role column gives every row %s, the least privilege
(--default-role %s gives them %[2]s). --email-column, --role-column and
--projects-column name columns called otherwise. --where COLUMN=VALUE
(repeatable; every one must hold; values in any case) keeps only the rows
that match; one on an export's status column replaces its default. A row
left out is counted in the summary, and listed in --report and -o json|csv
with the outcome %s.

The file may be UTF-8, with or without a byte order mark, or UTF-16 with
one, with CRLF, LF or CR line ends; the cell separator (comma, semicolon or
tab) is found from the header, or set by --delimiter.

Limits, checked on every row before anything is sent: at most %d project
grants a row, project IDs of at most %d bytes, at most %d rows of at most
%d MiB each.`, client.RoleReader, client.RoleOwner, roster.Skipped, roster.MaxProjectGrants, roster.MaxProjectIDLength, roster.MaxRows, roster.MaxRowBytes>>20)
	return b.String()
}

// quotedOr is `"mail", else "userPrincipalName"`.
func quotedOr(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", else ")
}
