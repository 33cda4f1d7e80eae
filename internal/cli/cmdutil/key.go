// The Admin API key is the one secret the CLI handles: the factory reads it
// from the environment or a file (never a flag value, which any user could
// read in the process list), and what is here keeps it out of sight: the
// watch that tells a refused key, and the scrubbing of the log.

package cmdutil

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/goinvites/invites/client"
)

var errNoKey = Usagef("no Admin API key: set %s=sk-admin-... or pass --api-key-file FILE (or try --fake to work offline)", client.EnvAPIKey)

// keyWatch notes that the API refused the key (a 401), so that the CLI
// can say once, after the command, where that key came from: the one place
// that knows it. It sees no key: middlewares run before the client adds it.
type keyWatch struct {
	next    http.RoundTripper
	refused *atomic.Bool
}

func (w keyWatch) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := w.next.RoundTrip(r)
	if err == nil && resp.StatusCode == http.StatusUnauthorized {
		w.refused.Store(true)
	}
	return resp, err
}

// redactingHandler replaces the key wherever it would appear in a log record,
// whatever the client below does with it.
type redactingHandler struct {
	slog.Handler
	secret *string
}

func (h redactingHandler) Handle(ctx context.Context, r slog.Record) error {
	if *h.secret == "" {
		return h.Handler.Handle(ctx, r)
	}
	clean := slog.NewRecord(r.Time, r.Level, h.scrub(r.Message), r.PC)
	r.Attrs(func(at slog.Attr) bool {
		clean.AddAttrs(h.scrubAttr(at))
		return true
	})
	return h.Handler.Handle(ctx, clean)
}

func (h redactingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	clean := make([]slog.Attr, len(attrs))
	for i, at := range attrs {
		clean[i] = h.scrubAttr(at)
	}
	return redactingHandler{h.Handler.WithAttrs(clean), h.secret}
}

func (h redactingHandler) WithGroup(name string) slog.Handler {
	return redactingHandler{h.Handler.WithGroup(name), h.secret}
}

func (h redactingHandler) scrubAttr(at slog.Attr) slog.Attr {
	v := at.Value.Resolve()
	if v.Kind() == slog.KindGroup {
		group := v.Group()
		clean := make([]any, len(group))
		for i, g := range group {
			clean[i] = h.scrubAttr(g)
		}
		return slog.Group(at.Key, clean...)
	}
	switch v.Kind() {
	case slog.KindString, slog.KindAny:
		return slog.String(at.Key, h.scrub(fmt.Sprint(v.Any())))
	default:
		return slog.Attr{Key: at.Key, Value: v}
	}
}

func (h redactingHandler) scrub(s string) string {
	return strings.ReplaceAll(s, *h.secret, "[REDACTED]")
}
