// The external tests see the package as the commands do; this file names
// for them the internals they check as well: the key's reading and
// redaction, and the progress bar's state.

package cmdutil

import (
	"log/slog"

	"github.com/schollz/progressbar/v3"
)

var ErrNoKey = errNoKey

const ReadingNotice = readingNotice

// APIKey is the key the factory would send.
func (f *Factory) APIKey() (string, error) { return f.apiKey() }

// NewRedactingHandler is the -v log's handler over h, scrubbing *secret.
func NewRedactingHandler(h slog.Handler, secret *string) slog.Handler {
	return redactingHandler{h, secret}
}

// BarOf is the bar of a progress made for a terminal.
func BarOf(p Progress) *progressbar.ProgressBar { return p.(*barProgress).bar }
