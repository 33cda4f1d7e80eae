//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package filelock

import (
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/require"
)

// A child forked while the lock is held keeps a copy of its descriptor
// until it execs (every test that starts a process forks one): Unlock must
// free the lock all the same.
func TestUnlockFreesTheLockWhileACopyOfItsDescriptorIsOpen(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "x.lock")
	l, err := TryLock(path)
	require.NoError(t, err)
	copied, err := syscall.Dup(int(l.f.Fd())) // what the child holds
	require.NoError(t, err)
	defer func() { _ = syscall.Close(copied) }()

	require.NoError(t, l.Unlock())
	l2, err := TryLock(path)
	require.NoError(t, err, "the copy does not keep the lock")
	require.NoError(t, l2.Unlock())
}
