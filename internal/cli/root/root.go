// The command tree and its global flags live here, so the whole surface of
// the CLI can be read in one place. The commands come from one package per
// noun (invitecmd, rostercmd, membercmd, journalcmd, fakecmd), each added with one line
// in AddCommand below: a new resource is a new package and one line here.

package root

import (
	"fmt"
	"slices"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/fakecmd"
	"github.com/goinvites/invites/internal/cli/invitecmd"
	"github.com/goinvites/invites/internal/cli/journalcmd"
	"github.com/goinvites/invites/internal/cli/membercmd"
	"github.com/goinvites/invites/internal/cli/projectcmd"
	"github.com/goinvites/invites/internal/cli/rostercmd"
	"github.com/goinvites/invites/internal/cli/rosterrun"
	"github.com/spf13/cobra"
)

func newRootCmd(f *cmdutil.Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "invites",
		Short: "See, create, import, sync and prune OpenAI organization invites, and manage members",
		Long: `invites manages the invites and members of an OpenAI organization through
the Admin API.

The Admin API key comes from the OPENAI_ADMIN_KEY environment variable or from
--api-key-file FILE ("-" reads it from stdin); it is never taken as a flag
value, which would show in the process list. --fake runs every command against
an embedded offline fake instead, with no key and no network; a new fake
starts with sample invites, members (or the members of --fake-members FILE)
and projects.

Output is a table by default; --output json and --output csv are stable
formats for scripts. Exit codes: 0 success, 1 an API or network failure (or
some rows or IDs failed), 2 a usage or input error (or a refusal, such as
users remove without --yes), 3 sync --check found actions pending, 130
interrupted.`,
		Version:           versionLine(),
		SilenceErrors:     true,
		SilenceUsage:      true,
		PersistentPreRunE: f.CheckFlags,
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &cmdutil.UsageError{Err: err} })

	g := &f.Flags
	fs := root.PersistentFlags()
	fs.StringVar(&g.BaseURL, "base-url", "", "API base URL including /v1 (default $"+client.EnvBaseURL+", else "+client.DefaultBaseURL+")")
	fs.StringVarP(&g.Output, "output", "o", "table", "output format: table, json or csv")
	fs.DurationVar(&g.Timeout, "timeout", 0, fmt.Sprintf("time limit for each request attempt (default %s)", client.DefaultAttemptTimeout))
	fs.IntVar(&g.MaxRetries, "max-retries", 0, fmt.Sprintf("retries after a failed attempt (default %d, and %d for import and sync)", client.DefaultMaxRetries, rosterrun.PatientRetries))
	fs.BoolVarP(&g.Verbose, "verbose", "v", false, "log each request to stderr (the key is redacted)")
	fs.BoolVar(&g.Fake, "fake", false, "run against an embedded offline fake whose invites, members and projects persist between commands")
	fs.StringVar(&g.FakeMembers, "fake-members", "", "with --fake: start a new fake state with the members in `FILE` (see invites fake-server --help)")
	fs.StringVar(&g.KeyFile, "api-key-file", "", `read the Admin API key from FILE ("-" for stdin) instead of OPENAI_ADMIN_KEY`)
	_ = root.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(cmdutil.OutputFormats, cobra.ShellCompDirectiveNoFileComp))
	cmdutil.ExcludeEachOther(root, "fake", "base-url")

	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(slices.Concat(
		invitecmd.Commands(f),
		rostercmd.Commands(f),
		membercmd.Commands(f),
		journalcmd.Commands(f),
		projectcmd.Commands(f),
		fakecmd.Commands(f, Run),
		[]*cobra.Command{newCompletionCmd(f), newVersionCmd(f)},
	)...)
	return root
}
