// A roster file is checked whole before anything is sent: every problem is
// reported with its line number, so the user fixes the file once instead of
// discovering errors one request (and one rate-limit wait) at a time. It is
// read as admins have it: an identity provider's or HR system's export, as
// a spreadsheet saved it.

package rosterfile

import (
	"bufio"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/rules"
)

// Columns returns the header WriteCSV writes, this package's own roster
// format: a new slice each call, so that no caller changes what WriteCSV
// writes.
func Columns() []string { return []string{"email", "role", "projects"} }

// ErrNoRows is matched by Read's error for a file with no people rows, or
// whose every row a filter left out. A roster with no one in it would plan
// the revocation of every pending invite, so it is refused rather than
// read as empty.
var ErrNoRows = errors.New("rosterfile: no rows")

// noRows is an error that matches ErrNoRows and says why in its own words.
func noRows(msg string) error { return &kindError{msg: msg, kind: ErrNoRows} }

// kindError is a message of its own that matches a sentinel error, and
// wraps the error it came from, if any.
type kindError struct {
	msg  string
	kind error
	err  error
}

func (e *kindError) Error() string        { return e.msg }
func (e *kindError) Is(target error) bool { return target == e.kind }
func (e *kindError) Unwrap() error        { return e.err }

// Read reads and checks a roster: a CSV file whose header names its
// columns, then one person per row. The error is for the file as a whole
// (no header, no email column, broken quoting, a row over [MaxRowBytes],
// more than [MaxRows] rows, no rows: [ErrNoRows], returned with the File
// when a filter left every row out); problems with single rows are
// recorded on those rows, each with its line, so they can all be reported
// together.
//
// Columns are found by name, in any case: email, role and projects, or
// the ones the options name; every other column is ignored and listed in
// File.Ignored. A row without a role (no role column, an empty cell) gets
// none, not reader: its member keeps the role they have (see
// [Entry.HasRole]); [WithOwnersWhere] names owners by rule. The exports
// [Exports] lists are recognised by their headers and need no option:
// their email column is known, and their defaults keep the people who
// still work there (a filter on a column a default filters replaces that
// default).
//
// Files are read as spreadsheets save them: UTF-8 with or without a byte
// order mark, UTF-16 with one, CRLF, LF or CR line ends, ',' ';' or tab
// between cells (the one a "sep=" first line names, else the header's
// most frequent outside quotes, or [WithDelimiter]'s). A workbook, a PDF
// or any other file that is no CSV text is an error matching [ErrNotCSV],
// naming what it is. A row with more or fewer cells than the header, or
// with a value an export's system never writes in a column its defaults
// filter, is invalid whatever the filters say; when it is the last row
// and the file does not end with a line end, or the file ends inside a
// quoted cell, the file was cut short and Read fails. Rows with no cell
// filled are skipped and counted;
// a row that repeats an earlier one's email, role and projects is merged
// into it and listed in File.Merged; a later row with an earlier one's
// email (compared as the API compares emails) and other values is invalid,
// its problem naming both lines. A row a filter leaves out is never dropped
// unsaid: it is in File.Skipped with its line and reason. An email is
// trimmed of ASCII spaces and tabs only; any other invisible character in
// it makes the row invalid, the character named.
//
// Memory is bounded by [MaxRows] rows of bounded size: the file streams,
// only the entries are kept, and an invalid row keeps at most a few hundred
// bytes of its email.
func Read(r io.Reader, opts ...ReadOption) (*File, error) {
	cfg, err := config(opts)
	if err != nil {
		return nil, err
	}
	text, encoding, err := decode(r)
	if err != nil {
		return nil, err
	}
	ends := &lineEnds{r: text}
	br := bufio.NewReaderSize(ends, headerPeek)
	sep, hasSep, err := sepLine(br)
	if err != nil {
		return nil, err
	}
	delim := cmp.Or(cfg.delimiter, sep)
	if delim == 0 {
		if delim, err = detectDelimiter(br); err != nil {
			return nil, err
		}
	}
	limit := &rowLimit{r: br}
	cr := csv.NewReader(limit)
	cr.Comma = delim
	cr.FieldsPerRecord = -1                             // a short or long row is that row's problem, not the file's
	cr.TrimLeadingSpace = delim != '\t' && delim != ' ' // else it would eat empty cells
	cr.ReuseRecord = true
	rd := &reader{cr: cr, limit: limit, ends: ends}
	if hasSep { // line 1 says the separator; the header follows it
		if _, _, err := rd.record(); err != nil {
			return nil, err
		}
	}

	rec, line, err := rd.next()
	if errors.Is(err, io.EOF) {
		return nil, noRows("the file is empty: want a header row naming the columns, such as email,role,projects")
	}
	if err != nil {
		return nil, err
	}
	lay, err := resolve(newHeader(rec), cfg)
	if err != nil {
		return nil, fmt.Errorf("line %d: %w", line, err)
	}
	f := &File{
		Format: lay.format.Format, Encoding: encoding, Delimiter: delim,
		Columns: lay.columns, Ignored: lay.ignored, DefaultFilters: lay.defaults,
		OwnersWhere: cfg.owners,
	}
	for _, bf := range lay.filters {
		f.Filters = append(f.Filters, bf.Filter)
	}
	if err := rd.rows(f, &lay); err != nil {
		return nil, err
	}
	switch {
	case len(f.Rows) == 0 && len(f.Skipped) == 0:
		return nil, noRows("no rows after the header")
	case len(f.Rows) == 0:
		return f, noRows("every row was left out: " + f.keptNotice())
	}
	return f, nil
}

