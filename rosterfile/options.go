// Read needs no option for the files it recognises; the options are for the
// others, each mapping one to one onto a flag a command offers (the zero
// value of each means "not given", so a command can pass its flags through
// unconditionally).

package rosterfile

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// ReadOption changes how Read reads a file.
type ReadOption func(*readConfig)

type readConfig struct {
	emailColumn, roleColumn, projectsColumn string
	filters, owners                         []Filter
	delimiter                               rune
}

// WithEmailColumn names the column that holds the emails (in any case), in
// place of the one the format would use. "" leaves the choice to Read.
func WithEmailColumn(name string) ReadOption {
	return func(c *readConfig) { c.emailColumn = name }
}

// WithRoleColumn names the column that holds the roles (reader or owner),
// in place of one named role. "" leaves the choice to Read.
func WithRoleColumn(name string) ReadOption {
	return func(c *readConfig) { c.roleColumn = name }
}

// WithProjectsColumn names the column that holds the project grants, in
// place of one named projects. "" leaves the choice to Read.
func WithProjectsColumn(name string) ReadOption {
	return func(c *readConfig) { c.projectsColumn = name }
}

// WithOwnersWhere names the owners by rule, for a file with no role column
// (an identity provider's or HR system's export): a kept row for which
// every filter holds has the role owner, as a role cell saying owner would
// give it. Other rows keep what the file says, and in a file with no role
// column that is no role at all (see [Entry.HasRole]), never reader. A row
// the rule names whose role cell says another role is a problem on its
// row. Filters add up over several calls, and read as [WithFilters]'s do.
func WithOwnersWhere(filters ...Filter) ReadOption {
	return func(c *readConfig) { c.owners = append(c.owners, filters...) }
}

// WithFilters keeps only the rows that every filter lets through (filters
// add up over several calls). Filters on one column that keep (or leave
// out) values are one filter of all their values: Status=A and Status=B
// keep a row whose Status is A or B. For a recognised export, the defaults
// ([Export].Default) keep the people who still work there; a filter on a
// column a default filters replaces that default, and other filters add
// to them.
func WithFilters(filters ...Filter) ReadOption {
	return func(c *readConfig) { c.filters = append(c.filters, filters...) }
}

// WithDelimiter sets the cell separator, in place of the one Read detects
// from the header (the most frequent of ',', ';' and tab outside quotes)
// or a spreadsheet's "sep=" first line. 0 means not given.
// [ParseDelimiter] reads one as people write it.
func WithDelimiter(d rune) ReadOption {
	return func(c *readConfig) { c.delimiter = d }
}

// Filter keeps the rows whose cell in Column (a header name, in any case)
// equals any of Values, or with Exclude the rows whose cell equals none of
// them; cells and values compare without regard to case or surrounding
// spaces.
type Filter struct {
	Column  string
	Values  []string
	Exclude bool
}

// String is the filter as ParseFilter reads it: `Status=Active|Leave`, or
// `userPrincipalName!=breakglass@contoso.onmicrosoft.com`.
func (f Filter) String() string {
	op := "="
	if f.Exclude {
		op = "!="
	}
	return f.Column + op + strings.Join(f.Values, "|")
}

// holds reports whether the cell passes the filter.
func (f Filter) holds(cell string) bool { return f.has(cell) != f.Exclude }

// has reports whether the cell equals one of the filter's values.
func (f Filter) has(cell string) bool { return hasValue(f.Values, cell) }

// hasValue reports whether cell equals one of values, as filters compare.
func hasValue(values []string, cell string) bool {
	cell = strings.TrimSpace(cell)
	for _, v := range values {
		if strings.EqualFold(cell, strings.TrimSpace(v)) {
			return true
		}
	}
	return false
}

// ParseFilter reads a filter as a --where flag writes it: COLUMN=VALUE
// keeps the rows whose cell is VALUE, COLUMN=A|B those whose cell is A or
// B, and COLUMN!=A|B those whose cell is neither. The first '=' ends the
// column name (a '!' just before it makes the filter leave values out);
// '|' separates values, and a value may be empty (an empty cell).
func ParseFilter(s string) (Filter, error) {
	column, value, ok := strings.Cut(s, "=")
	column, exclude := strings.CutSuffix(strings.TrimSpace(column), "!")
	column = strings.TrimSpace(column)
	if !ok || column == "" {
		return Filter{}, fmt.Errorf("filter %s: want COLUMN=VALUE", quote(s))
	}
	values := strings.Split(value, "|")
	for i, v := range values {
		values[i] = strings.TrimSpace(v)
	}
	return Filter{Column: column, Values: values, Exclude: exclude}, nil
}

// ParseDelimiter reads a cell separator as people write it: one character
// (",", ";", "|", a tab) or the words "tab", `\t`, "comma" and
// "semicolon". "" gives 0: detect it.
func ParseDelimiter(s string) (rune, error) {
	switch strings.ToLower(s) {
	case "":
		return 0, nil
	case "tab", `\t`:
		return '\t', nil
	case "comma":
		return ',', nil
	case "semicolon":
		return ';', nil
	}
	r, size := utf8.DecodeRuneInString(s)
	if size != len(s) {
		return 0, fmt.Errorf("delimiter %s: want one character, or tab", quote(s))
	}
	return r, checkDelimiter(r)
}

// checkDelimiter refuses what cannot separate cells: a quote, a line end,
// or something that is not a character.
func checkDelimiter(r rune) error {
	if r == '"' || r == '\r' || r == '\n' || r == utf8.RuneError || !utf8.ValidRune(r) || r == 0 {
		return fmt.Errorf("delimiter %s: cannot separate cells", quote(string(r)))
	}
	return nil
}

// config applies opts and checks what they say that does not depend on the
// file.
func config(opts []ReadOption) (readConfig, error) {
	var c readConfig
	for _, o := range opts {
		o(&c)
	}
	var problems []error
	if c.delimiter != 0 {
		if err := checkDelimiter(c.delimiter); err != nil {
			problems = append(problems, err)
		}
	}
	for _, f := range slices.Concat(c.filters, c.owners) {
		if strings.TrimSpace(f.Column) == "" {
			problems = append(problems, fmt.Errorf("filter %s: no column named", quote(f.String())))
		}
		if len(f.Values) == 0 {
			problems = append(problems, fmt.Errorf("filter %s: no value given", quote(f.String())))
		}
	}
	c.filters = mergeFilters(c.filters)
	if err := errors.Join(problems...); err != nil {
		return c, &kindError{msg: err.Error(), kind: ErrInvalidOption, err: err}
	}
	return c, nil
}

// mergeFilters makes the filters on one column that keep values one filter
// of all their values, and so for those that leave values out: a row then
// passes when its cell is any of the values kept (or none of those left
// out). The first filter's spelling of the column is kept.
func mergeFilters(filters []Filter) []Filter {
	var out []Filter
	at := map[string]int{} // the column's header key and the sense -> index in out
	for _, f := range filters {
		k := fmt.Sprintf("%t %s", f.Exclude, strings.ToLower(strings.TrimSpace(f.Column)))
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, Filter{Column: f.Column, Exclude: f.Exclude})
		}
		for _, v := range f.Values {
			if !hasValue(out[i].Values, v) {
				out[i].Values = append(out[i].Values, v)
			}
		}
	}
	return out
}

// ErrInvalidOption is matched by Read's error when an option is wrong
// whatever the file: a delimiter that cannot separate cells, a filter (or
// an owner rule) without a column or a value.
var ErrInvalidOption = errors.New("rosterfile: invalid read option")
