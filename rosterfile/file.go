// What Read found is reported whole: the format it recognised, the columns
// it used and ignored, the rows it kept and the ones it left out with the
// reason for each. A row is never dropped unsaid, so an admin can check
// that a file meant what they thought before anything is sent.

package rosterfile

import (
	"fmt"
	"slices"
	"strings"
)

// File is a roster file as Read found it.
type File struct {
	// Format is the export recognised from the header, or FormatRoster.
	Format Format
	// Encoding is one of the Encoding constants; Delimiter is the cell
	// separator used (detected, or the one WithDelimiter gave).
	Encoding  string
	Delimiter rune
	// Columns are the header columns entries came from; Ignored lists
	// every other named column, in header order (filter columns are used,
	// not ignored).
	Columns UsedColumns
	Ignored []string
	// Filters are the filters every kept row passed: the export's
	// defaults that applied first (DefaultFilters, each on a column the
	// header has and no caller's filter replaced), then the caller's.
	Filters        []Filter
	DefaultFilters []Filter
	// OwnersWhere is WithOwnersWhere's rule, and Owners counts the kept
	// rows it named owners.
	OwnersWhere []Filter
	Owners      int
	// NoRole counts the kept rows without a role: with no role column
	// (Columns.Role ""), every row the owner rule does not name; else
	// those whose role cell is empty. Their members keep their roles.
	NoRole int
	// EmailFallbacks counts the rows whose email came from a column after
	// the first of Columns.Email (for Entra ID: userPrincipalName, as
	// mail was empty).
	EmailFallbacks int
	// Rows are the people rows kept, valid or not, in file order.
	Rows []Row
	// Skipped are the rows a filter left out, in file order.
	Skipped []Skip
	// Merged are the rows that repeated an earlier row's entry exactly
	// (same email, role and projects), read as that row.
	Merged []Merge
	// EmptyRows counts the rows with no cell filled, which spreadsheets
	// write after the data (",,,"); they are skipped.
	EmptyRows int
}

// Row is one data row of a roster file.
type Row struct {
	Line int // the line the row starts on, 1 being the header
	Entry
	Problems []string // why the row is invalid; empty when it is valid
}

// Valid reports whether the row has no problem.
func (r Row) Valid() bool { return len(r.Problems) == 0 }

// Problem joins the row's problems into one message.
func (r Row) Problem() string { return strings.Join(r.Problems, "; ") }

// Skip is a row a filter left out.
type Skip struct {
	Line  int
	Email string // the row's email cell, for a report (not checked)
	// Filter is the first filter the row failed, and Value its cell there.
	Filter Filter
	Value  string
}

// Reason says why the row was left out: `Status [READ ONLY] is
// "Suspended", not "Active"`, or for a filter that leaves values out,
// `displayName is "On-Premises Directory Synchronization Service Account",
// a value left out`.
func (s Skip) Reason() string {
	if s.Filter.Exclude {
		return fmt.Sprintf("%s is %s, a value left out", s.Filter.Column, quote(s.Value))
	}
	return fmt.Sprintf("%s is %s, not %s", s.Filter.Column, quote(s.Value), orWords(quoteAll(s.Filter.Values)))
}

// Merge is a row that repeated an earlier one exactly.
type Merge struct {
	Line, FirstLine int
	Email           string
}

// SkipCount is how many rows one filter left out for one value.
type SkipCount struct {
	Filter Filter
	Value  string
	Rows   int
}

// SkipCounts groups the skipped rows by filter and value (values compared
// without regard to case), in the order they first appear.
func (f *File) SkipCounts() []SkipCount {
	var out []SkipCount
	at := map[[2]string]int{}
	for _, s := range f.Skipped {
		k := [2]string{strings.ToLower(s.Filter.String()), strings.ToLower(strings.TrimSpace(s.Value))}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, SkipCount{Filter: s.Filter, Value: s.Value})
		}
		out[i].Rows++
	}
	return out
}

// Entries returns the entries of the valid rows, in file order: what a
// plan takes. A caller that plans removals from them should refuse a file
// with invalid rows, as the CLI does: an invalid row's person is in no
// entry.
func (f *File) Entries() []Entry {
	var out []Entry
	for _, r := range f.Rows {
		if r.Valid() {
			out = append(out, r.Entry)
		}
	}
	return out
}