// reader walks the records of one file.
type reader struct {
	cr       *csv.Reader
	limit    *rowLimit
	ends     *lineEnds
	lastLine int
	people   int
}

// next returns the next record with a cell filled and the line it starts
// on: the header, which spreadsheets may put below empty rows.
func (rd *reader) next() ([]string, int, error) {
	for {
		rec, line, err := rd.record()
		if err != nil || !allBlank(rec) {
			return rec, line, err
		}
	}
}

// record returns the next record, empty or not.
func (rd *reader) record() ([]string, int, error) {
	rd.limit.start = rd.cr.InputOffset()
	rec, err := rd.cr.Read()
	var pe *csv.ParseError
	switch {
	case errors.Is(err, errRowTooLong):
		return nil, 0, fmt.Errorf("after line %d: %w", rd.lastLine, err)
	case errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote) && rd.atEOF():
		return nil, 0, fmt.Errorf("line %d: the file ends inside the quoted cell that starts on this line: it was cut short, or a quote never closes: %w", pe.StartLine, pe.Err)
	case err != nil:
		return nil, 0, csvError(err)
	}
	rd.lastLine, _ = rd.cr.FieldPos(0)
	return rec, rd.lastLine, nil
}

// atEOF reports whether the file has no record left: after a quoting
// error, that the quoted cell ran to the end of the file.
func (rd *reader) atEOF() bool {
	_, err := rd.cr.Read()
	return errors.Is(err, io.EOF)
}

