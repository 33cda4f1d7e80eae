// import and sync take the same roster file, read and check it whole before
// anything is sent, and report the same way: their shared options and flags
// live here. A flag about how a roster is read goes in rosterOptions and
// addRosterFlags, and both commands have it.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/goinvites/invites/roster"
	"github.com/spf13/cobra"
)

// rosterOptions are what import and sync take alike.
type rosterOptions struct {
	IO     *IOStreams
	Client clientFunc
	Output string

	File        string // the roster, "-" for stdin
	Concurrency int
	Report      string        // where to write the report; "" for none
	Grace       time.Duration // how long requests in flight may run on after an interrupt
}

// defaultGrace is how long an interrupted run lets its requests in flight
// learn their outcome.
const defaultGrace = 30 * time.Second

// addRosterFlags gives cmd the flags of rosterOptions; work names what the
// workers do ("invites created", "actions applied").
func addRosterFlags(cmd *cobra.Command, o *rosterOptions, work string) {
	o.Grace = defaultGrace
	fs := cmd.Flags()
	fs.StringVarP(&o.File, "file", "f", "", `the roster CSV file ("-" for stdin) (required)`)
	fs.IntVar(&o.Concurrency, "concurrency", 1, work+" at once, 1 to 16 (the rate limit makes more rarely faster)")
	fs.StringVar(&o.Report, "report", "", "write each row's action and outcome to this CSV file")
	_ = cmd.MarkFlagRequired("file")
	_ = cmd.MarkFlagFilename("file", "csv")
}

// readRoster checks what import and sync take before anything is sent
// (--concurrency, the report's directory) and reads the whole roster; name
// is how messages refer to it. Invalid rows are not an error here: each
// command decides what they mean.
func readRoster(o *rosterOptions) (rows []roster.Row, name string, err error) {
	if o.Concurrency < 1 || o.Concurrency > 16 {
		return nil, "", usagef("--concurrency %d: want 1 to 16", o.Concurrency)
	}
	if err := checkReportDir(o.Report); err != nil {
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
			return nil, "", &usageError{err}
		}
		defer f.Close()
		r = f
	}
	file, err := roster.Read(r)
	if err != nil {
		return nil, "", usagef("%s: %w", name, err)
	}
	for _, n := range file.Notices() { // the format read, rows left out, columns ignored
		fmt.Fprintf(o.IO.ErrOut, "%s: %s\n", name, n)
	}
	return file.Rows, name, nil
}

// checkReportDir makes sure the report can be written before anything is
// sent, so that a typo in --report is not found after an hour of invites.
func checkReportDir(path string) error {
	if path == "" {
		return nil
	}
	probe, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return usagef("--report %s: %w", path, err)
	}
	_ = probe.Close()
	return os.Remove(probe.Name())
}

// printInvalid prints each invalid row once, as FILE:LINE: problem, and
// returns how many there were.
func printInvalid(w io.Writer, rows []roster.Row, name string) int {
	n := 0
	for _, r := range rows {
		if !r.Valid() {
			n++
			fmt.Fprintf(w, "%s:%d: %s\n", name, r.Line, r.Problem())
		}
	}
	return n
}
