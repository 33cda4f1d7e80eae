// import and sync take the same roster file, read and check it whole before
// anything is sent, and report the same way: their shared options and flags
// live here. A flag about how a roster is read goes in RosterOptions and
// AddRosterFlags, and both commands have it.

package rosterrun

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/rosterfile"
	"github.com/spf13/cobra"
)

// RosterOptions are what import and sync take alike.
type RosterOptions struct {
	IO     *cmdutil.IOStreams
	Client cmdutil.ClientFunc
	Output string

	File        string // the roster, "-" for stdin
	Concurrency int
	Report      string        // where to write the report; "" for none
	Grace       time.Duration // how long requests in flight may run on after an interrupt

	// How the file is read, each mapping one to one onto a roster option;
	// "" (none) leaves it to rosterfile.Read.
	EmailColumn, RoleColumn, ProjectsColumn string
	Where                                   []string // COLUMN=VALUE each (A|B, !=); every column must hold
	OwnerWhere                              []string // COLUMN=VALUE each: the rows where all hold are owners
	Delimiter                               string
	// DefaultRole is the role of a new invite for a row without one
	// (roster.PlanOptions.DefaultRole; "" leaves it to roster, reader);
	// ReadRoster checks it into defaultRole.
	DefaultRole string
	defaultRole client.Role

	// Journal is the journal every write is appended to as it is sent;
	// "" keeps none. journalErr says why the command line's journal is not
	// known (no home directory): a run that would send anything stops on
	// it first.
	Journal    string
	journalErr error

	// read is the file as ReadRoster found it, for New: the rows
	// a filter left out are accounted for with the others.
	read *rosterfile.File
	// digest is the SHA-256 of the roster's bytes as read, in hex, for a
	// saved plan.
	digest string
}

// Digest is the SHA-256 of the roster's bytes as ReadRoster read them, in
// hex, for a saved plan.
func (o *RosterOptions) Digest() string { return o.digest }

// DefaultGrace is how long an interrupted run lets its requests in flight
// learn their outcome.
const DefaultGrace = 30 * time.Second

