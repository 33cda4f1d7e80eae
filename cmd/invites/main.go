// Command invites manages the invites and members of an OpenAI organization
// through the Admin API, without writing code: see, create, import, sync and
// prune invites, and list, change the role of and remove members.
//
// Usage:
//
//	invites [global flags] command [flags] [arguments]
//
// The commands:
//
//	list, get, create, delete, prune    the invites (by ID or by email)
//	import, sync, export                a roster file: invite everyone listed,
//	                                    make the organization match it, write it
//	users list|get|set-role|remove      the members
//	fake-server, demo                   the offline fake, and a tour against it
//	completion bash|zsh|fish, version
//
// The Admin API key comes from the OPENAI_ADMIN_KEY environment variable or
// from --api-key-file FILE ("-" reads it from stdin), never from a flag
// value, which would show in the process list. --fake runs any command
// against an embedded offline fake instead, with no key and no network.
//
// Output is a table by default; --output json and --output csv are stable
// formats for scripts. Exit codes: 0 success, 1 an API or network failure
// (or some rows or IDs failed), 2 a usage or input error (or a refusal), 3
// sync --check found actions pending, 130 interrupted. `invites help
// COMMAND` says the rest.
//
// main stays small: it makes the process's streams and its interrupt
// context once, and root.Run (internal/cli/root) does the rest; tests call
// root.Run, or a command's RunX, in-process with their own streams.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/root"
)

func main() {
	ctx, stop := interruptContext()
	defer stop()
	code := root.Run(ctx, os.Args[1:], cmdutil.SystemStreams(), os.Getenv)
	stop()
	os.Exit(code)
}

// interruptContext is cancelled by the first SIGINT or SIGTERM, which asks
// the running command to stop gracefully (an import lets requests in flight
// finish and still writes its report). A second signal means the user will
// not wait: exit at once.
func interruptContext() (context.Context, func()) {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case <-sigs:
			cancel()
		case <-done:
			return
		}
		select {
		case <-sigs:
			fmt.Fprintln(os.Stderr, "invites: interrupted again, exiting now")
			os.Exit(cmdutil.ExitInterrupted)
		case <-done:
		}
	}()
	return ctx, func() {
		signal.Stop(sigs)
		select {
		case <-done:
		default:
			close(done)
		}
		cancel()
	}
}
