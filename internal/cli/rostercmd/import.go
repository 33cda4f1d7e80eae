// import onboards a whole team from a CSV file. It is built to be re-run: it
// reads the invites once, skips the emails that already have a pending or an
// accepted one, and creates the rest, so running it again after a failure or
// an interrupt finishes the job without inviting anyone twice, even someone
// who accepted in between.

package rostercmd

import (
	"context"

	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/rosterrun"
	"github.com/goinvites/invites/roster"
	"github.com/spf13/cobra"
)

// ImportOptions are what import runs with: the roster's options and its
// own flags.
type ImportOptions struct {
	rosterrun.RosterOptions

	DryRun      bool
	SkipInvalid bool
}

func newImportCmd(f *cmdutil.Factory, runF func(context.Context, *ImportOptions) error) *cobra.Command {
	opts := &ImportOptions{RosterOptions: rosterrun.RosterOptions{IO: f.IO, Client: f.Client}}
	var journal *rosterrun.JournalFlags
	cmd := &cobra.Command{
		Use:   "import --file users.csv",
		Short: "Invite everyone listed in a CSV file, skipping those already invited",
		Long: `Invite everyone listed in a CSV file with the header row email,role,projects:

  email,role,projects
  ada@example.com,reader,
  bob@example.com,owner,proj_a:owner;proj_b:member
  cy@example.com,reader,none

role is reader or owner. projects is empty for the organization's default
project, "none" for no project at all, or ID:member / ID:owner grants joined
with ";", a project written by ID or by name (a name is resolved from one
read of the projects; an unknown or archived project, or a name several
share, makes the row invalid). Column names may come in any order; a byte
order mark is ignored.

Every row is checked first. Any invalid row is reported with its line number
and nothing is sent, unless --skip-invalid imports the valid rows.

Emails that already have a matching pending invite, or an accepted one, are
skipped (the invites are read once, up front; an expired one is sent again),
so re-running after a failure or an interrupt finishes the job without
duplicates, even for someone who accepted in between. A row whose pending
invite has another role or projects is a mismatch: import does not change it
(invites sync does). A member whose row names a project they are not in is
added to it (add-to-project); a member with another role in it is a
mismatch, and import never removes anyone from a project.

The Admin API allows a few requests a minute: rate limits are waited out,
with progress on stderr. Ctrl-C stops starting new invites, lets those in
flight finish, and still prints the summary and writes the report.
--report FILE writes one line per row, as invites sync does: its action
(create, resend, add-to-project, keep, mismatch, conflict) and outcome (done, unchanged,
planned, failed, invalid, skipped, not_attempted).

Each invite is journaled as it is sent, and its outcome once known (see
--journal, and invites journal): a journal that cannot be written stops
the import before anything is sent.

Exits 0 when every valid row is created or already invited, 1 when any
failed or is a mismatch, 2 when the file is invalid (and nothing was sent),
130 when interrupted.`,
		Example: `  invites import --file team.csv --dry-run
  invites import --file team.csv --report team-report.csv
  invites import --file team.csv --skip-invalid -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.Output = f.Output()
			if err := journal.Resolve(cmd); err != nil {
				return err
			}
			return runF(cmd.Context(), opts)
		},
	}
	rosterrun.AddRosterFlags(cmd, &opts.RosterOptions, "invites created")
	_ = cmd.MarkFlagRequired("file")
	journal = rosterrun.AddJournalFlags(cmd, f, &opts.RosterOptions)
	fs := cmd.Flags()
	fs.BoolVar(&opts.DryRun, "dry-run", false, "check the file and read the invites, but create nothing")
	fs.BoolVar(&opts.SkipInvalid, "skip-invalid", false, "import the valid rows even if some are invalid")
	return cmd
}

// RunImport plans in create-only mode: a row whose pending invite differs
// is a mismatch, reported, and nothing is ever deleted.
func RunImport(ctx context.Context, opts *ImportOptions) error {
	rows, name, err := rosterrun.ReadRoster(&opts.RosterOptions)
	if err != nil {
		return err
	}
	run := rosterrun.New(&opts.RosterOptions, rows, name, "Imported", roster.PlanOptions{CreateOnly: true})
	if err := run.RefuseInvalid(opts.SkipInvalid, " (fix them, or pass --skip-invalid to import the valid rows)"); err != nil {
		return err
	}
	c, err := run.Connect(ctx, !opts.DryRun)
	if err != nil {
		return err
	}
	if err := run.MakePlan(ctx, c); err != nil {
		return err
	}
	if opts.DryRun {
		run.Summary.Mode = rosterrun.ModeDryRun
	} else {
		run.Apply(ctx, c)
	}
	return run.Finish()
}