// AddRosterFlags gives cmd the flags of RosterOptions; work names what the
// workers do ("invites created", "actions applied").
func AddRosterFlags(cmd *cobra.Command, o *RosterOptions, work string) {
	o.Grace = DefaultGrace
	fs := cmd.Flags()
	fs.StringVarP(&o.File, "file", "f", "", `the roster: a CSV file or an export ("-" for stdin) (required)`)
	fs.IntVar(&o.Concurrency, "concurrency", 1, work+" at once, 1 to 16 (the rate limit makes more rarely faster)")
	fs.StringVar(&o.Report, "report", "", "write each row's action and outcome to this CSV file (rows left out by a filter too)")
	fs.StringVar(&o.EmailColumn, "email-column", "", "the `NAME` of the column that holds the emails, if not the format's (email for a roster file)")
	fs.StringVar(&o.RoleColumn, "role-column", "", "the `NAME` of the column that holds the roles, if not role")
	fs.StringVar(&o.ProjectsColumn, "projects-column", "", "the `NAME` of the column that holds the project grants, if not projects")
	fs.StringVar(&o.DefaultRole, "default-role", string(client.RoleReader), "the `ROLE` a new invite gets for a row without one, reader or owner; a member keeps theirs")
	fs.StringArrayVar(&o.Where, "where", nil, "keep only the rows where `COLUMN=VALUE` holds: COLUMN=A|B any of them, COLUMN!=A|B none, in any case (repeatable; every column must hold)")
	fs.StringArrayVar(&o.OwnerWhere, "owner-where", nil, "the rows where `COLUMN=VALUE` holds are owners, as --where reads it (repeatable; every one must hold); other rows without a role keep theirs")
	fs.StringVar(&o.Delimiter, "delimiter", "", "the `SEPARATOR` of cells: comma, semicolon, tab or one character (default: found from the header)")
	_ = cmd.MarkFlagFilename("file", "csv", "txt")
	_ = cmd.RegisterFlagCompletionFunc("default-role", cobra.FixedCompletions([]string{string(client.RoleReader), string(client.RoleOwner)}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("delimiter", cobra.FixedCompletions([]string{"comma", "semicolon", "tab"}, cobra.ShellCompDirectiveNoFileComp))
	cmd.Long += rosterHelp()
}

// readOptions are the roster options the flags ask for; it checks
// --default-role, which is the plan's, into defaultRole too. A value no
// file could make right is a usage error naming its flag.
func (o *RosterOptions) readOptions() ([]rosterfile.ReadOption, error) {
	opts := []rosterfile.ReadOption{
		rosterfile.WithEmailColumn(o.EmailColumn),
		rosterfile.WithRoleColumn(o.RoleColumn),
		rosterfile.WithProjectsColumn(o.ProjectsColumn),
	}
	if o.DefaultRole != "" {
		role, err := client.ParseRole(o.DefaultRole)
		if err != nil {
			return nil, cmdutil.Usagef("--default-role: %s", cmdutil.DescribeError(err))
		}
		o.defaultRole = role
	}
	for _, rule := range []struct {
		flag   string
		values []string
		option func(...rosterfile.Filter) rosterfile.ReadOption
	}{{"--where", o.Where, rosterfile.WithFilters}, {"--owner-where", o.OwnerWhere, rosterfile.WithOwnersWhere}} {
		for _, w := range rule.values {
			f, err := rosterfile.ParseFilter(w)
			if err != nil {
				return nil, cmdutil.Usagef("%s: %w", rule.flag, err)
			}
			opts = append(opts, rule.option(f))
		}
	}
	d, err := rosterfile.ParseDelimiter(o.Delimiter)
	if err != nil {
		return nil, cmdutil.Usagef("--delimiter: %w", err)
	}
	return append(opts, rosterfile.WithDelimiter(d)), nil
}

// columnFlags name the flag that names a column, by what roster wanted
// the column for (ColumnError.For).
var columnFlags = map[string]string{"email": "--email-column", "role": "--role-column", "projects": "--projects-column", "filter": "--where", "owner": "--owner-where"}

// readError is Read's error for the whole file, as a usage error: a
// missing column names the flag that names it.
func readError(name string, err error) error {
	var missing *rosterfile.ColumnError
	switch {
	case !errors.As(err, &missing):
		return cmdutil.Usagef("%s: %w", name, err)
	case missing.Column == "":
		return cmdutil.Usagef("%s: %w (--email-column NAME)", name, err)
	}
	return cmdutil.Usagef("%s: %s: %w", name, columnFlags[missing.For], err)
}

// ReadRoster checks what import and sync take before anything is sent
// (--concurrency, the report's directory) and reads the whole roster; name
// is how messages refer to it. Invalid rows are not an error here: each
// command decides what they mean.
func ReadRoster(o *RosterOptions) (rows []rosterfile.Row, name string, err error) {
	if err := o.CheckRun(); err != nil {
		return nil, "", err
	}
	readOpts, err := o.readOptions()
	if err != nil {
		return nil, "", err
	}
	var r io.Reader
	name = o.File
	if o.File == "-" {
		if r, err = o.IO.TakeStdin("--file -"); err != nil {
			return nil, "", err
		}
		name = "stdin"
	} else {
		f, err := os.Open(o.File)
		if err != nil {
			return nil, "", &cmdutil.UsageError{Err: err}
		}
		defer f.Close()
		r = f
	}
	digest := sha256.New()
	r = io.TeeReader(r, digest)
	file, err := rosterfile.Read(r, readOpts...)
	switch {
	case errors.Is(err, rosterfile.ErrNoRows) && file != nil:
		return nil, "", everyRowLeftOut(o, name, file, err)
	case err != nil:
		return nil, "", readError(name, err)
	}
	// What was read goes with the summary, before the plan, so that a
	// person sees which rows were left out before saying yes.
	notices := o.Notices()
	for _, n := range file.Notices() {
		fmt.Fprintf(notices, "%s: %s\n", name, n)
	}
	// Read may stop short of the end (at trailing empty lines, say); the
	// digest is of every byte, as sha256sum would have it.
	if _, err := io.Copy(io.Discard, r); err != nil {
		return nil, "", &cmdutil.UsageError{Err: fmt.Errorf("%s: %w", name, err)}
	}
	o.read, o.digest = file, hex.EncodeToString(digest.Sum(nil))
	return file.Rows, name, nil
}

// CheckRun checks what a run takes besides its roster: --concurrency, and
// that the report can be written.
func (o *RosterOptions) CheckRun() error {
	if o.Concurrency < 1 || o.Concurrency > 16 {
		return cmdutil.Usagef("--concurrency %d: want 1 to 16", o.Concurrency)
	}
	return CheckWritable("--report", o.Report)
}

// Notices is where what was read goes before the plan: stdout with the
// table, stderr when stdout is JSON or CSV.
func (o *RosterOptions) Notices() io.Writer {
	if o.Output == "table" {
		return o.IO.Out
	}
	return o.IO.ErrOut
}

// everyRowLeftOut refuses a file whose every row a filter left out, as a
// roster of no one would revoke every invite, and lists them in the report.
func everyRowLeftOut(o *RosterOptions, name string, file *rosterfile.File, err error) error {
	if len(file.DefaultFilters) > 0 {
		err = fmt.Errorf("%w (a --where on %q replaces the default)", err, file.DefaultFilters[0].Column)
	}
	s := &Summary{File: name}
	s.addSkipped(file.Skipped)
	return errors.Join(cmdutil.Usagef("%s: %w", name, err), s.WriteReport(o.Report))
}

// CheckWritable makes sure the file a flag names (--report, --plan-out)
// can be written before anything is read or sent, so that a typo in it is
// not found after an hour of invites; "" names none.
func CheckWritable(flag, path string) error {
	if path == "" {
		return nil
	}
	probe, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return cmdutil.Usagef("%s %s: %w", flag, path, err)
	}
	_ = probe.Close()
	return os.Remove(probe.Name())
}
