// fake-server runs the offline fake as a standalone process, so that tools in
// any language (and people with curl) can try the Invites API without a key.
// It prints its base URL as the first line of stdout for scripts to read.

package fakecmd

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// ServerOptions are fake-server's flags: how the fake starts, and how
// it misbehaves.
type ServerOptions struct {
	IO     *cmdutil.IOStreams
	Logger *slog.Logger

	Addr            string
	Seed            int64
	Key             string
	State           string
	Invites         int
	MembersFile     string
	Expiry          time.Duration
	AllowDuplicates bool
	Faults          fake.Faults
	CreateStatus    int
}

func newServerCmd(f *cmdutil.Factory, runF func(context.Context, *ServerOptions) error) *cobra.Command {
	opts := &ServerOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "fake-server",
		Short: "Run the offline fake Invites and Users API until interrupted",
		Long: `Run the in-memory fake of the Invites and Users API on --addr until SIGINT
or SIGTERM. The first line on stdout is its base URL (ending in /v1); clients
authenticate with --key. The fault flags make it misbehave like the real API
on a bad day.

Its projects are the default project (proj_default) and three samples:
proj_research, proj_support and proj_legacy (archived). Its members are
whoever accepts an invite (an accepted sample invite of --invites included)
and those --members FILE gives: ` + membersFileHelp,
		Example: `  invites fake-server --addr 127.0.0.1:8080 --invites 20
  invites fake-server --members members.json --state fake.json
  invites fake-server --rate-limit 7 --ambiguous-create-rate 0.1 --state fake.json
  invites fake-server --rate-limit 2 --rate-window 1s --rate-burst 1 --rate-limit-headers`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.Logger = f.Logger()
			return runF(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	faults := &opts.Faults
	fs.StringVar(&opts.Addr, "addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	fs.Int64Var(&opts.Seed, "seed", 1, "seed for IDs, sample invites and random faults")
	fs.StringVar(&opts.Key, "key", fake.DefaultKey, "the API key the fake accepts (not a secret)")
	fs.StringVar(&opts.State, "state", "", "keep the invites in this JSON file across restarts (one fake at a time: it is locked while served)")
	fs.IntVar(&opts.Invites, "invites", 0, "start with this many sample invites (unless --state has some)")
	fs.StringVar(&opts.MembersFile, "members", "", "start with the members in `FILE`, a JSON array (see above; unless --state has some)")
	fs.DurationVar(&opts.Expiry, "expiry", fake.DefaultExpiry, "how long a new invite stays pending")
	fs.BoolVar(&opts.AllowDuplicates, "allow-duplicates", false, "create a second pending invite to an email (default: reject it with 400)")
	fs.IntVar(&opts.CreateStatus, "create-status", 200, "success status of a create: 200 or 201")
	fs.DurationVar(&faults.Latency, "latency", 0, "delay every answer by this much")
	fs.DurationVar(&faults.Jitter, "jitter", 0, "add a random delay up to this much")
	fs.IntVar(&faults.RateLimit, "rate-limit", 0, "requests allowed per endpoint per --rate-window, refilled evenly; beyond them 429 (0: no limit)")
	fs.DurationVar(&faults.RateWindow, "rate-window", time.Minute, "the rate limit's window")
	fs.IntVar(&faults.RateBurst, "rate-burst", 0, "requests allowed at once before the limit paces them (0: --rate-limit)")
	fs.BoolVar(&faults.RateLimitHeaders, "rate-limit-headers", false, "send x-ratelimit-* headers on every answer and retry-after with 429s (default: the wait is only in the 429's message, like the real Admin API)")
	fs.Float64Var(&faults.ErrorRate, "error-rate", 0, "share of requests answered 500")
	fs.Float64Var(&faults.UnavailableRate, "unavailable-rate", 0, "share of requests answered 503")
	fs.Float64Var(&faults.DropRate, "drop-rate", 0, "share of requests whose connection is dropped")
	fs.Float64Var(&faults.StallRate, "stall-rate", 0, "share of requests held for --stall")
	fs.DurationVar(&faults.Stall, "stall", 0, "how long a stalled request is held (0: until the client gives up)")
	fs.Float64Var(&faults.AmbiguousCreateRate, "ambiguous-create-rate", 0, "share of creates applied whose answer is then lost")
	fs.Float64Var(&faults.TruncateRate, "truncate-rate", 0, "share of answers cut short (the connection closes mid-body)")
	fs.Float64Var(&faults.TruncateJSONRate, "truncate-json-rate", 0, "share of successes whose JSON is cut short in a complete answer (applied all the same)")
	return cmd
}

// RunServer serves the fake until ctx ends.
func RunServer(ctx context.Context, opts *ServerOptions) error {
	fakeOpts := []fake.Option{
		fake.WithSeed(opts.Seed), fake.WithKey(opts.Key), fake.WithExpiry(opts.Expiry),
		fake.WithInvites(opts.Invites), fake.WithFaults(opts.Faults), fake.WithLogger(opts.Logger),
		fake.WithCreateStatus(opts.CreateStatus), fake.WithProjects(fake.SampleProjects()...),
	}
	if opts.AllowDuplicates {
		fakeOpts = append(fakeOpts, fake.WithDuplicates(fake.AllowDuplicates))
	}
	if opts.MembersFile != "" {
		members, err := readMembersFile("--members", opts.MembersFile)
		if err != nil {
			return err
		}
		fakeOpts = append(fakeOpts, fake.WithMembers(members...))
	}
	stateLoaded := false
	if opts.State != "" {
		fakeOpts = append(fakeOpts, fake.WithStateFile(opts.State))
		stateLoaded = stateExists(opts.State)
	}
	srv, err := fake.Start(opts.Addr, fakeOpts...)
	var listenErr *net.OpError
	switch {
	case errors.As(err, &listenErr), errors.Is(err, fake.ErrStateInUse):
		return fmt.Errorf("fake-server: %w", err)
	case err != nil:
		// fake.Start checks its options and state file before it
		// listens: those are the user's input.
		return cmdutil.Usagef("fake-server: %w", err)
	}
	fmt.Fprintln(opts.IO.Out, srv.URL())
	if opts.MembersFile != "" && stateLoaded {
		fmt.Fprintln(opts.IO.ErrOut, notSeeded("--members", opts.State))
	}
	shown := "the one given with --key"
	if opts.Key == fake.DefaultKey {
		shown = opts.Key // the fake's published default, not a secret
	}
	fmt.Fprintf(opts.IO.ErrOut, "fake Invites API at %s (key: %s); Ctrl-C to stop\n", srv.URL(), shown)
	<-ctx.Done()
	stopCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err = srv.Shutdown(stopCtx)
	fmt.Fprintln(opts.IO.ErrOut, "fake Invites API stopped")
	return err
}
