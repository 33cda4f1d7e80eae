// Package filelock lets processes that share a file take turns: an
// exclusive advisory lock on a lock file of its own, held until Unlock or
// the process's end (the OS releases it even after a crash, so a lock is
// never left stale).
package filelock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"
)

// ErrLocked means another holder has the lock: another process, or another
// Lock in this one.
var ErrLocked = errors.New("locked by another process")

// pollEvery is how often Acquire tries again. Advisory locks cannot wait
// with a deadline, so Acquire polls; a turn is then taken at most this late.
const pollEvery = 50 * time.Millisecond

// Lock is a held lock. Lock the file that never moves (path.lock beside a
// file that is replaced by rename, say), not the file itself: a rename would
// leave the lock on the old file.
type Lock struct{ f *os.File }

// TryLock takes the lock on path, creating the file if need be, or fails at
// once with an error that wraps [ErrLocked] if another holder has it.
func TryLock(path string) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := lock(f); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &Lock{f}, nil
}

// Acquire waits for the lock on path until ctx is done; the error then
// wraps both [ErrLocked] and ctx's error. It always tries once, even with
// ctx already done.
func Acquire(ctx context.Context, path string) (*Lock, error) {
	var t *time.Timer
	for {
		l, err := TryLock(path)
		if !errors.Is(err, ErrLocked) {
			return l, err
		}
		if t == nil {
			t = time.NewTimer(pollEvery)
			defer t.Stop()
		} else {
			t.Reset(pollEvery)
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%w; gave up waiting: %w", err, context.Cause(ctx))
		case <-t.C:
		}
	}
}

// Unlock releases the lock. It is safe to call on a nil Lock and more than
// once.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	// Closing alone would not do: a child forked meanwhile holds a copy of
	// the descriptor until it execs, and the lock lives as long as any copy.
	err := errors.Join(unlock(l.f), l.f.Close())
	l.f = nil
	return err
}
