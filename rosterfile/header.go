// Exports carry dozens of columns in an order the admin chose, so columns
// are found by name, in any case, and every other column is ignored; what
// was used and what was ignored is said once, so that nothing is a
// surprise. A header with no email column lists what it has, so the admin
// can name the right one.

package rosterfile

import (
	"fmt"
	"slices"
	"strings"
)

// header is a file's first row, looked up by name in any case.
type header struct {
	names []string       // as written, trimmed
	index map[string]int // lower-cased name -> first column with it
	count map[string]int // lower-cased name -> how many columns have it
}

func newHeader(rec []string) header {
	h := header{names: make([]string, len(rec)), index: map[string]int{}, count: map[string]int{}}
	for i, name := range rec {
		name = strings.TrimSpace(strings.TrimPrefix(name, "\uFEFF"))
		h.names[i] = name
		k := strings.ToLower(name)
		if _, ok := h.index[k]; !ok {
			h.index[k] = i
		}
		h.count[k]++
	}
	return h
}

func (h header) hasAll(names []string) bool {
	for _, n := range names {
		if _, ok := h.index[strings.ToLower(n)]; !ok {
			return false
		}
	}
	return true
}

// find returns the column named name, -1 if there is none, or an error if
// two columns have that name (which of them is meant cannot be known).
func (h header) find(name string) (int, error) {
	k := strings.ToLower(strings.TrimSpace(name))
	i, ok := h.index[k]
	switch {
	case !ok:
		return -1, nil
	case h.count[k] > 1:
		return -1, fmt.Errorf("column %s appears %d times in the header", quote(h.names[i]), h.count[k])
	}
	return i, nil
}

// ColumnError is Read's error for a header that lacks a column it needs:
// one an option or a filter names, or any email column at all.
type ColumnError struct {
	// Column is the name looked for; "" when no option named the email
	// column and the header has none Read knows.
	Column string
	// For says what the column was wanted for: "email", "role",
	// "projects", "filter" or "owner" (WithOwnersWhere's rule).
	For string
	// Seen lists the header's columns, as written.
	Seen []string
}

func (e *ColumnError) Error() string {
	var b strings.Builder
	if e.Column == "" {
		b.WriteString("the header has no email column")
	} else {
		fmt.Fprintf(&b, "the header has no column %s (for the %s)", quote(e.Column), e.For)
	}
	b.WriteString("; its columns: ")
	const most = 60
	for i, name := range e.Seen {
		if i == most {
			fmt.Fprintf(&b, " and %d more", len(e.Seen)-most)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quote(name))
	}
	if e.Column == "" {
		b.WriteString("; name the one that holds the emails")
	}
	return b.String()
}

// layout is where Read finds what it needs in each record.
type layout struct {
	format   Export
	width    int
	email    []int         // columns to take the email from, in order of preference
	guestUPN int           // the Entra ID userPrincipalName column, -1 elsewhere
	role     int           // -1: no role column
	projects int           // -1: no projects column
	filters  []boundFilter // the export's defaults that apply, then the caller's
	defaults []Filter      // the export's defaults that apply
	owners   []boundFilter // WithOwnersWhere's rule: a row for which all hold is an owner's
	columns  UsedColumns
	ignored  []string
}

// boundFilter is a filter and the column it reads; others are those of
// an export's default (see ExportFilter), nil for a caller's filter.
type boundFilter struct {
	Filter
	col    int
	others []string
}

// unwritten reports whether cell is a value the export's system never
// writes in a column its default filters.
func (bf *boundFilter) unwritten(cell string) bool {
	return bf.others != nil && !bf.has(cell) && !hasValue(bf.others, cell)
}

// UsedColumns says which header columns gave an entry's fields, as the header
// writes them.
type UsedColumns struct {
	// Email holds the columns emails were taken from, in order of
	// preference (two for an Entra ID file: mail, else userPrincipalName).
	Email []string
	// Role and Projects are "" when the file has no such column.
	Role, Projects string
}

