// list shows invites: one page by default (the Admin API allows only a few
// requests a minute, so reading everything is opt-in with --all).

package invitecmd

import (
	"context"
	"fmt"
	"slices"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/rules"
	"github.com/spf13/cobra"
)

var inviteStatuses = []string{"pending", "accepted", "expired"}

// ListOptions are what list runs with: the streams, a client and the
// --output format, and its own flags.
type ListOptions struct {
	IO     *cmdutil.IOStreams
	Client cmdutil.ClientFunc
	Output string

	Status string
	Limit  int
	After  string
	All    bool
	Email  string
}

func newListCmd(f *cmdutil.Factory, runF func(context.Context, *ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IO, Client: f.Client}
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
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.Output = f.Output()
			return runF(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.Status, "status", "", "only invites with this status: pending, accepted or expired")
	fs.IntVar(&opts.Limit, "limit", 0, "invites per page, 1 to 100 (default the API's, 20)")
	fs.StringVar(&opts.After, "after", "", "start after this invite ID (the last ID of the previous page)")
	fs.BoolVar(&opts.All, "all", false, "read every page")
	fs.StringVar(&opts.Email, "email", "", "only this email's invites (any case); reads every page")
	cmdutil.ExcludeEachOther(cmd, "all", "after")
	cmdutil.ExcludeEachOther(cmd, "email", "after")
	_ = cmd.RegisterFlagCompletionFunc("status", cobra.FixedCompletions(inviteStatuses, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// RunList prints one page of invites, or with --all or --email every page.
func RunList(ctx context.Context, opts *ListOptions) error {
	if err := checkChoice("--status", opts.Status, inviteStatuses, true); err != nil {
		return err
	}
	if opts.Limit < 0 || opts.Limit > 100 {
		return cmdutil.Usagef("--limit %d: want 1 to 100", opts.Limit)
	}
	c, err := opts.Client(ctx)
	if err != nil {
		return err
	}
	if opts.All || opts.Email != "" {
		return listAll(ctx, c, opts)
	}
	return listPage(ctx, c, opts)
}

// listAll prints every invite (with --status or --email, those only),
// reading every page.
func listAll(ctx context.Context, c *client.Client, opts *ListOptions) error {
	out := ListOut{Invites: []InviteOut{}}
	for inv, err := range c.Invites.All(ctx, client.AllParams{Status: client.Status(opts.Status), Limit: opts.Limit}) {
		if err != nil {
			return err
		}
		if opts.Email != "" && !rules.SameEmail(inv.Email, opts.Email) {
			continue
		}
		out.Invites = append(out.Invites, inviteView(inv))
	}
	if n := len(out.Invites); n > 0 {
		out.LastID = &out.Invites[n-1].ID
	}
	return newPrinter(opts.IO.Out, opts.Output).invites(out)
}

// listPage prints one page, filtered by status if asked, and says on
// stderr how to read on, and when the filter covered one page only.
func listPage(ctx context.Context, c *client.Client, opts *ListOptions) error {
	page, _, err := c.Invites.List(ctx, client.ListParams{Limit: opts.Limit, After: opts.After})
	if err != nil {
		return err
	}
	out := ListOut{Invites: []InviteOut{}, HasMore: page.HasMore}
	if page.LastID != "" {
		out.LastID = &page.LastID
	}
	status := client.Status(opts.Status)
	for _, inv := range page.Invites {
		if status == "" || inv.Status == status {
			out.Invites = append(out.Invites, inviteView(inv))
		}
	}
	if err := newPrinter(opts.IO.Out, opts.Output).invites(out); err != nil {
		return err
	}
	stderr := opts.IO.ErrOut
	if status != "" {
		fmt.Fprintf(stderr, "note: --status filtered this page only: %d of its %d invites are %s", len(out.Invites), len(page.Invites), status)
		if page.HasMore {
			fmt.Fprint(stderr, "; add --all to search every page")
		}
		fmt.Fprintln(stderr)
	}
	if page.HasMore && page.LastID != "" {
		fmt.Fprintf(stderr, "more invites: invites list --after %s (or --all)\n", page.LastID)
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
	return cmdutil.Usagef("%s %q: want one of %v", flag, value, choices)
}
