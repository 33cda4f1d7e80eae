// fake-server runs the offline fake as a standalone process, so that tools in
// any language (and people with curl) can try the Invites API without a key.
// It prints its base URL as the first line of stdout for scripts to read.
package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/spf13/cobra"
)

func (a *app) fakeServerCommand() *cobra.Command {
	var (
		addr       string
		seed       int64
		key        string
		state      string
		invites    int
		expiry     time.Duration
		allowDups  bool
		faults     fake.Faults
		createWith int
	)
	cmd := &cobra.Command{
		Use:   "fake-server",
		Short: "Run the offline fake Invites API until interrupted",
		Long: `Run the in-memory fake of the Invites API on --addr until SIGINT or SIGTERM.
The first line on stdout is its base URL (ending in /v1); clients authenticate
with --key. The fault flags make it misbehave like the real API on a bad day.`,
		Example: `  invites fake-server --addr 127.0.0.1:8080 --invites 20
  invites fake-server --rate-limit 7 --ambiguous-create-rate 0.1 --state fake.json
  invites fake-server --rate-limit 2 --rate-window 1s --rate-burst 1 --rate-limit-headers`,
		Args: cobra.NoArgs,
		RunE: a.action(func(*cobra.Command, []string) error {
			opts := []fake.Option{
				fake.WithSeed(seed), fake.WithKey(key), fake.WithExpiry(expiry),
				fake.WithInvites(invites), fake.WithFaults(faults), fake.WithLogger(a.logger),
				fake.WithCreateStatus(createWith),
			}
			if allowDups {
				opts = append(opts, fake.WithDuplicates(fake.AllowDuplicates))
			}
			if state != "" {
				opts = append(opts, fake.WithStateFile(state))
			}
			srv, err := fake.Start(addr, opts...)
			var listenErr *net.OpError
			switch {
			case errors.As(err, &listenErr), errors.Is(err, fake.ErrStateInUse):
				return fmt.Errorf("fake-server: %w", err)
			case err != nil:
				// fake.Start checks its options and state file before it
				// listens: those are the user's input.
				return usagef("fake-server: %w", err)
			}
			fmt.Fprintln(a.stdout, srv.URL())
			shown := "the one given with --key"
			if key == fake.DefaultKey {
				shown = key // the fake's published default, not a secret
			}
			fmt.Fprintf(a.stderr, "fake Invites API at %s (key: %s); Ctrl-C to stop\n", srv.URL(), shown)
			<-a.ctx.Done()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			err = srv.Shutdown(ctx)
			fmt.Fprintln(a.stderr, "fake Invites API stopped")
			return err
		}),
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (port 0 picks a free one)")
	f.Int64Var(&seed, "seed", 1, "seed for IDs, sample invites and random faults")
	f.StringVar(&key, "key", fake.DefaultKey, "the API key the fake accepts (not a secret)")
	f.StringVar(&state, "state", "", "keep the invites in this JSON file across restarts (one fake at a time: it is locked while served)")
	f.IntVar(&invites, "invites", 0, "start with this many sample invites (unless --state has some)")
	f.DurationVar(&expiry, "expiry", fake.DefaultExpiry, "how long a new invite stays pending")
	f.BoolVar(&allowDups, "allow-duplicates", false, "create a second pending invite to an email (default: reject it with 400)")
	f.IntVar(&createWith, "create-status", 200, "success status of a create: 200 or 201")
	f.DurationVar(&faults.Latency, "latency", 0, "delay every answer by this much")
	f.DurationVar(&faults.Jitter, "jitter", 0, "add a random delay up to this much")
	f.IntVar(&faults.RateLimit, "rate-limit", 0, "requests allowed per endpoint per --rate-window, refilled evenly; beyond them 429 (0: no limit)")
	f.DurationVar(&faults.RateWindow, "rate-window", time.Minute, "the rate limit's window")
	f.IntVar(&faults.RateBurst, "rate-burst", 0, "requests allowed at once before the limit paces them (0: --rate-limit)")
	f.BoolVar(&faults.RateLimitHeaders, "rate-limit-headers", false, "send x-ratelimit-* headers on every answer and retry-after with 429s (default: the wait is only in the 429's message, like the real Admin API)")
	f.Float64Var(&faults.ErrorRate, "error-rate", 0, "share of requests answered 500")
	f.Float64Var(&faults.UnavailableRate, "unavailable-rate", 0, "share of requests answered 503")
	f.Float64Var(&faults.DropRate, "drop-rate", 0, "share of requests whose connection is dropped")
	f.Float64Var(&faults.StallRate, "stall-rate", 0, "share of requests held for --stall")
	f.DurationVar(&faults.Stall, "stall", 0, "how long a stalled request is held (0: until the client gives up)")
	f.Float64Var(&faults.AmbiguousCreateRate, "ambiguous-create-rate", 0, "share of creates applied whose answer is then lost")
	f.Float64Var(&faults.TruncateRate, "truncate-rate", 0, "share of answers cut short (the connection closes mid-body)")
	f.Float64Var(&faults.TruncateJSONRate, "truncate-json-rate", 0, "share of successes whose JSON is cut short in a complete answer (applied all the same)")
	return cmd
}
