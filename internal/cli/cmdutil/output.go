// Output has three audiences: people (table, the default everywhere, so what
// a user sees never depends on whether stdout is piped) and scripts (json and
// csv, whose fields and order are a contract). Each noun's package prints
// its own things in the three formats with the Printer here, which also
// prints what they share: the outcome of each deletion.

package cmdutil

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// OutputFormats are the values of --output.
var OutputFormats = []string{"table", "json", "csv"}

// DeleteOut is the outcome of deleting one invite, or removing one member
// (which the API calls a delete, and answers with "deleted" too).
type DeleteOut struct {
	ID      string `json:"id"`
	Email   string `json:"email,omitempty"` // known to prune, and to delete when given one
	Deleted bool   `json:"deleted"`
	Error   string `json:"error,omitempty"`
}

// Printer prints to W in Format: table, json or csv.
type Printer struct {
	W      io.Writer
	Format string
}

// NewPrinter prints to w in format: table, json or csv.
func NewPrinter(w io.Writer, format string) Printer { return Printer{w, format} }

// Deletions prints the outcomes; in a table, done is the word for a
// success ("deleted", "removed").
func (p Printer) Deletions(results []DeleteOut, done string) error {
	switch p.Format {
	case "json":
		return p.JSON(results)
	case "csv":
		rows := [][]string{{"id", "email", "deleted", "error"}}
		for _, r := range results {
			rows = append(rows, []string{r.ID, r.Email, strconv.FormatBool(r.Deleted), r.Error})
		}
		return p.CSV(rows)
	}
	tw := tabwriter.NewWriter(p.W, 0, 0, 2, ' ', 0)
	for _, r := range results {
		cells := []string{done, r.ID}
		if !r.Deleted {
			cells[0] = "FAILED"
		}
		if r.Email != "" {
			cells = append(cells, r.Email)
		}
		if r.Error != "" {
			cells = append(cells, r.Error)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	return tw.Flush()
}

// JSON prints v indented, as every -o json does.
func (p Printer) JSON(v any) error {
	enc := json.NewEncoder(p.W)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// CSV prints the rows, the header first.
func (p Printer) CSV(rows [][]string) error {
	w := csv.NewWriter(p.W)
	if err := w.WriteAll(rows); err != nil {
		return fmt.Errorf("writing CSV: %w", err)
	}
	return nil
}

// CSVTime writes RFC 3339 in UTC; an absent time is an empty cell.
func CSVTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// TableTime keeps tables narrow: minutes, in UTC (the header says so).
func TableTime(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04")
}

// OptionalTime is t for JSON: null when zero, else in UTC.
func OptionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

// Nullable is s for JSON: null when empty, as the API sends an absent email,
// name or role.
func Nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// TableCell is a nullable value in a table: "-" when null.
func TableCell(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}

// CSVCell is a nullable value in a CSV: an empty cell when null.
func CSVCell(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Columns say how one kind of thing (a member, a project) prints in each
// format: its CSV record under a header that is a contract with scripts,
// its row in a table of many, and its lines in a table of one. JSON is the
// thing's own shape.
type Columns[T any] struct {
	CSVHeader []string
	CSV       func(T) []string
	// Heads and Row are the table of many: the column heads, and the cells
	// of one row.
	Heads []string
	Row   func(T) []string
	// Labels and Fields are the table of one: a label and its value per
	// line.
	Labels []string
	Fields func(T) []string
	// None is what the table of an empty list says ("No members.").
	None string
}

// PrintList prints items: the JSON of list (the list's own shape, holding
// them), or a CSV record or table row each, under the header.
func PrintList[T any](p Printer, list any, items []T, c Columns[T]) error {
	switch p.Format {
	case "json":
		return p.JSON(list)
	case "csv":
		rows := [][]string{c.CSVHeader}
		for _, item := range items {
			rows = append(rows, c.CSV(item))
		}
		return p.CSV(rows)
	}
	if len(items) == 0 {
		_, err := fmt.Fprintln(p.W, c.None)
		return err
	}
	tw := tabwriter.NewWriter(p.W, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(c.Heads, "\t"))
	for _, item := range items {
		fmt.Fprintln(tw, strings.Join(c.Row(item), "\t"))
	}
	return tw.Flush()
}

// PrintOne prints one item: its JSON, its CSV record under the header, or
// a table of its labelled fields.
func PrintOne[T any](p Printer, item T, c Columns[T]) error {
	switch p.Format {
	case "json":
		return p.JSON(item)
	case "csv":
		return p.CSV([][]string{c.CSVHeader, c.CSV(item)})
	}
	tw := tabwriter.NewWriter(p.W, 0, 0, 2, ' ', 0)
	for i, v := range c.Fields(item) {
		fmt.Fprintf(tw, "%s\t%s\n", c.Labels[i], v)
	}
	return tw.Flush()
}
