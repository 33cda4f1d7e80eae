// A journal is only useful if it is kept where the next run, and the
// admin, will find it without being told: the user's state directory, the
// place for data that outlives a run but is not configuration, and that a
// cache cleaner must not delete.

package journal

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// ErrNoHome is matched by DefaultPath's error when the environment names
// no directory to keep a journal in.
var ErrNoHome = errors.New("journal: no home directory known")

// DefaultPath is where the journal goes when the user names none:
// invites/journal.jsonl under $XDG_STATE_HOME, else ~/.local/state, on
// Linux and other Unix systems; ~/Library/Application Support on macOS;
// %LocalAppData% on Windows. The error matches ErrNoHome when the
// environment does not say where those are.
func DefaultPath() (string, error) { return DefaultPathFrom(os.Getenv) }

// DefaultPathFrom is DefaultPath with the environment read by getenv: a
// command given its environment (the CLI's Run, a test) reads that one,
// not the process's.
func DefaultPathFrom(getenv func(string) string) (string, error) {
	return defaultPath(runtime.GOOS, getenv)
}

func defaultPath(goos string, getenv func(string) string) (string, error) {
	const app, name = "invites", "journal.jsonl"
	switch goos {
	case "windows":
		if dir := getenv("LocalAppData"); dir != "" {
			return filepath.Join(dir, app, name), nil
		}
		return "", fmt.Errorf("%w: %%LocalAppData%% is not set", ErrNoHome)
	case "darwin", "ios":
		if home := getenv("HOME"); home != "" {
			return filepath.Join(home, "Library", "Application Support", app, name), nil
		}
		return "", fmt.Errorf("%w: $HOME is not set", ErrNoHome)
	}
	if dir := getenv("XDG_STATE_HOME"); filepath.IsAbs(dir) { // a relative one is invalid, says the spec
		return filepath.Join(dir, app, name), nil
	}
	if home := getenv("HOME"); home != "" {
		return filepath.Join(home, ".local", "state", app, name), nil
	}
	return "", fmt.Errorf("%w: neither $XDG_STATE_HOME nor $HOME is set", ErrNoHome)
}
