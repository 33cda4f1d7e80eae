// prune cleans up stale invites in bulk. Deleting is irreversible, so
// prune shows what it would delete and asks first; unattended use must say
// --yes explicitly.

package invitecmd

import (
	"context"
	"fmt"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

var pruneStatuses = []string{"expired", "pending"}

// PruneOptions are what prune runs with.
type PruneOptions struct {
	IO     *cmdutil.IOStreams
	Client cmdutil.ClientFunc
	Output string
	Now    func() time.Time // --older-than counts back from it

	Status    string
	OlderThan time.Duration
	DryRun    bool
	Yes       bool
}

func newPruneCmd(f *cmdutil.Factory, runF func(context.Context, *PruneOptions) error) *cobra.Command {
	opts := &PruneOptions{IO: f.IO, Client: f.Client, Now: time.Now}
	cmd := &cobra.Command{
		Use:   "prune",
		Short: "Delete stale invites (expired by default), after showing them and asking",
		Long: `Delete invites with the given status (expired by default, or pending), and
with --older-than only those sent longer ago than that, in hours, days or
weeks (36h, 30d, 2w; minutes and months are refused, as "1m" reads either
way). Accepted invites are never deleted.

prune lists the candidates and asks for confirmation on the terminal (stdin
and stderr both terminals). Otherwise (a pipe, a file, cron) it lists them
and refuses (exit 2) unless --yes is given, or there is nothing to prune.
--dry-run only lists.`,
		Example: `  invites prune --dry-run
  invites prune --status pending --older-than 30d
  invites prune --yes -o json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.Output = f.Output()
			return runF(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.Status, "status", "expired", "delete invites with this status: expired or pending")
	fs.Var(cmdutil.NewAgeValue(&opts.OlderThan), "older-than", "only invites sent longer ago than this, in h, d or w (e.g. 36h, 30d, 2w)")
	fs.BoolVar(&opts.DryRun, "dry-run", false, "list what would be deleted, delete nothing")
	fs.BoolVarP(&opts.Yes, "yes", "y", false, "delete without asking")
	_ = cmd.RegisterFlagCompletionFunc("status", cobra.FixedCompletions(pruneStatuses, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// RunPrune finds the stale invites, shows them, asks, and deletes them.
func RunPrune(ctx context.Context, opts *PruneOptions) error {
	if err := checkChoice("--status", opts.Status, pruneStatuses, false); err != nil {
		return err
	}
	c, err := opts.Client(ctx)
	if err != nil {
		return err
	}
	candidates, err := pruneCandidates(ctx, c, client.Status(opts.Status), opts.Now().Add(-opts.OlderThan), opts.OlderThan > 0)
	if err != nil {
		return err
	}
	return prune(ctx, c, candidates, opts)
}

// pruneCandidates reads every invite with status, and with byAge only those
// sent before cutoff.
func pruneCandidates(ctx context.Context, c *client.Client, status client.Status, cutoff time.Time, byAge bool) ([]InviteOut, error) {
	candidates := []InviteOut{}
	for inv, err := range c.Invites.All(ctx, client.AllParams{Status: status}) {
		if err != nil {
			return nil, err
		}
		// All filters by status already; the check stays so that an accepted
		// invite can never be deleted, whatever a server sends.
		if inv.Status != status || inv.Status == client.StatusAccepted {
			continue
		}
		if byAge && (inv.CreatedAt.IsZero() || !inv.CreatedAt.Before(cutoff)) {
			continue
		}
		candidates = append(candidates, inviteView(inv))
	}
	return candidates, nil
}

// prune shows, asks (unless --yes), then deletes the candidates.
func prune(ctx context.Context, c *client.Client, candidates []InviteOut, opts *PruneOptions) error {
	p, stderr := newPrinter(opts.IO.Out, opts.Output), opts.IO.ErrOut
	if len(candidates) == 0 {
		fmt.Fprintln(stderr, "Nothing to prune.")
		switch {
		case opts.Output == "table":
			return nil
		case opts.DryRun:
			return p.invites(ListOut{Invites: candidates})
		}
		return p.Deletions([]cmdutil.DeleteOut{}, "deleted")
	}
	if opts.DryRun {
		if err := p.invites(ListOut{Invites: candidates}); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "Dry run: would delete %d invite(s); nothing was deleted.\n", len(candidates))
		return nil
	}
	if !opts.Yes {
		// The candidates go to stderr with the question, keeping stdout for
		// the outcome in the format asked for; without a terminal to ask on,
		// they show what --yes would delete.
		if err := newPrinter(stderr, "table").invites(ListOut{Invites: candidates}); err != nil {
			return err
		}
		if !opts.IO.CanPrompt() {
			return opts.IO.RefuseWithoutPrompt(fmt.Sprintf("delete these %d invite(s)", len(candidates)), "pass --yes (or --dry-run to only list)")
		}
		yes, err := opts.IO.Confirm(fmt.Sprintf("Delete these %d invite(s)?", len(candidates)))
		if err != nil {
			return err
		}
		if !yes {
			fmt.Fprintln(stderr, "Nothing deleted.")
			return nil
		}
	}
	targets := make([]cmdutil.DeleteOut, len(candidates))
	for i, inv := range candidates {
		targets[i] = cmdutil.DeleteOut{ID: inv.ID, Email: inv.Email}
	}
	return cmdutil.DeleteAll(ctx, targets, inviteDeleter(c), p.Printer, "deleted")
}
