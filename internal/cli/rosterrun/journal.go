// A run that sends anything journals each write as it goes (package
// journal), so that a run killed mid-way still leaves a true account of
// what it sent and what answered. import and sync take the same flags for
// it, and a journal that cannot be written stops the run before anything
// is sent: a write the journal cannot record is not made.

package rosterrun

import (
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/journal"
	"github.com/spf13/cobra"
)

// JournalFlags are --journal FILE and --no-journal, bound to o.Journal
// once the command line is parsed (Resolve).
type JournalFlags struct {
	f   *cmdutil.Factory
	o   *RosterOptions
	off bool
}

// AddJournalFlags gives cmd --journal and --no-journal. The journal is on
// unless --no-journal: its default is said in the help.
func AddJournalFlags(cmd *cobra.Command, f *cmdutil.Factory, o *RosterOptions) *JournalFlags {
	j := &JournalFlags{f: f, o: o}
	fs := cmd.Flags()
	fs.StringVar(&o.Journal, "journal", "", "append each write to the journal `FILE` as it is sent, and its outcome once known (default "+f.JournalDefault()+")")
	fs.BoolVar(&j.off, "no-journal", false, "keep no journal of the writes")
	_ = cmd.MarkFlagFilename("journal", "jsonl")
	cmdutil.ExcludeEachOther(cmd, "journal", "no-journal")
	return j
}

// Resolve sets o.Journal from the flags and, when they name none, from the
// factory's default; a default that cannot be known is kept as
// o.journalErr, for a run that sends anything to stop on.
func (j *JournalFlags) Resolve(cmd *cobra.Command) error {
	switch {
	case j.off:
		j.o.Journal = ""
	case cmd.Flags().Changed("journal") && j.o.Journal == "":
		return cmdutil.Usagef(`--journal "": give a FILE, or --no-journal to keep no journal`)
	case j.o.Journal == "":
		j.o.Journal, j.o.journalErr = j.f.JournalPath()
	}
	return nil
}

// openJournal opens the run's journal before anything is sent: nil when it
// keeps none, and a usage error, naming what to do instead, when it cannot
// be opened.
func (o *RosterOptions) openJournal() (*journal.Writer, error) {
	if o.journalErr != nil {
		return nil, cmdutil.Usagef("no place for the journal of writes: %w; nothing was sent (give --journal FILE, or --no-journal to keep none)", o.journalErr)
	}
	if o.Journal == "" {
		return nil, nil
	}
	w, err := journal.Open(o.Journal)
	if err != nil {
		return nil, cmdutil.Usagef("--journal %s: %w; nothing was sent (give another --journal FILE, or --no-journal to keep none)", o.Journal, err)
	}
	return w, nil
}
