// prune cleans up stale invites in bulk. Deleting is irreversible, so
// prune shows what it would delete and asks first; unattended use must say
// --yes explicitly.
package main

import (
	"bufio"
	"fmt"
	"strings"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/spf13/cobra"
)

func (a *app) pruneCommand() *cobra.Command {
	var (
		status    string
		olderThan time.Duration
		dryRun    bool
		yes       bool
	)
	cmd := &cobra.Command{
		Use:   "prune",
		Short: "Delete stale invites (expired by default), after showing them and asking",
		Long: `Delete invites with the given status (expired by default, or pending), and
with --older-than only those sent longer ago than that, in hours, days or
weeks (36h, 30d, 2w; minutes and months are refused, as "1m" reads either
way). Accepted invites are never deleted.

prune lists the candidates and asks for confirmation on the terminal. Without
a terminal it refuses (exit 2) unless --yes is given, or there is nothing to
prune. --dry-run only lists.`,
		Example: `  invites prune --dry-run
  invites prune --status pending --older-than 30d
  invites prune --yes -o json`,
		Args: cobra.NoArgs,
		RunE: a.action(func(*cobra.Command, []string) error {
			if err := checkChoice("--status", status, []string{"expired", "pending"}, false); err != nil {
				return err
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			candidates, err := a.pruneCandidates(c, client.Status(status), olderThan)
			if err != nil {
				return err
			}
			// With nothing to prune there is nothing to confirm.
			if len(candidates) > 0 && !dryRun && !yes && (a.keyFile == "-" || !a.isTerminal(a.stdin)) {
				return usagef("refusing to delete without confirmation: stdin is not a terminal to ask on; pass --yes (or --dry-run to only list)")
			}
			return a.prune(c, candidates, dryRun, yes)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&status, "status", "expired", "delete invites with this status: expired or pending")
	f.Var(&ageValue{d: &olderThan}, "older-than", "only invites sent longer ago than this, in h, d or w (e.g. 36h, 30d, 2w)")
	f.BoolVar(&dryRun, "dry-run", false, "list what would be deleted, delete nothing")
	f.BoolVarP(&yes, "yes", "y", false, "delete without asking")
	_ = cmd.RegisterFlagCompletionFunc("status", cobra.FixedCompletions([]string{"expired", "pending"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// pruneCandidates reads every invite with status sent before now-olderThan.
func (a *app) pruneCandidates(c *client.Client, status client.Status, olderThan time.Duration) ([]inviteOut, error) {
	cutoff := a.now().Add(-olderThan)
	candidates := []inviteOut{}
	for inv, err := range c.Invites.All(a.ctx, client.AllParams{Status: status}) {
		if err != nil {
			return nil, err
		}
		// All filters by status already; the check stays so that an accepted
		// invite can never be deleted, whatever a server sends.
		if inv.Status != status || inv.Status == client.StatusAccepted {
			continue
		}
		if olderThan > 0 && (inv.CreatedAt.IsZero() || !inv.CreatedAt.Before(cutoff)) {
			continue
		}
		candidates = append(candidates, inviteView(inv))
	}
	return candidates, nil
}

// prune shows, asks (unless yes), then deletes the candidates.
func (a *app) prune(c *client.Client, candidates []inviteOut, dryRun, yes bool) error {
	if len(candidates) == 0 {
		fmt.Fprintln(a.stderr, "Nothing to prune.")
		switch {
		case a.output == "table":
			return nil
		case dryRun:
			return a.printer().invites(listOut{Invites: candidates})
		}
		return a.printer().deletions([]deleteOut{})
	}
	if dryRun {
		if err := a.printer().invites(listOut{Invites: candidates}); err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "Dry run: would delete %d invite(s); nothing was deleted.\n", len(candidates))
		return nil
	}
	if !yes {
		// The candidates go to stderr with the question, keeping stdout for
		// the outcome in the format asked for.
		if err := (printer{a.stderr, "table"}).invites(listOut{Invites: candidates}); err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "Delete these %d invite(s)? [y/N] ", len(candidates))
		answer, _ := bufio.NewReader(a.stdin).ReadString('\n')
		if reply := strings.ToLower(strings.TrimSpace(answer)); reply != "y" && reply != "yes" {
			fmt.Fprintln(a.stderr, "Nothing deleted.")
			return nil
		}
	}
	targets := make([]deleteOut, len(candidates))
	for i, inv := range candidates {
		targets[i] = deleteOut{ID: inv.ID, Email: inv.Email}
	}
	return a.deleteAll(c, targets)
}
