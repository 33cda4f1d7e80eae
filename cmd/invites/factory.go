// The factory hands each command what it takes from the process: its
// streams, and a client configured by the global flags (the real API with a
// key, or the embedded fake with --fake). Commands never build clients
// themselves, so every one of them honours every global flag; a test skips
// the factory and gives a command's runX its options directly.
package main

import (
	"context"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/goinvites/invites/client"
)

// clientFunc makes a client; extra holds a command's own defaults (import
// and sync are more patient), which the global flags override. Making one
// may wait (--fake waits its turn on the state file) until ctx ends.
type clientFunc = func(ctx context.Context, extra ...client.Option) (*client.Client, error)

type factory struct {
	IO     *IOStreams
	getenv func(string) string
	flags  globalFlags

	logger *slog.Logger
	secret string // the API key once read, scrubbed from the log
	// keySource says where the key came from (OPENAI_ADMIN_KEY or
	// --api-key-file FILE), and keyRefused whether the API answered it 401.
	keySource  string
	keyRefused atomic.Bool
	closers    []func() // what to stop when the command ends: the embedded fake
}

// globalFlags are the root command's persistent flags.
type globalFlags struct {
	baseURL       string
	output        string
	timeout       time.Duration
	maxRetries    int
	maxRetriesSet bool
	verbose       bool
	fake          bool
	fakeMembers   string
	keyFile       string
}

func newFactory(ios *IOStreams, getenv func(string) string) *factory {
	return &factory{IO: ios, getenv: getenv, logger: slog.New(slog.DiscardHandler)}
}

// Output is the --output format: table, json or csv.
func (f *factory) Output() string { return f.flags.output }

// Logger is where -v sends each request, with the key redacted.
func (f *factory) Logger() *slog.Logger { return f.logger }

// Client returns a client configured by the global flags.
func (f *factory) Client(ctx context.Context, extra ...client.Option) (*client.Client, error) {
	opts := []client.Option{
		client.WithLogger(f.logger),
		client.WithUserAgent("invites-cli/" + buildVersion()),
	}
	if f.flags.fake {
		srv, err := f.startEmbeddedFake(ctx)
		if err != nil {
			return nil, err
		}
		opts = append(opts, client.WithBaseURL(srv.URL()), client.WithAPIKey(srv.Key()))
		f.secret = srv.Key()
	} else {
		key, err := f.apiKey()
		if err != nil {
			return nil, err
		}
		f.secret = key
		opts = append(opts, client.WithAPIKey(key), client.WithMiddleware(func(next http.RoundTripper) http.RoundTripper {
			return keyWatch{next, &f.keyRefused}
		}))
		if base := f.baseURL(); base != "" {
			opts = append(opts, client.WithBaseURL(base))
		}
	}
	// A command's own settings come first, so that flags the user gave win.
	opts = append(opts, extra...)
	if f.flags.timeout > 0 {
		opts = append(opts, client.WithAttemptTimeout(f.flags.timeout))
	}
	if f.flags.maxRetriesSet {
		opts = append(opts, client.WithMaxRetries(f.flags.maxRetries))
	}
	c, err := client.New(opts...)
	if err != nil {
		// Every New error is a configuration the user gave (a bad base URL,
		// say): a usage error, reported before anything is sent.
		return nil, &usageError{err}
	}
	return c, nil
}

// baseURL is --base-url, else OPENAI_BASE_URL from the environment run was
// given (the client would read the process's own).
func (f *factory) baseURL() string {
	if f.flags.baseURL != "" {
		return f.flags.baseURL
	}
	return f.getenv(client.EnvBaseURL)
}

// close stops what the command started, last first.
func (f *factory) close() {
	for i := len(f.closers) - 1; i >= 0; i-- {
		f.closers[i]()
	}
	f.closers = nil
}