// rows reads every data row into f.
func (rd *reader) rows(f *File, lay *layout) error {
	first := map[string]int{} // rules.EmailKey -> index in f.Rows
	var cut Row               // the last row read, when its shape was wrong
	for {
		rec, line, err := rd.record()
		if errors.Is(err, io.EOF) {
			if cut.Line > 0 && !rd.ends.endsLine() {
				return fmt.Errorf("line %d: the file ends in the middle of this row (%s): it was cut short; export or copy it again whole", cut.Line, cut.Problem())
			}
			return nil
		}
		if err != nil {
			return err
		}
		cut = Row{}
		if allBlank(rec) {
			f.EmptyRows++
			continue
		}
		if rd.people++; rd.people > MaxRows {
			return fmt.Errorf("line %d: more than %d rows", line, MaxRows)
		}
		var row Row
		if problem := lay.shapeProblem(rec); problem != "" {
			// Checked before any filter: a row cut short is no proof that
			// its person left.
			email, _ := lay.pickEmail(rec)
			row = Row{Line: line, Entry: Entry{Email: strings.Clone(clip(email, maxKeptEmail))}, Problems: []string{problem}}
			cut = row
		} else if skip, out := lay.filterOut(line, rec); out {
			f.Skipped = append(f.Skipped, skip)
			continue
		} else {
			row = lay.row(line, rec, f)
		}
		if row.Email == "" {
			f.Rows = append(f.Rows, row)
			continue
		}
		k := rules.EmailKey(row.Email)
		i, dup := first[k]
		if !dup {
			first[k] = len(f.Rows)
			f.Rows = append(f.Rows, row)
			continue
		}
		prev := &f.Rows[i]
		if prev.Valid() && row.Valid() && sameEntry(prev.Entry, row.Entry) {
			f.Merged = append(f.Merged, Merge{Line: line, FirstLine: prev.Line, Email: row.Email})
			continue
		}
		msg := fmt.Sprintf("duplicate email %s (first on line %d)", row.Email, prev.Line)
		if prev.Valid() && row.Valid() {
			msg += ", with another role or projects"
		}
		row.Problems = append(row.Problems, msg)
		f.Rows = append(f.Rows, row)
	}
}

// shapeProblem says why a record cannot be read as a row whatever the
// filters say, "" when it can: more or fewer cells than the header, or,
// in a column an export's default filters, a value the export's system
// never writes there (most often a row cut short in that cell). Either
// would let a filter leave out, as gone, a person whose row only lost its
// end.
func (l *layout) shapeProblem(rec []string) string {
	if len(rec) < l.width || len(rec) > l.width && !allBlank(rec[l.width:]) {
		return l.widthProblem(rec)
	}
	var unwritten *boundFilter
	for i := range l.filters {
		bf := &l.filters[i]
		switch v := cell(rec, bf.col); {
		case bf.holds(v):
		case bf.unwritten(v):
			unwritten = cmp.Or(unwritten, bf)
		default:
			return "" // left out whatever that value: a caller's filter, or a default on a value its system writes
		}
	}
	if unwritten == nil {
		return ""
	}
	return fmt.Sprintf("%s %s is no value the %s writes there (it writes %s): a row cut short? (a filter on %s decides instead of the default)",
		unwritten.Column, quote(cell(rec, unwritten.col)), l.format.Name, orWords(append(slices.Clone(unwritten.Values), unwritten.others...)), quote(unwritten.Column))
}

// filterOut reports whether a filter leaves the record out, and the Skip
// that says so.
func (l *layout) filterOut(line int, rec []string) (Skip, bool) {
	for _, bf := range l.filters {
		if v := cell(rec, bf.col); !bf.holds(v) {
			email, _ := l.pickEmail(rec)
			return Skip{Line: line, Email: strings.Clone(clip(email, maxKeptEmail)), Filter: bf.Filter, Value: strings.Clone(clip(v, maxKeptEmail))}, true
		}
	}
	return Skip{}, false
}

// row checks one record that the filters kept.
func (l *layout) row(line int, rec []string, f *File) Row {
	email, from := l.pickEmail(rec)
	var guest string
	if from >= 0 && from == l.guestUPN && isGuestName(email) {
		guest, email, from = email, "", -1
	}
	role, owner := cell(rec, l.role), l.namesOwner(rec)
	blank := trimBlanks(role) == ""
	if owner && blank {
		role = string(client.RoleOwner)
	}
	e, problems := parseEntry(email, role, cell(rec, l.projects))
	if owner && e.HasRole() && e.Role != client.RoleOwner {
		problems = append(problems, fmt.Errorf("role %s, but the owner rule (%s) names this row an owner", e.Role, conditions(f.OwnersWhere)))
	}
	row := Row{Line: line, Entry: own(e)}
	for _, p := range problems {
		row.Problems = append(row.Problems, p.Error())
	}
	if guest != "" {
		// parseEntry checks the email first: this replaces its "email is
		// empty", as the row does name someone, just not by an address.
		row.Problems[0] = l.guestProblem(guest)
	}
	switch {
	case owner:
		f.Owners++
	case blank:
		f.NoRole++
	}
	if from >= 0 && len(l.email) > 1 && from != l.email[0] {
		f.EmailFallbacks++
	}
	return row
}

