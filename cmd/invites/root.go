// The command tree and its global flags live here, so the whole surface of
// the CLI can be read in one place. A command is added with one line in
// AddCommand below: newXCmd(f, runX), from the file named after it.
package main

import (
	"fmt"
	"log/slog"
	"slices"

	"github.com/goinvites/invites/client"
	"github.com/spf13/cobra"
)

var outputFormats = []string{"table", "json", "csv"}

func newRootCmd(f *factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "invites",
		Short: "See, create, import, sync and prune OpenAI organization invites, and manage members",
		Long: `invites manages the invites and members of an OpenAI organization through
the Admin API.

The Admin API key comes from the OPENAI_ADMIN_KEY environment variable or from
--api-key-file FILE ("-" reads it from stdin); it is never taken as a flag
value, which would show in the process list. --fake runs every command against
an embedded offline fake instead, with no key and no network; a new fake
starts with sample invites and members, or with the members of
--fake-members FILE.

Output is a table by default; --output json and --output csv are stable
formats for scripts. Exit codes: 0 success, 1 an API or network failure (or
some rows or IDs failed), 2 a usage or input error (or a refusal, such as
users remove without --yes), 3 sync --check found actions pending, 130
interrupted.`,
		Version:           versionLine(),
		SilenceErrors:     true,
		SilenceUsage:      true,
		PersistentPreRunE: f.checkFlags,
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })

	g := &f.flags
	fs := root.PersistentFlags()
	fs.StringVar(&g.baseURL, "base-url", "", "API base URL including /v1 (default $"+client.EnvBaseURL+", else "+client.DefaultBaseURL+")")
	fs.StringVarP(&g.output, "output", "o", "table", "output format: table, json or csv")
	fs.DurationVar(&g.timeout, "timeout", 0, fmt.Sprintf("time limit for each request attempt (default %s)", client.DefaultAttemptTimeout))
	fs.IntVar(&g.maxRetries, "max-retries", 0, fmt.Sprintf("retries after a failed attempt (default %d, and %d for import and sync)", client.DefaultMaxRetries, patientRetries))
	fs.BoolVarP(&g.verbose, "verbose", "v", false, "log each request to stderr (the key is redacted)")
	fs.BoolVar(&g.fake, "fake", false, "run against an embedded offline fake whose invites and members persist between commands")
	fs.StringVar(&g.fakeMembers, "fake-members", "", "with --fake: start a new fake state with the members in `FILE` (see invites fake-server --help)")
	fs.StringVar(&g.keyFile, "api-key-file", "", `read the Admin API key from FILE ("-" for stdin) instead of OPENAI_ADMIN_KEY`)
	_ = root.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(outputFormats, cobra.ShellCompDirectiveNoFileComp))
	excludeEachOther(root, "fake", "base-url")

	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(
		newListCmd(f, runList),
		newGetCmd(f, runGet),
		newCreateCmd(f, runCreate),
		newDeleteCmd(f, runDelete),
		newImportCmd(f, runImport),
		newSyncCmd(f, runSync),
		newExportCmd(f, runExport),
		newPruneCmd(f, runPrune),
		newUsersCmd(
			newUsersListCmd(f, runUsersList),
			newUsersGetCmd(f, runUsersGet),
			newUsersSetRoleCmd(f, runUsersSetRole),
			newUsersRemoveCmd(f, runUsersRemove),
		),
		newFakeServerCmd(f, runFakeServer),
		newDemoCmd(f, runDemo),
		newCompletionCmd(f),
		newVersionCmd(f),
	)
	return root
}

// checkFlags checks the global flags before any command runs, and turns on
// the request log for -v.
func (f *factory) checkFlags(cmd *cobra.Command, _ []string) error {
	if err := checkExclusive(cmd); err != nil {
		return err
	}
	g := &f.flags
	g.maxRetriesSet = cmd.Flags().Changed("max-retries")
	if !slices.Contains(outputFormats, g.output) {
		return usagef("--output %q: want table, json or csv", g.output)
	}
	if g.maxRetries < 0 {
		return usagef("--max-retries %d: want 0 or more", g.maxRetries)
	}
	if g.fakeMembers != "" && !g.fake {
		return usagef("--fake-members seeds the fake of --fake: add --fake")
	}
	if g.timeout < 0 {
		return usagef("--timeout %v: want a positive duration", g.timeout)
	}
	if g.verbose {
		text := slog.NewTextHandler(f.IO.ErrOut, &slog.HandlerOptions{Level: slog.LevelDebug})
		f.logger = slog.New(redactingHandler{text, &f.secret})
	}
	return nil
}
