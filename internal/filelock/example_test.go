package filelock_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/goinvites/invites/internal/filelock"
)

func ExampleAcquire() {
	dir, err := os.MkdirTemp("", "filelock")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "state.json.lock")

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	l, err := filelock.Acquire(ctx, path)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer func() { _ = l.Unlock() }()
	// Read, change and save the shared file here: no other process that
	// locks path can do the same meanwhile.
	_, err = filelock.TryLock(path)
	fmt.Println(err != nil)
	// Output: true
}