// own copies an entry's strings out of the record they were cut from:
// encoding/csv cuts every cell of a record from one string, which a kept
// email would otherwise hold in memory whole, every ignored column with it.
func own(e Entry) Entry {
	e.Email = strings.Clone(e.Email)
	e.Role = client.Role(strings.Clone(string(e.Role)))
	for i, g := range e.Projects {
		e.Projects[i] = client.ProjectGrant{ID: strings.Clone(g.ID), Role: client.ProjectRole(strings.Clone(string(g.Role)))}
	}
	return e
}

// guestProblem says why an Entra ID guest whose only name is its
// userPrincipalName has no email.
func (l *layout) guestProblem(upn string) string {
	cols := l.columns.Email // mail (when the file has it), then userPrincipalName
	name := quote(cols[len(cols)-1])
	if len(cols) == 1 {
		return fmt.Sprintf("no email: the %s %s is a guest's sign-in name, not an address (export the mail column)", name, quote(upn))
	}
	return fmt.Sprintf("no email: %s is empty and the %s %s is a guest's sign-in name, not an address (fill in %s)", quote(cols[0]), name, quote(upn), quote(cols[0]))
}

// namesOwner reports whether WithOwnersWhere's rule names the record an
// owner's: every one of its filters holds.
func (l *layout) namesOwner(rec []string) bool {
	for _, bf := range l.owners {
		if !bf.holds(cell(rec, bf.col)) {
			return false
		}
	}
	return len(l.owners) > 0
}

// pickEmail is the first email cell that is not blank, and its column; ""
// and -1 when all are.
func (l *layout) pickEmail(rec []string) (string, int) {
	for _, i := range l.email {
		if v := trimBlanks(cell(rec, i)); v != "" {
			return v, i
		}
	}
	return "", -1
}

// widthProblem explains a row with more or fewer cells than the header,
// guessing the usual cause of a longer one: project grants separated with
// commas in a comma-separated file.
func (l *layout) widthProblem(rec []string) string {
	msg := fmt.Sprintf("%d columns, want %d", len(rec), l.width)
	if extra := len(rec) - l.width; extra > 0 && l.projects >= 0 && l.projects+extra < len(rec) {
		if _, err := parseProjects(strings.Join(rec[l.projects:l.projects+extra+1], ";")); err == nil {
			msg += " (the projects cell seems to hold commas: separate project grants with ';', or quote the cell)"
		}
	}
	return msg
}

// sameEntry reports whether two valid entries ask for the same invite.
func sameEntry(a, b Entry) bool {
	if a.Role != b.Role || (a.Projects == nil) != (b.Projects == nil) {
		return false
	}
	return a.Projects == nil || client.SameGrants(a.Projects, b.Projects)
}

// cell is rec[i], or "" for a column the record lacks (or none, i < 0).
func cell(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return rec[i]
}

func allBlank(cells []string) bool {
	for _, c := range cells {
		if trimBlanks(c) != "" {
			return false
		}
	}
	return true
}

// ReadCSV reads a roster file as Read does with no option and returns its
// rows.
//
// Deprecated: use Read, which also says which rows it left out (those
// an export's defaults left out, empty and repeated rows) and why.
func ReadCSV(r io.Reader) ([]Row, error) {
	f, err := Read(r)
	if err != nil {
		return nil, err
	}
	return f.Rows, nil
}

// WriteCSV writes entries as a roster file that Read reads back to the
// same entries.
func WriteCSV(w io.Writer, entries []Entry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns()); err != nil {
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
