// connect turns the global flags into a client: the real API with a key, or
// the embedded fake (--fake) with none. Commands never build clients
// themselves, so every one of them honours every global flag.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
)

// fakeStateEnv overrides where --fake keeps its invites (tests use it).
const fakeStateEnv = "INVITES_FAKE_STATE"

// fakeStateWait bounds how long a --fake command waits for another one
// using the same state file to finish.
const fakeStateWait = time.Minute

// fakeSampleInvites is how many invites a brand-new --fake state starts
// with, so that list and prune have something to show.
const fakeSampleInvites = 6

// client returns a client configured by the global flags. extra holds a
// command's own defaults (import is more patient), which flags override.
func (a *app) client(extra ...client.Option) (*client.Client, error) {
	opts := []client.Option{
		client.WithLogger(a.logger),
		client.WithUserAgent("invites-cli/" + buildVersion()),
	}
	if a.useFake {
		srv, err := a.startEmbeddedFake()
		if err != nil {
			return nil, err
		}
		opts = append(opts, client.WithBaseURL(srv.URL()), client.WithAPIKey(srv.Key()))
		a.secret = srv.Key()
	} else {
		key, err := a.apiKey()
		if err != nil {
			return nil, err
		}
		a.secret = key
		opts = append(opts, client.WithAPIKey(key))
		if base := a.baseURLSetting(); base != "" {
			opts = append(opts, client.WithBaseURL(base))
		}
	}
	// A command's own settings come first, so that flags the user gave win.
	opts = append(opts, extra...)
	if a.timeout > 0 {
		opts = append(opts, client.WithAttemptTimeout(a.timeout))
	}
	if a.maxRetriesSet {
		opts = append(opts, client.WithMaxRetries(a.maxRetries))
	}
	opts = append(opts, a.clientOpts...)
	c, err := client.New(opts...)
	if err != nil {
		// Every New error is a configuration the user gave (a bad base URL,
		// say): a usage error, reported before anything is sent.
		return nil, &usageError{err}
	}
	return c, nil
}

// baseURLSetting is --base-url, else OPENAI_BASE_URL from the environment run
// was given (the client would read the process's own).
func (a *app) baseURLSetting() string {
	if a.baseURL != "" {
		return a.baseURL
	}
	return a.getenv(client.EnvBaseURL)
}

// startEmbeddedFake starts the --fake server on loopback, with its state in
// the user's cache directory so successive commands see the same invites.
//
// The fake holds the state file's lock from here until the command exits
// (onExit), so a command is one read-modify-write of the file: a second
// --fake command started meanwhile waits (up to fakeStateWait) and then
// loads what the first saved, instead of both saving over each other.
func (a *app) startEmbeddedFake() (*fake.Server, error) {
	path, err := a.fakeStatePath()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("--fake: %w", err)
	}
	opts := []fake.Option{
		fake.WithStateFile(path),
		// A new seed each run: the IDs it draws must not repeat the pattern
		// of those already in the state file.
		fake.WithSeed(a.now().UnixNano()),
		fake.WithInvites(fakeSampleInvites),
		fake.WithLogger(a.logger),
	}
	srv, err := fake.Start("127.0.0.1:0", opts...)
	if errors.Is(err, fake.ErrStateInUse) {
		fmt.Fprintf(a.stderr, "(waiting for another invites --fake command to finish with %s)\n", path)
		ctx, cancel := context.WithTimeoutCause(a.ctx, fakeStateWait, fmt.Errorf("waited %v", fakeStateWait))
		defer cancel()
		srv, err = fake.StartContext(ctx, "127.0.0.1:0", opts...)
	}
	switch {
	case errors.Is(err, fake.ErrStateInUse):
		return nil, fmt.Errorf("--fake: %w: let the other command (or fake-server) finish, or set %s=FILE to use another", err, fakeStateEnv)
	case err != nil:
		return nil, fmt.Errorf("--fake: %w (remove %s to start afresh)", err, path)
	}
	a.onExit(srv.Close)
	fmt.Fprintf(a.stderr, "(offline fake; its invites are kept in %s)\n", path)
	return srv, nil
}

func (a *app) fakeStatePath() (string, error) {
	if p := a.getenv(fakeStateEnv); p != "" {
		return p, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("--fake: no cache directory for its state (set %s=FILE): %w", fakeStateEnv, err)
	}
	return filepath.Join(dir, "invites", "fake-state.json"), nil
}

// attemptCounter counts HTTP attempts and 429 answers as they happen, so
// that a summary can tell them, and so that a long silent wait on a rate
// limit can be explained while it happens (onRateLimit).
type attemptCounter struct {
	attempts, rateLimited atomic.Int64
	onRateLimit           atomic.Pointer[func()]
	waits                 waitRelay // the client's pacer waits, for the progress bar
}

func (c *attemptCounter) middleware(next http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		c.attempts.Add(1)
		resp, err := next.RoundTrip(r)
		if err == nil && resp.StatusCode == http.StatusTooManyRequests {
			c.rateLimited.Add(1)
			if notify := c.onRateLimit.Load(); notify != nil {
				(*notify)()
			}
		}
		return resp, err
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
