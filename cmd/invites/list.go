// list shows invites: one page by default (the Admin API allows only a few
// requests a minute, so reading everything is opt-in with --all).
package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/spf13/cobra"
)

var inviteStatuses = []string{"pending", "accepted", "expired"}

func (a *app) listCommand() *cobra.Command {
	var (
		status string
		limit  int
		after  string
		all    bool
		email  string
	)
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List invites, newest first: one page, or every page with --all",
		Long: `List invites, newest first. One page (--limit, default 20) by default;
--after ID continues after the last invite of a previous page; --all reads
every page. --email EMAIL shows that person's invites, reading every page
(the API cannot look an email up).

The API cannot filter by status, so --status filters what was read: on one
page it filters that page only (and says so); with --all it filters them all.`,
		Example: `  invites list
  invites list --status pending --all
  invites list --email ada@example.com
  invites list --limit 100 --after invite-abc -o json`,
		Args: cobra.NoArgs,
		RunE: a.action(func(*cobra.Command, []string) error {
			if err := checkChoice("--status", status, inviteStatuses, true); err != nil {
				return err
			}
			if limit < 0 || limit > 100 {
				return usagef("--limit %d: want 1 to 100", limit)
			}
			c, err := a.client()
			if err != nil {
				return err
			}
			if all || email != "" {
				return a.listAll(c, client.Status(status), email, limit)
			}
			return a.listPage(c, client.Status(status), limit, after)
		}),
	}
	f := cmd.Flags()
	f.StringVar(&status, "status", "", "only invites with this status: pending, accepted or expired")
	f.IntVar(&limit, "limit", 0, "invites per page, 1 to 100 (default the API's, 20)")
	f.StringVar(&after, "after", "", "start after this invite ID (the last ID of the previous page)")
	f.BoolVar(&all, "all", false, "read every page")
	f.StringVar(&email, "email", "", "only this email's invites (any case); reads every page")
	cmd.MarkFlagsMutuallyExclusive("all", "after")
	cmd.MarkFlagsMutuallyExclusive("email", "after")
	_ = cmd.RegisterFlagCompletionFunc("status", cobra.FixedCompletions(inviteStatuses, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// listAll prints every invite (with status or email, those only), reading
// every page.
func (a *app) listAll(c *client.Client, status client.Status, email string, pageSize int) error {
	out := listOut{Invites: []inviteOut{}}
	for inv, err := range c.Invites.All(a.ctx, client.AllParams{Status: status, Limit: pageSize}) {
		if err != nil {
			return err
		}
		if email != "" && !strings.EqualFold(inv.Email, email) {
			continue
		}
		out.Invites = append(out.Invites, inviteView(inv))
	}
	if n := len(out.Invites); n > 0 {
		out.LastID = &out.Invites[n-1].ID
	}
	return a.printer().invites(out)
}

// listPage prints one page, filtered by status if asked, and says on
// stderr how to read on, and when the filter covered one page only.
func (a *app) listPage(c *client.Client, status client.Status, limit int, after string) error {
	page, _, err := c.Invites.List(a.ctx, client.ListParams{Limit: limit, After: after})
	if err != nil {
		return err
	}
	out := listOut{Invites: []inviteOut{}, HasMore: page.HasMore}
	if page.LastID != "" {
		out.LastID = &page.LastID
	}
	for _, inv := range page.Invites {
		if status == "" || inv.Status == status {
			out.Invites = append(out.Invites, inviteView(inv))
		}
	}
	if err := a.printer().invites(out); err != nil {
		return err
	}
	if status != "" {
		fmt.Fprintf(a.stderr, "note: --status filtered this page only: %d of its %d invites are %s", len(out.Invites), len(page.Invites), status)
		if page.HasMore {
			fmt.Fprint(a.stderr, "; add --all to search every page")
		}
		fmt.Fprintln(a.stderr)
	}
	if page.HasMore && page.LastID != "" {
		fmt.Fprintf(a.stderr, "more invites: invites list --after %s (or --all)\n", page.LastID)
	}
	return nil
}

// checkChoice rejects a flag value outside choices ("" passes when optional).
func checkChoice(flag, value string, choices []string, optional bool) error {
	if value == "" && optional {
		return nil
	}
	if slices.Contains(choices, value) {
		return nil
	}
	return usagef("%s %q: want one of %v", flag, value, choices)
}
