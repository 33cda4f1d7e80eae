// The import file is checked whole before anything is sent: every problem is
// reported with its line number, so the user fixes the file once instead of
// discovering errors one request (and one rate-limit wait) at a time.
package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// importRow is one data row of an import file.
type importRow struct {
	Line     int
	Email    string
	Role     string
	Projects []grant // nil: the default project; empty: none
	Problems []string
}

func (r importRow) valid() bool { return len(r.Problems) == 0 }

// problem joins the row's problems into one message.
func (r importRow) problem() string { return strings.Join(r.Problems, "; ") }

var importColumns = []string{"email", "role", "projects"}

// readImportCSV parses and validates an import file. The error is for the
// file as a whole (no header, broken quoting); problems with single rows are
// recorded on those rows so they can all be reported together.
func readImportCSV(r io.Reader) ([]importRow, error) {
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

	var rows []importRow
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

// headerColumns maps each known column name to its index. Names are matched
// without regard to case or surrounding space, and a UTF-8 byte order mark
// (as Excel writes) is ignored.
func headerColumns(header []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, name := range header {
		name = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\uFEFF")))
		_, dup := cols[name]
		switch {
		case !slices.Contains(importColumns, name):
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
func parseRow(line int, rec []string, cols map[string]int, width int) importRow {
	row := importRow{Line: line}
	if len(rec) != width {
		row.Problems = append(row.Problems, fmt.Sprintf("%d columns, want %d", len(rec), width))
		return row
	}
	row.Email = strings.TrimSpace(rec[cols["email"]])
	if err := checkEmail(row.Email); err != nil {
		row.Problems = append(row.Problems, err.Error())
	}
	role, err := checkRole(rec[cols["role"]])
	if err != nil {
		row.Problems = append(row.Problems, err.Error())
	}
	row.Role = role
	if i, ok := cols["projects"]; ok {
		row.Projects, err = parseProjects(rec[i])
		if err != nil {
			row.Problems = append(row.Problems, err.Error())
		}
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
