// --fake runs every command against a fake on loopback, offline and with no
// key, whose invites, members and projects persist between commands so that
// a session of them reads like one against a real organization.

package fakecmd

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/cmdutil"
)

// StateEnv overrides where --fake keeps its invites (tests use it).
const StateEnv = "INVITES_FAKE_STATE"

// fakeStateWait bounds how long a --fake command waits for another one
// using the same state file to finish.
const fakeStateWait = time.Minute

// fakeSampleInvites is how many invites a brand-new --fake state starts
// with, so that list and prune have something to show.
const fakeSampleInvites = 6

// StartEmbedded starts the --fake server on loopback, with its state in
// the user's cache directory so successive commands see the same invites,
// and gives its base URL and key (the factory's StartFake).
//
// The fake holds the state file's lock from here until the command exits
// (f.Close), so a command is one read-modify-write of the file: a second
// --fake command started meanwhile waits (up to fakeStateWait) and then
// loads what the first saved, instead of both saving over each other.
func StartEmbedded(ctx context.Context, f *cmdutil.Factory) (baseURL, key string, err error) {
	path, err := fakeStatePath(f)
	if err != nil {
		return "", "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return "", "", fmt.Errorf("--fake: %w", err)
	}
	members := fakeSampleMembers
	if f.Flags.FakeMembers != "" {
		if members, err = readMembersFile("--fake-members", f.Flags.FakeMembers); err != nil {
			return "", "", err
		}
	}
	loaded := stateExists(path)
	opts := []fake.Option{
		fake.WithStateFile(path),
		// A new seed each run: the IDs it draws must not repeat the pattern
		// of those already in the state file.
		fake.WithSeed(time.Now().UnixNano()),
		fake.WithInvites(fakeSampleInvites),
		fake.WithMembers(members...),
		fake.WithProjects(fake.SampleProjects()...),
		fake.WithLogger(f.Logger()),
	}
	srv, err := fake.Start("127.0.0.1:0", opts...)
	if errors.Is(err, fake.ErrStateInUse) {
		fmt.Fprintf(f.IO.ErrOut, "(waiting for another invites --fake command to finish with %s)\n", path)
		ctx, cancel := context.WithTimeoutCause(ctx, fakeStateWait, fmt.Errorf("waited %v", fakeStateWait))
		defer cancel()
		srv, err = fake.StartContext(ctx, "127.0.0.1:0", opts...)
	}
	switch {
	case errors.Is(err, fake.ErrStateInUse):
		return "", "", fmt.Errorf("--fake: %w: let the other command (or fake-server) finish, or set %s=FILE to use another", err, StateEnv)
	case errors.Is(err, fake.ErrMemberExists):
		return "", "", cmdutil.Usagef("--fake-members %s: %w", f.Flags.FakeMembers, err)
	case err != nil:
		return "", "", fmt.Errorf("--fake: %w (remove %s to start afresh)", err, path)
	}
	f.OnClose(srv.Close)
	fmt.Fprintf(f.IO.ErrOut, "(offline fake; its invites, members and projects are kept in %s)\n", path)
	if f.Flags.FakeMembers != "" && loaded {
		fmt.Fprintln(f.IO.ErrOut, notSeeded("--fake-members", path))
	}
	return srv.URL(), srv.Key(), nil
}

func fakeStatePath(f *cmdutil.Factory) (string, error) {
	if p := f.Getenv(StateEnv); p != "" {
		return p, nil
	}
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("--fake: no cache directory for its state (set %s=FILE): %w", StateEnv, err)
	}
	return filepath.Join(dir, "invites", "fake-state.json"), nil
}
