// The factory hands each command what it takes from the process: its
// streams, and a client configured by the global flags (the real API with a
// key, or the embedded fake with --fake). Commands never build clients
// themselves, so every one of them honours every global flag; a test skips
// the factory and gives a command's runX its options directly.

package cmdutil

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/spf13/cobra"
)

// ClientFunc makes a client; extra holds a command's own defaults (import
// and sync are more patient), which the global flags override. Making one
// may wait (--fake waits its turn on the state file) until ctx ends.
type ClientFunc = func(ctx context.Context, extra ...client.Option) (*client.Client, error)

// Factory is what every command is built with: the process's streams, the
// global flags, and the client they configure.
type Factory struct {
	IO    *IOStreams
	Flags GlobalFlags
	// AppVersion is the build's version, for the User-Agent.
	AppVersion string
	// StartFake starts the embedded fake of --fake and gives its base URL
	// and key; the root sets it, so that this package needs no fake.
	StartFake func(ctx context.Context, f *Factory) (baseURL, key string, err error)

	getenv func(string) string
	logger *slog.Logger
	secret string // the API key once read, scrubbed from the log
	// keySource says where the key came from (OPENAI_ADMIN_KEY or
	// --api-key-file FILE), and keyRefused whether the API answered it 401.
	keySource  string
	keyRefused atomic.Bool
	requests   requestWatch // what an interrupt came during
	closers    []func()     // what to stop when the command ends: the embedded fake
}

// GlobalFlags are the root command's persistent flags.
type GlobalFlags struct {
	BaseURL       string
	Output        string
	Timeout       time.Duration
	MaxRetries    int
	MaxRetriesSet bool
	Verbose       bool
	Fake          bool
	FakeMembers   string
	KeyFile       string
}

// NewFactory is a factory over ios that reads the environment with getenv.
func NewFactory(ios *IOStreams, getenv func(string) string) *Factory {
	return &Factory{IO: ios, getenv: getenv, logger: slog.New(slog.DiscardHandler)}
}

// Output is the --output format: table, json or csv.
func (f *Factory) Output() string { return f.Flags.Output }

// Logger is where -v sends each request, with the key redacted.
func (f *Factory) Logger() *slog.Logger { return f.logger }

// Getenv reads the environment Run was given, not the process's own.
func (f *Factory) Getenv(name string) string { return f.getenv(name) }

// Client returns a client configured by the global flags.
func (f *Factory) Client(ctx context.Context, extra ...client.Option) (*client.Client, error) {
	opts := []client.Option{
		client.WithLogger(f.logger),
		client.WithUserAgent("invites-cli/" + f.AppVersion),
		client.WithMiddleware(f.requests.wrap),
	}
	if f.Flags.Fake {
		baseURL, key, err := f.StartFake(ctx, f)
		if err != nil {
			return nil, err
		}
		opts = append(opts, client.WithBaseURL(baseURL), client.WithAPIKey(key))
		f.secret = key
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
	if f.Flags.Timeout > 0 {
		opts = append(opts, client.WithAttemptTimeout(f.Flags.Timeout))
	}
	if f.Flags.MaxRetriesSet {
		opts = append(opts, client.WithMaxRetries(f.Flags.MaxRetries))
	}
	c, err := client.New(opts...)
	if err != nil {
		// Every New error is a configuration the user gave (a bad base URL,
		// say): a usage error, reported before anything is sent.
		return nil, &UsageError{err}
	}
	return c, nil
}

// baseURL is --base-url, else OPENAI_BASE_URL from the environment run was
// given (the client would read the process's own).
func (f *Factory) baseURL() string {
	if f.Flags.BaseURL != "" {
		return f.Flags.BaseURL
	}
	return f.getenv(client.EnvBaseURL)
}

// OnClose has stop run when the command ends (Close): the embedded fake's.
func (f *Factory) OnClose(stop func()) { f.closers = append(f.closers, stop) }

// Close stops what the command started, last first.
func (f *Factory) Close() {
	for i := len(f.closers) - 1; i >= 0; i-- {
		f.closers[i]()
	}
	f.closers = nil
}

// CheckFlags checks the global flags before any command runs, and turns on
// the request log for -v.
func (f *Factory) CheckFlags(cmd *cobra.Command, _ []string) error {
	if err := CheckExclusive(cmd); err != nil {
		return err
	}
	g := &f.Flags
	g.MaxRetriesSet = cmd.Flags().Changed("max-retries")
	if !slices.Contains(OutputFormats, g.Output) {
		return Usagef("--output %q: want table, json or csv", g.Output)
	}
	if g.MaxRetries < 0 {
		return Usagef("--max-retries %d: want 0 or more", g.MaxRetries)
	}
	if g.FakeMembers != "" && !g.Fake {
		return Usagef("--fake-members seeds the fake of --fake: add --fake")
	}
	if g.Timeout < 0 {
		return Usagef("--timeout %v: want a positive duration", g.Timeout)
	}
	if g.Verbose {
		text := slog.NewTextHandler(f.IO.ErrOut, &slog.HandlerOptions{Level: slog.LevelDebug})
		f.logger = slog.New(redactingHandler{text, &f.secret})
	}
	return nil
}

// apiKey returns the key from --api-key-file, else from the environment,
// and says which in f.keySource.
func (f *Factory) apiKey() (string, error) {
	if f.Flags.KeyFile == "" {
		key := strings.TrimSpace(f.getenv(client.EnvAPIKey))
		if key == "" {
			return "", errNoKey
		}
		f.keySource = client.EnvAPIKey
		return key, nil
	}
	var r io.Reader
	name := f.Flags.KeyFile
	f.keySource = "--api-key-file " + name
	if name == "-" {
		stdin, err := f.IO.TakeStdin("--api-key-file -")
		if err != nil {
			return "", err
		}
		r, name = stdin, "stdin"
		f.keySource = "--api-key-file - (stdin)"
	} else {
		file, err := os.Open(name)
		if err != nil {
			return "", Usagef("--api-key-file: %w", err)
		}
		defer file.Close()
		if info, err := file.Stat(); err == nil && info.Mode().Perm()&0o077 != 0 && runtime.GOOS != "windows" {
			fmt.Fprintf(f.IO.ErrOut, "warning: %s can be read by other users (chmod 600 %s)\n", name, name)
		}
		r = file
	}
	// The first line is the key; a trailing newline from an editor or echo
	// must not become part of it.
	line, err := bufio.NewReader(io.LimitReader(r, 64<<10)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", Usagef("--api-key-file: reading %s: %w", name, err)
	}
	key := strings.TrimSpace(line)
	if key == "" {
		return "", Usagef("--api-key-file: no key in %s", name)
	}
	return key, nil
}

// InterruptNotice is what to say when an interrupt ended the command:
// "interrupted while reading the members, before any change was sent:
// nothing was changed", or "interrupted" once a change has gone out (the
// command has told what it did).
func (f *Factory) InterruptNotice() string { return f.requests.notice() }

// KeyHint is the line that tells a refused key's source, "" when the API
// refused none.
func (f *Factory) KeyHint() string {
	if !f.keyRefused.Load() {
		return ""
	}
	return "invites: the API refused the key from " + f.keySource + ": it must be an active Admin API key (sk-admin-...)"
}
