// IOStreams is where every command reads and writes, made once in main (or
// by a test, over buffers). Whether a stream is a terminal decides two
// things only: the progress bar (stderr) and whether a question may be asked
// (stdin, where the answer comes from, and stderr, where the question goes);
// what a command prints never depends on it.

package cmdutil

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"

	"golang.org/x/term"
)

// IOStreams holds a command's stdin, stdout and stderr, and which of them is
// a terminal.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer // safe for concurrent use
	ErrOut io.Writer // safe for concurrent use: workers, the logger and notices share it

	stdinTTY, stderrTTY bool
	// stdinFor names what read stdin ("--file -", "--api-key-file -"):
	// stdin serves one reader, and then no longer answers questions.
	stdinFor string
}

// SystemStreams is the process's own streams.
func SystemStreams() *IOStreams {
	return NewStreams(os.Stdin, os.Stdout, os.Stderr)
}

// NewStreams wraps in, out and errOut; a stream is a terminal when it is a
// file that is one.
func NewStreams(in io.Reader, out, errOut io.Writer) *IOStreams {
	return &IOStreams{
		In:        in,
		Out:       &lockedWriter{w: out},
		ErrOut:    &lockedWriter{w: errOut},
		stdinTTY:  isTerminal(in),
		stderrTTY: isTerminal(errOut),
	}
}

// SetTerminal says whether stdin and stderr are terminals, whatever they
// are: for a test that plays a person at a shell.
func (s *IOStreams) SetTerminal(stdin, stderr bool) { s.stdinTTY, s.stderrTTY = stdin, stderr }

// IsStderrTTY reports whether stderr is a terminal, where a progress bar
// can redraw itself.
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

// CanPrompt reports whether a question can be asked: stdin is a terminal
// that nothing else reads, and stderr, where the question is written, is a
// terminal too. A question written into a pipe (sync ... 2>&1 | tail) would
// wait for an answer from someone who never sees it.
func (s *IOStreams) CanPrompt() bool { return s.whyNoPrompt() == "" }

// whyNoPrompt says why no question can be asked, "" when one can.
func (s *IOStreams) whyNoPrompt() string {
	switch {
	case s.stdinFor != "":
		return "stdin is read by " + s.stdinFor
	case !s.stdinTTY:
		return "stdin is not a terminal to ask on"
	case !s.stderrTTY:
		return "stderr, where the question would go, is not a terminal (a pipe or a file)"
	}
	return ""
}

// RefuseWithoutPrompt is the refusal of a command that must ask before
// doing something and cannot ask (CanPrompt is false): what it refuses to
// do, why no question could be asked, and instead, what to pass.
func (s *IOStreams) RefuseWithoutPrompt(doing, instead string) error {
	return Usagef("refusing to %s without confirmation: %s; %s", doing, s.whyNoPrompt(), instead)
}

// TakeStdin hands stdin to what (a flag, as the user wrote it), once: a
// second reader is a usage error, and a stdin taken answers no question.
func (s *IOStreams) TakeStdin(what string) (io.Reader, error) {
	if s.stdinFor != "" {
		return nil, Usagef("%s and %s cannot both read stdin", s.stdinFor, what)
	}
	s.stdinFor = what
	return s.In, nil
}

// errNoPrompt is returned by Confirm without a terminal to ask on; commands
// check CanPrompt first and refuse with RefuseWithoutPrompt.
var errNoPrompt = errors.New("no terminal to ask on")

// Confirm asks question on stderr and reads the answer from stdin: yes only
// for "y" or "yes"; no answer is no. Unless both are terminals it asks
// nothing.
func (s *IOStreams) Confirm(question string) (bool, error) {
	if !s.CanPrompt() {
		return false, errNoPrompt
	}
	fmt.Fprintf(s.ErrOut, "%s [y/N] ", question)
	answer, _ := bufio.NewReader(s.In).ReadString('\n')
	reply := strings.ToLower(strings.TrimSpace(answer))
	return reply == "y" || reply == "yes", nil
}

// lockedWriter serializes writes, so that each line comes out whole.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func isTerminal(stream any) bool {
	file, ok := stream.(*os.File)
	return ok && term.IsTerminal(int(file.Fd()))
}
