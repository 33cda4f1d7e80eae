// Command invites is the tool an OpenAI organization admin runs to see,
// create, import, sync and prune organization invites without writing code.
//
// main stays small: it makes the process's streams and its interrupt
// context once, and run does the rest; tests call run, or a command's runX,
// in-process with their own streams.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := interruptContext()
	defer stop()
	code := run(ctx, os.Args[1:], systemStreams(), os.Getenv)
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
			os.Exit(exitInterrupted)
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
