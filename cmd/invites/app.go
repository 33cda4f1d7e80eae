// app holds what every command shares (streams, environment, global flags)
// so that the whole command tree runs in-process in tests, with no globals.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// run executes the invites command line args and returns the exit code. It is
// main without the process: tests call it with their own streams, environment
// and context. Cancelling ctx is how an interrupt (Ctrl-C) reaches commands.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer, env func(string) string) int {
	return newApp(ctx, stdin, stdout, stderr, env).run(args)
}

type app struct {
	ctx       context.Context
	stdin     io.Reader
	stdout    io.Writer
	stderr    io.Writer // shared by logs, progress and messages: see lockedWriter
	rawStderr io.Writer // the stream itself, to ask whether it is a terminal
	getenv    func(string) string

	// Seams for tests; newApp sets the real ones.
	isTerminal     func(any) bool
	now            func() time.Time
	clientOpts     []client.Option // appended last to every client's options
	interruptGrace time.Duration   // how long requests in flight may run after an interrupt
	rateLimitWait  time.Duration   // longest single wait the client may take on a 429 during an import

	// Global flags.
	baseURL       string
	output        string
	timeout       time.Duration
	maxRetries    int
	maxRetriesSet bool
	verbose       bool
	useFake       bool
	keyFile       string

	started  bool
	secret   string // the API key once read, scrubbed from logs
	logger   *slog.Logger
	cleanups []func()
}

// newApp returns an app with the real seams: tests change them after.
func newApp(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, env func(string) string) *app {
	return &app{
		ctx:            ctx,
		stdin:          stdin,
		stdout:         &lockedWriter{w: stdout},
		stderr:         &lockedWriter{w: stderr},
		rawStderr:      stderr,
		getenv:         env,
		isTerminal:     isTerminal,
		now:            time.Now,
		interruptGrace: 30 * time.Second,
		rateLimitWait:  2 * time.Minute,
		logger:         slog.New(slog.DiscardHandler),
	}
}

func (a *app) run(args []string) int {
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	err := root.ExecuteContext(a.ctx)
	for i := len(a.cleanups) - 1; i >= 0; i-- {
		a.cleanups[i]()
	}
	code := exitCode(a.ctx, err, a.started)
	var silent *silentExit
	switch {
	case err == nil || errors.As(err, &silent):
	case code == exitInterrupted:
		fmt.Fprintln(a.stderr, "invites: interrupted")
	default:
		a.printError(err)
		if code == exitUsage && !a.started {
			fmt.Fprintf(a.stderr, "Run '%s --help' for usage.\n", commandPath(root, args))
		}
	}
	return code
}

// printError writes err as the one line a user reads, never a stack trace.
func (a *app) printError(err error) {
	fmt.Fprintln(a.stderr, "invites: "+oneLine(describeError(err)))
}

// action wraps a command's body so that errors after this point are judged
// as the command's own, not as command-line parsing errors.
func (a *app) action(fn func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		a.started = true
		return fn(cmd, args)
	}
}

// onExit registers work to do after the command finishes (closing an
// embedded fake server, for one).
func (a *app) onExit(fn func()) { a.cleanups = append(a.cleanups, fn) }

// commandPath names the subcommand args asked for, for the usage hint.
func commandPath(root *cobra.Command, args []string) string {
	if c, _, err := root.Find(args); err == nil && c != nil {
		return c.CommandPath()
	}
	return root.Name()
}

// lockedWriter serializes writes: workers, the logger and the interrupt
// notice all write to stderr, and each line must come out whole.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}
