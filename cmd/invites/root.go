// The command tree and its global flags live here, so the whole surface of
// the CLI can be read in one place.
package main

import (
	"fmt"
	"log/slog"
	"slices"

	"github.com/goinvites/invites/client"
	"github.com/spf13/cobra"
)

var outputFormats = []string{"table", "json", "csv"}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "invites",
		Short: "See, create, import, sync and prune OpenAI organization invites",
		Long: `invites manages the invites of an OpenAI organization through the Admin API.

The Admin API key comes from the OPENAI_ADMIN_KEY environment variable or from
--api-key-file FILE ("-" reads it from stdin); it is never taken as a flag
value, which would show in the process list. --fake runs every command against
an embedded offline fake instead, with no key and no network.

Output is a table by default; --output json and --output csv are stable
formats for scripts. Exit codes: 0 success, 1 an API or network failure (or
some rows or IDs failed), 2 a usage or input error, 3 sync --check found
actions pending, 130 interrupted.`,
		Version:           versionLine(),
		SilenceErrors:     true,
		SilenceUsage:      true,
		PersistentPreRunE: a.prepare,
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })

	f := root.PersistentFlags()
	f.StringVar(&a.baseURL, "base-url", "", "API base URL including /v1 (default $"+client.EnvBaseURL+", else "+client.DefaultBaseURL+")")
	f.StringVarP(&a.output, "output", "o", "table", "output format: table, json or csv")
	f.DurationVar(&a.timeout, "timeout", 0, fmt.Sprintf("time limit for each request attempt (default %s)", client.DefaultAttemptTimeout))
	f.IntVar(&a.maxRetries, "max-retries", 0, fmt.Sprintf("retries after a failed attempt (default %d, and %d for import)", client.DefaultMaxRetries, importRetries))
	f.BoolVarP(&a.verbose, "verbose", "v", false, "log each request to stderr (the key is redacted)")
	f.BoolVar(&a.useFake, "fake", false, "run against an embedded offline fake whose invites persist between commands")
	f.StringVar(&a.keyFile, "api-key-file", "", `read the Admin API key from FILE ("-" for stdin) instead of OPENAI_ADMIN_KEY`)
	_ = root.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(outputFormats, cobra.ShellCompDirectiveNoFileComp))
	root.MarkFlagsMutuallyExclusive("fake", "base-url")

	root.CompletionOptions.DisableDefaultCmd = true
	root.AddCommand(
		a.listCommand(),
		a.getCommand(),
		a.createCommand(),
		a.deleteCommand(),
		a.importCommand(),
		a.syncCommand(),
		a.exportCommand(),
		a.pruneCommand(),
		a.fakeServerCommand(),
		a.demoCommand(),
		a.completionCommand(),
		a.versionCommand(),
	)
	return root
}

// prepare checks the global flags before any command runs.
func (a *app) prepare(cmd *cobra.Command, _ []string) error {
	a.maxRetriesSet = cmd.Flags().Changed("max-retries")
	if !slices.Contains(outputFormats, a.output) {
		return usagef("--output %q: want table, json or csv", a.output)
	}
	if a.maxRetries < 0 {
		return usagef("--max-retries %d: want 0 or more", a.maxRetries)
	}
	if a.timeout < 0 {
		return usagef("--timeout %v: want a positive duration", a.timeout)
	}
	if a.verbose {
		text := slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelDebug})
		a.logger = slog.New(redactingHandler{text, &a.secret})
	}
	return nil
}
