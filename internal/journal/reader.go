// Reading a journal must work on the journal a kill left behind, and while
// another run appends to it: a line that is not a whole record is skipped
// and said, never taken for one.

package journal

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// maxLine is the longest line Read takes for a record; a record is a few
// hundred bytes, and anything longer is not one.
const maxLine = 64 << 10

// Log is a journal as read: its records, oldest first (PATH.1's, then
// PATH's), and the lines that were not records.
type Log struct {
	Records []Record
	Skipped []Skipped
}

// Skipped is a line of the journal that is not a record.
type Skipped struct {
	Path   string
	Line   int
	Reason string
}

func (s Skipped) String() string { return fmt.Sprintf("%s:%d: %s, skipped", s.Path, s.Line, s.Reason) }

// Read reads the journal at path, and PATH.1 if rotation left one,
// taking its turn with processes appending to it (waiting until ctx ends).
// A last line with no line end (an append a kill cut short, or one in
// progress on a system without locks) and any other line that is not a
// record are skipped and listed in Log.Skipped. A journal that does not
// exist at all is an error matching fs.ErrNotExist.
func Read(ctx context.Context, path string) (*Log, error) {
	log := &Log{}
	found := false
	err := withLock(ctx, path, func() error {
		for _, p := range []string{path + ".1", path} {
			f, err := os.Open(p)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				return err
			}
			found = true
			err = log.read(f, p)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("journal: %w", err)
	}
	if !found {
		return nil, fmt.Errorf("journal: no journal at %s: %w", path, fs.ErrNotExist)
	}
	return log, nil
}

// read adds the records of r, the file at path.
func (l *Log) read(r io.Reader, path string) error {
	br := bufio.NewReaderSize(r, maxLine)
	for n := 1; ; n++ {
		line, err := br.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			l.Skipped = append(l.Skipped, Skipped{path, n, fmt.Sprintf("a line longer than %d KiB", maxLine>>10)})
			if err := skipLine(br); err != nil {
				return err
			}
			continue
		case errors.Is(err, io.EOF):
			if len(line) > 0 {
				l.Skipped = append(l.Skipped, Skipped{path, n, fmt.Sprintf("the last line has no end (%d bytes): an append cut short or under way", len(line))})
			}
			return nil
		case err != nil:
			return err
		}
		line = bytes.TrimSpace(line)
		var rec Record
		switch {
		case len(line) == 0:
		case bytes.HasSuffix(line, []byte(cutMark)):
			l.Skipped = append(l.Skipped, Skipped{path, n, "an append cut short (the run was killed mid-write)"})
		case json.Unmarshal(line, &rec) != nil || !rec.valid():
			l.Skipped = append(l.Skipped, Skipped{path, n, "not a journal record"})
		default:
			l.Records = append(l.Records, rec)
		}
	}
}

// skipLine reads past the rest of a line too long to keep.
func skipLine(br *bufio.Reader) error {
	for {
		_, err := br.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
		case errors.Is(err, io.EOF):
			return nil
		default:
			return err
		}
	}
}
