// A roster file is checked whole before anything is sent: every problem is
// reported with its line number, so the user fixes the file once instead of
// discovering errors one request (and one rate-limit wait) at a time.

package roster

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

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

// Columns is the header of a roster file. ReadCSV accepts them in any order
// and any case; projects may be left out.
var Columns = []string{"email", "role", "projects"}

// ReadCSV reads and checks a roster file: a header row naming [Columns],
// then one person per row. The error is for the file as a whole (no header,
// broken quoting, no rows); problems with single rows, a duplicate email
// among them, are recorded on those rows so they can all be reported
// together. A UTF-8 byte order mark, as spreadsheets write, is ignored.
func ReadCSV(r io.Reader) ([]Row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // a short or long row is that row's problem, not the file's
	cr.TrimLeadingSpace = true

	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, errors.New("the file is empty: want a header row email,role,projects")
	}
	if err != nil {
		return nil, csvError(err)
	}
	cols, err := headerColumns(header)
	if err != nil {
		line, _ := cr.FieldPos(0)
		return nil, fmt.Errorf("line %d: %w", line, err)
	}

	var rows []Row
	firstLine := map[string]int{} // lowercased email -> line it first appeared on
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		row := parseRow(line, rec, cols, len(header))
		if row.Email != "" {
			key := strings.ToLower(row.Email)
			if first, dup := firstLine[key]; dup {
				row.Problems = append(row.Problems, fmt.Sprintf("duplicate email %s (first on line %d)", row.Email, first))
			} else {
				firstLine[key] = line
			}
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil, errors.New("no rows after the header")
	}
	return rows, nil
}

// Entries returns the entries of the valid rows, in file order.
func Entries(rows []Row) []Entry {
	var out []Entry
	for _, r := range rows {
		if r.Valid() {
			out = append(out, r.Entry)
		}
	}
	return out
}

// WriteCSV writes entries as a roster file that ReadCSV reads back to the
// same entries.
func WriteCSV(w io.Writer, entries []Entry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
		return err
	}
	for _, e := range entries {
		if err := cw.Write([]string{e.Email, string(e.Role), FormatProjects(e.Projects)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// headerColumns maps each known column name to its index. Names are matched
// without regard to case or surrounding space, and a UTF-8 byte order mark
// (as Excel writes) is ignored.
func headerColumns(header []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, name := range header {
		name = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\uFEFF")))
		_, dup := cols[name]
		switch {
		case !slices.Contains(Columns, name):
			if strings.Contains(name, "@") {
				return nil, errors.New("no header row: the first line must be email,role,projects")
			}
			return nil, fmt.Errorf("unknown column %q in the header (want email,role,projects)", name)
		case dup:
			return nil, fmt.Errorf("column %q appears twice in the header", name)
		}
		cols[name] = i
	}
	for _, need := range []string{"email", "role"} {
		if _, ok := cols[need]; !ok {
			return nil, fmt.Errorf("the header has no %q column (want email,role,projects)", need)
		}
	}
	return cols, nil
}

// parseRow checks one record; width is the header's column count.
func parseRow(line int, rec []string, cols map[string]int, width int) Row {
	row := Row{Line: line}
	if len(rec) != width {
		row.Problems = append(row.Problems, fmt.Sprintf("%d columns, want %d", len(rec), width))
		return row
	}
	projects := ""
	if i, ok := cols["projects"]; ok {
		projects = rec[i]
	}
	var problems []error
	row.Entry, problems = parseEntry(rec[cols["email"]], rec[cols["role"]], projects)
	for _, p := range problems {
		row.Problems = append(row.Problems, p.Error())
	}
	return row
}

// csvError turns encoding/csv's error into "line N: ..." like the others.
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if pe.StartLine != pe.Line {
			return fmt.Errorf("line %d (a quoted field runs to line %d): %w", pe.StartLine, pe.Line, pe.Err)
		}
		return fmt.Errorf("line %d: %w", pe.Line, pe.Err)
	}
	return err
}