// Notices says in a few lines what Read did that the admin should know:
// the format it recognised and the column the emails came from, the rows it
// kept and why it left others out, the columns it ignored, the role rows
// without one got, and the rows it merged. A file in this package's own
// format, all of whose columns were used and all of whose rows were kept,
// has none.
func (f *File) Notices() []string {
	var out []string
	if f.Format != FormatRoster {
		out = append(out, fmt.Sprintf("%s recognised; emails from %s", f.Format.Name(), orList(f.Columns.Email)))
	}
	if f.EmailFallbacks > 0 && len(f.Columns.Email) > 1 {
		out = append(out, fmt.Sprintf("%s no %s: the email is the %s", counted(f.EmailFallbacks, "row has", "rows have"), quote(f.Columns.Email[0]), quote(f.Columns.Email[1])))
	}
	if len(f.Filters) > 0 {
		out = append(out, f.keptNotice())
	}
	out = append(out, f.unfilteredNotices()...)
	if len(f.Ignored) > 0 {
		out = append(out, fmt.Sprintf("ignored %s: %s", counted(len(f.Ignored), "column", "columns"), quotedList(f.Ignored, 40)))
	}
	if len(f.OwnersWhere) > 0 {
		out = append(out, fmt.Sprintf("owners by rule (%s): %s", conditions(f.OwnersWhere), counted(f.Owners, "row", "rows")))
	}
	const leftAsIs = "their roles are left as they are (a member keeps theirs; a new invite gets the default role)"
	switch {
	case f.NoRole == 0:
	case f.Columns.Role == "" && f.Owners == 0:
		out = append(out, "no role column: "+leftAsIs)
	default:
		out = append(out, fmt.Sprintf("%s no role: %s", counted(f.NoRole, "row has", "rows have"), leftAsIs))
	}
	if len(f.Merged) > 0 {
		lines := make([]string, 0, len(f.Merged))
		for _, m := range f.Merged {
			lines = append(lines, fmt.Sprintf("line %d (as %d)", m.Line, m.FirstLine))
		}
		out = append(out, fmt.Sprintf("merged %s repeating an earlier one exactly: %s", counted(len(f.Merged), "row", "rows"), cut(lines, 20)))
	}
	return out
}

// keptNotice is "kept 12 of 16 rows, those with Status [READ ONLY] Active;
// left out 3 Suspended, 1 Archived".
func (f *File) keptNotice() string {
	s := fmt.Sprintf("kept %d of %d rows, those with %s", len(f.Rows)+len(f.Merged), len(f.Rows)+len(f.Merged)+len(f.Skipped), conditions(f.Filters))
	counts := f.SkipCounts()
	if len(counts) == 0 {
		return s
	}
	parts := make([]string, len(counts))
	for i, c := range counts {
		parts[i] = fmt.Sprintf("%d with %s %s", c.Rows, c.Filter.Column, quote(c.Value))
	}
	return s + "; left out " + cut(parts, 10)
}

// conditions is `Status [READ ONLY] "Active" and Team "Research" or
// "Logic" and Dept not "Sales"`.
func conditions(filters []Filter) string {
	conds := make([]string, len(filters))
	for i, fl := range filters {
		switch {
		case !fl.Exclude:
			conds[i] = fl.Column + " " + orWords(quoteAll(fl.Values))
		case len(fl.Values) == 1:
			conds[i] = fl.Column + " not " + quote(fl.Values[0])
		default:
			conds[i] = fl.Column + " none of " + strings.Join(quoteAll(fl.Values), ", ")
		}
	}
	return strings.Join(conds, " and ")
}

// unfilteredNotices names each column an export's default filters that
// the header lacks: no row is left out by it.
func (f *File) unfilteredNotices() []string {
	e, _ := f.Format.export()
	var out []string
	for _, d := range e.Default {
		if !slices.ContainsFunc(f.Filters, func(fl Filter) bool { return strings.EqualFold(fl.Column, d.Column) }) {
			out = append(out, fmt.Sprintf("no %s column: no row is left out by its %s", quote(d.Column), d.Column))
		}
	}
	return out
}

// counted is "1 row" or "2 rows".
func counted(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// orList is `"mail", else "userPrincipalName"`.
func orList(names []string) string { return strings.Join(quoteAll(names), ", else ") }

// quotedList quotes names, at most n of them.
func quotedList(names []string, n int) string { return cut(quoteAll(names), n) }

// quoteAll quotes each of values.
func quoteAll(values []string) []string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = quote(v)
	}
	return q
}

// cut joins at most n items, saying how many more there are.
func cut(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}
