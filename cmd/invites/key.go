// The Admin API key is the one secret the CLI handles: it is read from the
// environment or a file (never a flag value, which any user could read in the
// process list) and scrubbed from anything the CLI logs.
package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"strings"
	"sync/atomic"

	"github.com/goinvites/invites/client"
)

var errNoKey = usagef("no Admin API key: set %s=sk-admin-... or pass --api-key-file FILE (or try --fake to work offline)", client.EnvAPIKey)

// apiKey returns the key from --api-key-file, else from the environment,
// and says which in f.keySource.
func (f *factory) apiKey() (string, error) {
	if f.flags.keyFile == "" {
		key := strings.TrimSpace(f.getenv(client.EnvAPIKey))
		if key == "" {
			return "", errNoKey
		}
		f.keySource = client.EnvAPIKey
		return key, nil
	}
	var r io.Reader
	name := f.flags.keyFile
	f.keySource = "--api-key-file " + name
	if name == "-" {
		stdin, err := f.IO.TakeStdin("--api-key-file -")
		if err != nil {
			return "", err
		}
		r, name = stdin, "stdin"
		f.keySource = "--api-key-file - (stdin)"
	} else {
		file, err := os.Open(name)
		if err != nil {
			return "", usagef("--api-key-file: %w", err)
		}
		defer file.Close()
		if info, err := file.Stat(); err == nil && info.Mode().Perm()&0o077 != 0 && runtime.GOOS != "windows" {
			fmt.Fprintf(f.IO.ErrOut, "warning: %s can be read by other users (chmod 600 %s)\n", name, name)
		}
		r = file
	}
	// The first line is the key; a trailing newline from an editor or echo
	// must not become part of it.
	line, err := bufio.NewReader(io.LimitReader(r, 64<<10)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", usagef("--api-key-file: reading %s: %w", name, err)
	}
	key := strings.TrimSpace(line)
	if key == "" {
		return "", usagef("--api-key-file: no key in %s", name)
	}
	return key, nil
}

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

// keyHint is the line that tells a refused key's source, "" when the API
// refused none.
func (f *factory) keyHint() string {
	if !f.keyRefused.Load() {
		return ""
	}
	return "invites: the API refused the key from " + f.keySource + ": it must be an active Admin API key (sk-admin-...)"
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