// resolve finds the columns of the record, given the header and options.
func resolve(h header, c readConfig) (layout, error) {
	l := layout{format: recognise(h), width: len(h.names), guestUPN: -1}
	used := map[int]bool{}
	missing := func(name, purpose string) error {
		return &ColumnError{Column: name, For: purpose, Seen: h.names}
	}

	emailNames := l.format.Email
	if c.emailColumn != "" {
		emailNames = []string{c.emailColumn}
	}
	for _, name := range emailNames {
		i, err := h.find(name)
		if err != nil {
			return l, err
		}
		if i < 0 {
			continue
		}
		l.email = append(l.email, i)
		l.columns.Email = append(l.columns.Email, h.names[i])
		used[i] = true
		if l.format.Format == FormatEntraID && strings.EqualFold(name, "userPrincipalName") {
			l.guestUPN = i
		}
	}
	if len(l.email) == 0 {
		if c.emailColumn != "" {
			return l, missing(c.emailColumn, "email")
		}
		for _, name := range h.names {
			if strings.Contains(name, "@") {
				return l, fmt.Errorf("no header row: the first line must name the columns (email,role,projects or an export's header); it holds %s", quote(name))
			}
		}
		return l, missing("", "email")
	}

	var err error
	if l.role, err = optional(h, c.roleColumn, "role", missing); err != nil {
		return l, err
	}
	if l.projects, err = optional(h, c.projectsColumn, "projects", missing); err != nil {
		return l, err
	}
	for _, p := range []struct {
		col  int
		name *string
	}{{l.role, &l.columns.Role}, {l.projects, &l.columns.Projects}} {
		if p.col >= 0 {
			*p.name = h.names[p.col]
			used[p.col] = true
		}
	}

	if err := l.bindFilters(h, c.filters, missing); err != nil {
		return l, err
	}
	if l.owners, err = bind(h, c.owners, "owner", missing); err != nil {
		return l, err
	}
	for _, f := range slices.Concat(l.filters, l.owners) {
		used[f.col] = true
	}
	for i, name := range h.names {
		if !used[i] && name != "" {
			l.ignored = append(l.ignored, name)
		}
	}
	return l, nil
}

// optional finds the role or projects column: the one the option names,
// which must exist, else one named like the field, if any.
func optional(h header, option, field string, missing func(string, string) error) (int, error) {
	name := field
	if option != "" {
		name = option
	}
	i, err := h.find(name)
	if err == nil && i < 0 && option != "" {
		err = missing(option, field)
	}
	return i, err
}

// bindFilters finds each filter's column, and those of the export's
// defaults that the header has and no caller's filter replaces.
func (l *layout) bindFilters(h header, filters []Filter, missing func(string, string) error) error {
	callers, err := bind(h, filters, "filter", missing)
	if err != nil {
		return err
	}
	filtered := map[int]bool{}
	for _, f := range callers {
		filtered[f.col] = true
	}
	for _, d := range l.format.Default {
		i, err := h.find(d.Column)
		if err != nil {
			return err
		}
		if i < 0 || filtered[i] {
			continue // no such column (File's notices say so), or the caller's filter replaces it
		}
		f := d.Filter
		f.Column = h.names[i]
		l.defaults = append(l.defaults, f)
		l.filters = append(l.filters, boundFilter{Filter: f, col: i, others: d.Others})
	}
	l.filters = append(l.filters, callers...)
	return nil
}

// bind finds the column of each filter, wanted for purpose.
func bind(h header, filters []Filter, purpose string, missing func(string, string) error) ([]boundFilter, error) {
	var bound []boundFilter
	for _, f := range filters {
		i, err := h.find(f.Column)
		if err != nil {
			return nil, err
		}
		if i < 0 {
			return nil, missing(f.Column, purpose)
		}
		bound = append(bound, boundFilter{Filter: f, col: i})
	}
	return bound, nil
}
