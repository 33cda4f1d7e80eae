package filelock_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goinvites/invites/internal/filelock"
)

func TestTryLockExcludesAnotherHolder(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json.lock")
	l, err := filelock.TryLock(path)
	require.NoError(t, err)
	_, err = filelock.TryLock(path)
	require.ErrorIs(t, err, filelock.ErrLocked)
	assert.Contains(t, err.Error(), path)

	require.NoError(t, l.Unlock())
	require.NoError(t, l.Unlock(), "a second Unlock is harmless")
	l2, err := filelock.TryLock(path)
	require.NoError(t, err, "free once released")
	require.NoError(t, l2.Unlock())
	var none *filelock.Lock
	require.NoError(t, none.Unlock())
}

func TestTryLockInAMissingDirectory(t *testing.T) {
	t.Parallel()
	_, err := filelock.TryLock(filepath.Join(t.TempDir(), "missing", "x.lock"))
	require.ErrorIs(t, err, os.ErrNotExist)
	assert.NotErrorIs(t, err, filelock.ErrLocked)
}

// Not parallel: a child another test forks holds a copy of every open
// descriptor until it execs, the lock's included, for a few real
// milliseconds in which the bubble's clock can run seconds ahead.
func TestAcquireWaitsItsTurn(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	synctest.Test(t, func(t *testing.T) {
		held, err := filelock.TryLock(path)
		require.NoError(t, err)
		go func() {
			time.Sleep(3 * time.Second)
			_ = held.Unlock()
		}()
		start := time.Now()
		l, err := filelock.Acquire(t.Context(), path)
		require.NoError(t, err)
		t.Cleanup(func() { _ = l.Unlock() })
		waited := time.Since(start)
		assert.GreaterOrEqual(t, waited, 3*time.Second)
		assert.LessOrEqual(t, waited, 3*time.Second+100*time.Millisecond, "taken soon after it is free")
	})
}

func TestAcquireGivesUpWithItsContext(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "x.lock")
	synctest.Test(t, func(t *testing.T) {
		held, err := filelock.TryLock(path)
		require.NoError(t, err)
		t.Cleanup(func() { _ = held.Unlock() })
		ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
		defer cancel()
		start := time.Now()
		_, err = filelock.Acquire(ctx, path)
		require.ErrorIs(t, err, filelock.ErrLocked)
		require.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, time.Minute, time.Since(start))
	})
}

// TestLockAcrossProcesses holds the lock in a child process (this test
// binary, run as holdLock) and checks that this process cannot take it
// until the child lets go.
func TestLockAcrossProcesses(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "x.lock")
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestHoldLockHelper$")
	cmd.Env = append(os.Environ(), "FILELOCK_HOLD="+path)
	stdin, err := cmd.StdinPipe()
	require.NoError(t, err)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	line, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "locked\n", line)

	_, err = filelock.TryLock(path)
	require.ErrorIs(t, err, filelock.ErrLocked, "held by the child")
	require.NoError(t, stdin.Close()) // the child unlocks and exits
	require.NoError(t, cmd.Wait())
	l, err := filelock.TryLock(path)
	require.NoError(t, err, "free once the child is gone")
	require.NoError(t, l.Unlock())
}

// TestHoldLockHelper is the child of TestLockAcrossProcesses: it takes the
// lock, says so, and holds it until its stdin closes.
func TestHoldLockHelper(*testing.T) {
	path := os.Getenv("FILELOCK_HOLD")
	if path == "" {
		return // run only as a child
	}
	l, err := filelock.TryLock(path)
	if err != nil {
		fmt.Println(err)
		os.Exit(1)
	}
	fmt.Println("locked")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
	if err := l.Unlock(); err != nil {
		os.Exit(1)
	}
}

func TestAcquireWithADoneContextStillTriesOnce(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	l, err := filelock.Acquire(ctx, filepath.Join(t.TempDir(), "x.lock"))
	require.NoError(t, err, "a free lock is taken")
	require.NoError(t, l.Unlock())
}
