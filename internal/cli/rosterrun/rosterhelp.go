// import and sync read the same files, and their help says how from what
// roster itself knows (its exports, its limits), so that the help cannot
// drift from what the command does.

package rosterrun

import (
	"fmt"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
)

// rosterHelp is the part of import's and sync's long help about the file.
func rosterHelp() string {
	var b strings.Builder
	b.WriteString(`

The file. Columns are found by name, in any case; every other column is
ignored, and named in the summary. These exports are recognised by their
header and need no flag; by default, only the people who still work there:

`)
	exports := rosterfile.Exports()
	width := 0
	for _, e := range exports {
		width = max(width, len(e.Format))
	}
	for _, e := range exports {
		kept := e.Keeps()
		name := e.Name
		if e.Format == rosterfile.FormatRoster {
			name += ", any other file with an email column"
		}
		fmt.Fprintf(&b, "  %-*s  %s\n  %*s  email from %s; kept: %s\n", width, e.Format, name, width, "", quotedOr(e.Email), kept)
	}
	fmt.Fprintf(&b, `
Roles come from the file, or are not managed. A row without a role (a file
with no role column, as every export above is, or an empty role cell) is
not read as %s: its member keeps the role they have, and only a new
invite gets one, --default-role (%[1]s unless said). --owner-where
COLUMN=VALUE names owners by rule, read as --where is (repeatable; every
one must hold): a row that matches has the role %s, and the others keep
what the file says, which with no role column is no role at all. A rule on
a column the export keeps up to date (--owner-where "Department=IT") stays
right as people join and leave, where a list of owners kept apart from the
export would not.

--email-column, --role-column and --projects-column name columns called
otherwise. --where COLUMN=A|B keeps only the rows whose cell is A or B,
--where COLUMN!=A|B those whose cell is neither (values in any case;
repeated on one column, any value; on several, every one must hold); one
on a column an export's default filters replaces that default, in whose
column a value its system never writes makes the row invalid. A row left
out is counted in the summary, and listed in --report and -o json|csv
with the outcome %s.

The file may be UTF-8, with or without a byte order mark, or UTF-16 with
one, with CRLF, LF or CR line ends; the cell separator (comma, semicolon or
tab) is found from the header or a sep= first line, or set by --delimiter.

Limits, checked on every row before anything is sent: at most %d project
grants a row, project IDs of at most %d bytes, at most %d rows of at most
%d MiB each.`, client.RoleReader, client.RoleOwner, roster.Skipped, rosterfile.MaxProjectGrants, rosterfile.MaxProjectIDLength, rosterfile.MaxRows, rosterfile.MaxRowBytes>>20)
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
