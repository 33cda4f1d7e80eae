// Ctrl-C ends a command wherever it is. When it comes while the command
// still reads, before it has sent any change, the user must learn that
// nothing changed, and what was being read when it came: an exit of 130
// with the one word "interrupted" leaves them to guess.

package cmdutil

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
)

// requestWatch sees every request a command's clients send: whether any
// change went out, and which reads an interrupt cut short.
type requestWatch struct {
	mu    sync.Mutex
	wrote bool
	cut   []string // what the reads cut short were reading: "the members"
}

// wrap is the middleware over next.
func (w *requestWatch) wrap(next http.RoundTripper) http.RoundTripper {
	return watchedTransport{next, w}
}

type watchedTransport struct {
	next  http.RoundTripper
	watch *requestWatch
}

func (t watchedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	w := t.watch
	if r.Method != http.MethodGet {
		w.mu.Lock()
		w.wrote = true
		w.mu.Unlock()
	}
	resp, err := t.next.RoundTrip(r)
	if r.Method == http.MethodGet && errors.Is(err, context.Canceled) {
		w.mu.Lock()
		if what := readOf(r.URL.Path); !slices.Contains(w.cut, what) {
			w.cut = append(w.cut, what)
		}
		w.mu.Unlock()
	}
	return resp, err
}

// What a command reads, for a person.
const (
	readMembers        = "the members"
	readInvites        = "the invites"
	readProjects       = "the projects"
	readProjectMembers = "a project's members"
)

// reads are what a command may read, in the order a notice names them.
var reads = []string{readMembers, readInvites, readProjects, readProjectMembers}

// readOrder is where what is in reads; a path none names comes last.
func readOrder(what string) int {
	if i := slices.Index(reads, what); i >= 0 {
		return i
	}
	return len(reads)
}

// readOf names what a GET of path reads, for a person.
func readOf(path string) string {
	switch {
	case strings.Contains(path, "/organization/projects/") && strings.Contains(path, "/users"):
		return readProjectMembers
	case strings.Contains(path, "/organization/projects"):
		return readProjects
	case strings.Contains(path, "/organization/users"):
		return readMembers
	case strings.Contains(path, "/organization/invites"):
		return readInvites
	}
	return path
}

// notice is what to say of an interrupt: where it came, and that no
// change was sent, when none was. After a change, the command itself has
// said what it did.
func (w *requestWatch) notice() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch {
	case w.wrote:
		return "interrupted"
	case len(w.cut) > 0:
		slices.SortFunc(w.cut, func(a, b string) int { return readOrder(a) - readOrder(b) })
		return "interrupted while reading " + strings.Join(w.cut, " and ") + ", before any change was sent: nothing was changed"
	}
	return "interrupted before any change was sent: nothing was changed"
}
