// journal reads back what import and sync journal as they send: the last
// runs, each with its writes sent, answered and by outcome, and the ones
// sent and never answered, which a run killed mid-way leaves; or every
// write of one run. It only reads, taking its turn with a run appending.

package journalcmd

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/journal"
	"github.com/spf13/cobra"
)

// JournalOptions are what journal runs with.
type JournalOptions struct {
	IO     *cmdutil.IOStreams
	Output string

	Path string // the journal to read
	Last int    // how many runs to show, the newest last
	// Run is the run whose writes to list instead ("last": the newest);
	// "" lists the runs.
	Run string
}

// Commands are the journal command, for the root to add.
func Commands(f *cmdutil.Factory) []*cobra.Command {
	return []*cobra.Command{newJournalCmd(f, RunJournal)}
}

// defaultLast is how many runs journal shows unless --last says otherwise.
const defaultLast = 10

// readWait bounds how long journal waits for its turn with a run
// appending, which holds the journal for one write and a sync at a time.
const readWait = 30 * time.Second

func newJournalCmd(f *cmdutil.Factory, runF func(context.Context, *JournalOptions) error) *cobra.Command {
	opts := &JournalOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "journal",
		Short: "Show the runs the journal of writes holds, and what each sent and heard back",
		Long: `Show what import and sync journaled as they sent: one line before each
write went out, one when its outcome was known. A run killed mid-way
(SIGKILL, a closed laptop, a stopped container) writes no report, but its
journal says what it sent, and which writes never answered: the server may
or may not have applied those. Planning again (sync --dry-run) shows what
is left.

Without --run, the last runs, oldest first: when each started (UTC), the
writes it sent, how many answered, by outcome (done, failed, not
attempted), and how many were sent and never answered. --run ID lists
every write of one run (--run last: the newest): what it was, to whom,
when it was sent, and its outcome, HTTP status, request ID and attempts.

The journal is read while other runs may append to it: it takes its turn
with them. A last line a kill cut short is reported and skipped, not an
error. Reading it never changes it.

Exits 0 when the journal was read, 1 when it cannot be (none there yet),
or holds no run of that ID, 2 for usage.`,
		Example: `  invites journal
  invites journal --run last
  invites journal --run 20250304T093000Z-1a2b3c4d -o csv
  invites journal --journal /var/lib/invites/journal.jsonl --last 50 -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.Output = f.Output()
			if opts.Path == "" {
				if cmd.Flags().Changed("journal") {
					return cmdutil.Usagef(`--journal "": give a FILE`)
				}
				path, err := f.JournalPath()
				if err != nil {
					return cmdutil.Usagef("no journal known: %w; give --journal FILE", err)
				}
				opts.Path = path
			}
			return runF(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.Path, "journal", "", "read the journal `FILE` (default "+f.JournalDefault()+")")
	fs.IntVar(&opts.Last, "last", defaultLast, "show the last `N` runs")
	fs.StringVar(&opts.Run, "run", "", "list every write of the run with this `ID` (last: the newest run)")
	_ = cmd.MarkFlagFilename("journal", "jsonl")
	cmdutil.ExcludeEachOther(cmd, "run", "last")
	return cmd
}

// RunJournal reads the journal and prints its last runs, or one run's
// writes.
func RunJournal(ctx context.Context, opts *JournalOptions) error {
	if opts.Last < 1 {
		return cmdutil.Usagef("--last %d: give 1 or more", opts.Last)
	}
	readCtx, cancel := context.WithTimeoutCause(ctx, readWait, fmt.Errorf("waited %s for the runs appending to it", readWait))
	defer cancel()
	log, err := journal.Read(readCtx, opts.Path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("no journal at %s: nothing has been journaled there yet (import and sync journal what they send; --journal FILE reads another)", opts.Path)
	case err != nil:
		return err
	}
	for _, s := range log.Skipped {
		fmt.Fprintln(opts.IO.ErrOut, s)
	}
	p := newPrinter(opts.IO.Out, opts.Output)
	if opts.Run == "" {
		return p.runs(opts.Path, log.LastRuns(opts.Last), len(log.Runs()))
	}
	id := opts.Run
	if id == "last" {
		runs := log.LastRuns(1)
		if len(runs) == 0 {
			return fmt.Errorf("no run in %s yet", opts.Path)
		}
		id = runs[0].ID
	}
	writes := log.WritesOf(id)
	if len(writes) == 0 {
		return fmt.Errorf("no run %s in %s: invites journal lists the runs", id, opts.Path)
	}
	return p.writes(writes)
}
