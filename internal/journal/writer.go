// The writer makes each record durable before the write it records is sent,
// and keeps the journal bounded, even with several runs appending at once.

package journal

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/goinvites/invites/internal/atomicfile"
	"github.com/goinvites/invites/internal/filelock"
	"github.com/goinvites/invites/roster"
)

// DefaultMaxBytes is the size past which a journal rotates (see the
// package doc): 16 MiB, so at most 32 MiB on disk with PATH.1.
const DefaultMaxBytes = 16 << 20

// lockWait bounds how long an append or a read waits for another process's
// turn; a turn takes one small write and a sync, or one read.
const lockWait = 30 * time.Second

// Writer appends one run's records to a journal. It is safe for concurrent
// use, and processes appending to the same journal take turns.
type Writer struct {
	path     string
	run      string
	maxBytes int64
	now      func() time.Time

	mu  sync.Mutex
	err error // the first append that failed
}

// Option changes a Writer.
type Option func(*Writer)

// WithRunID names the run; by default it is the time Open was called and
// a random part, as in "20250304T093000Z-1a2b3c4d".
func WithRunID(id string) Option { return func(w *Writer) { w.run = id } }

// WithMaxBytes sets the size past which the journal rotates, instead of
// DefaultMaxBytes. n <= 0 keeps the default.
func WithMaxBytes(n int64) Option {
	return func(w *Writer) {
		if n > 0 {
			w.maxBytes = n
		}
	}
}

// WithClock sets where records' times come from (default time.Now).
func WithClock(now func() time.Time) Option { return func(w *Writer) { w.now = now } }

// Open returns a Writer appending to the journal at path, creating its
// directory (readable by the user only) and the file if need be; it fails
// now rather than at the first write when path cannot be written.
func Open(path string, opts ...Option) (*Writer, error) {
	w := &Writer{path: path, maxBytes: DefaultMaxBytes, now: time.Now}
	for _, o := range opts {
		o(w)
	}
	if w.run == "" {
		w.run = newRunID(w.now())
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), lockWait)
	defer cancel()
	if err := withLock(ctx, path, func() error {
		f, created, err := openAppend(path)
		if err != nil {
			return err
		}
		return finish(f, created, path)
	}); err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	return w, nil
}

// newRunID is a run ID that sorts by time and is unique across machines.
func newRunID(now time.Time) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return now.UTC().Format("20060102T150405Z") + "-" + hex.EncodeToString(b)
}

// Run is the run ID every record of w carries.
func (w *Writer) Run() string { return w.run }

// Path is the journal's path.
func (w *Writer) Path() string { return w.path }

// Err is the first error Append returned, nil if none: an outcome that
// could not be recorded is only known here, as the write was made.
func (w *Writer) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Observe records ev: give it to [roster.ApplyOptions].Observe. Its error
// for a sent record keeps the write from being sent.
func (w *Writer) Observe(ev roster.WriteEvent) error { return w.Append(recordOf(ev)) }

// Append writes r as one line, with w's run ID and, if r has none, the
// time now, and syncs it to disk before it returns.
func (w *Writer) Append(r Record) error {
	r.Run = w.run
	if r.Time.IsZero() {
		r.Time = w.now()
	}
	r.Time = r.Time.UTC()
	line, err := json.Marshal(r)
	if err != nil {
		return err
	}
	line = append(line, '\n')
	w.mu.Lock()
	defer w.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), lockWait)
	defer cancel()
	if err := withLock(ctx, w.path, func() error { return w.appendLine(line) }); err != nil {
		err = fmt.Errorf("journal %s: %w", w.path, err)
		if w.err == nil {
			w.err = err
		}
		return err
	}
	return nil
}

// withLock runs fn holding the lock of the journal at path. Where the OS
// has no lock, appends are still whole lines (O_APPEND), and only a
// rotation could race.
func withLock(ctx context.Context, path string, fn func() error) error {
	l, err := filelock.Acquire(ctx, path+".lock")
	if err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	defer func() { _ = l.Unlock() }()
	return fn()
}

// cutMark ends a line an append left without its end (the run was killed
// mid-write): it keeps the fragment a line of its own that no reader takes
// for a record, even one cut just before its line end.
const cutMark = " [cut short]"

// appendLine rotates the journal if line would take it past maxBytes, then
// appends line in one write and syncs it, after cutMark and a line end if
// the last line has none.
func (w *Writer) appendLine(line []byte) error {
	if err := w.rotate(int64(len(line))); err != nil {
		return err
	}
	f, created, err := openAppend(w.path)
	if err != nil {
		return err
	}
	info, err := f.Stat()
	if err != nil {
		_ = f.Close()
		return err
	}
	if size := info.Size(); size > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, size-1); err != nil {
			_ = f.Close()
			return err
		}
		if last[0] != '\n' {
			line = append([]byte(cutMark+"\n"), line...)
		}
	}
	if _, err := f.Write(line); err != nil {
		_ = f.Close()
		return err
	}
	return finish(f, created, w.path)
}

// rotate moves the journal to PATH.1 when adding n bytes would take it
// past maxBytes (a journal of one line too long stays).
func (w *Writer) rotate(n int64) error {
	info, err := os.Stat(w.path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case info.Size() == 0 || info.Size()+n <= w.maxBytes:
		return nil
	}
	if err := os.Rename(w.path, w.path+".1"); err != nil {
		return err
	}
	return atomicfile.SyncDir(filepath.Dir(w.path))
}

// openAppend opens path for appending (and for reading its last byte),
// creating it readable by the user only; created says it did.
func openAppend(path string) (f *os.File, created bool, err error) {
	f, err = os.OpenFile(path, os.O_RDWR|os.O_APPEND, 0)
	if errors.Is(err, fs.ErrNotExist) {
		f, err = os.OpenFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE|os.O_EXCL, 0o600)
		created = err == nil
	}
	return f, created, err
}

// finish syncs and closes f, and makes a new file's name durable too.
func finish(f *os.File, created bool, path string) error {
	if err := errors.Join(f.Sync(), f.Close()); err != nil {
		return err
	}
	if created {
		return atomicfile.SyncDir(filepath.Dir(path))
	}
	return nil
}
