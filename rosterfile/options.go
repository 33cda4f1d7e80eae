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

// WithFilters keeps only the rows for which every filter holds (filters
// add up over several calls). For a recognised export, the default keeps
// only active accounts; a filter on the export's status column replaces
// that default, and other filters add to it.
func WithFilters(filters ...Filter) ReadOption {
	return func(c *readConfig) { c.filters = append(c.filters, filters...) }
}

// WithDelimiter sets the cell separator, in place of the one Read detects
// from the header (the most frequent of ',', ';' and tab outside quotes).
// 0 means not given. [ParseDelimiter] reads one as people write it.
func WithDelimiter(d rune) ReadOption {
	return func(c *readConfig) { c.delimiter = d }
}

// Filter keeps the rows whose cell in Column (a header name, in any case)
// equals Value, without regard to case or surrounding spaces.
type Filter struct {
	Column, Value string
}

func (f Filter) String() string { return f.Column + "=" + f.Value }

// holds reports whether the cell passes the filter.
func (f Filter) holds(cell string) bool {
	return strings.EqualFold(strings.TrimSpace(cell), strings.TrimSpace(f.Value))
}

// ParseFilter reads a filter written COLUMN=VALUE, as in
// `Department=Engineering`; the first '=' ends the column name, and VALUE
// may be empty (the rows whose cell is empty).
func ParseFilter(s string) (Filter, error) {
	column, value, ok := strings.Cut(s, "=")
	column = strings.TrimSpace(column)
	if !ok || column == "" {
		return Filter{}, fmt.Errorf("filter %s: want COLUMN=VALUE", quote(s))
	}
	return Filter{Column: column, Value: strings.TrimSpace(value)}, nil
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
	}
	if err := errors.Join(problems...); err != nil {
		return c, &kindError{msg: err.Error(), kind: ErrInvalidOption, err: err}
	}
	return c, nil
}

// ErrInvalidOption is matched by Read's error when an option is wrong
// whatever the file: a delimiter that cannot separate cells, a filter (or
// an owner rule) without a column.
var ErrInvalidOption = errors.New("rosterfile: invalid read option")
