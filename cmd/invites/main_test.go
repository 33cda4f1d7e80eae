//go:build unix

package main

import (
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestInterruptContext sends this process a SIGINT: with the handler in
// place it must cancel the context, not kill the test binary. It is not
// parallel: the signal goes to the whole process.
func TestInterruptContext(t *testing.T) {
	ctx, stop := interruptContext()
	defer stop()
	require.NoError(t, ctx.Err())
	require.NoError(t, syscall.Kill(syscall.Getpid(), syscall.SIGINT))
	select {
	case <-ctx.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("SIGINT did not cancel the context")
	}
}
