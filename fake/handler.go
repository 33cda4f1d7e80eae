// The Handler is the fake itself: the generated server interface behind a
// pipeline that routes, authenticates, injects faults and validates, in the
// order the real API seems to apply them.

package fake

import (
	"bytes"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/goinvites/invites/gen/server"
	"github.com/goinvites/invites/internal/filelock"
)

// maxBody bounds a request body; the real API's invites are tiny.
const maxBody = 1 << 20

// Handler serves the Invites and Users APIs at /v1 and lets a test drive it. It is safe
// for concurrent use. Build it with [NewHandler].
type Handler struct {
	cfg config
	api http.Handler // the generated routes, behind the pipeline in ServeHTTP

	mu       sync.Mutex
	store    store
	clock    clock
	idRNG    *rand.Rand
	reqRNG   *rand.Rand
	faultRNG *rand.Rand
	faults   Faults
	script   []scripted
	limiter  limiter
	stats    Stats
	// stateLock is held while this fake owns the state file; without it
	// (the file failed to load, another process has it, the server has
	// closed) the file is never written.
	stateLock *filelock.Lock
	// deadlines are the Server's timeouts, which a fault's wait pushes back;
	// nil when the handler is mounted elsewhere.
	deadlines *Timeouts

	done     chan struct{}
	stopOnce sync.Once
}

// NewHandler returns the fake as an http.Handler serving /v1. Bad options
// or a state file that cannot be loaded or is in use are logged; the
// handler then starts empty, never writes to that file, and serves with the
// options as given. Use [Start] to get the error instead.
func NewHandler(opts ...Option) *Handler {
	h, err := newHandler(filelock.TryLock, opts...)
	if err != nil {
		h.cfg.logger.Error("fake: bad options or state file; a state file is then never written", "err", err)
	}
	return h
}

// newHandler builds the fake; a state file is locked with lock.
func newHandler(lock lockFunc, opts ...Option) (*Handler, error) {
	c := newConfig(opts)
	seed := uint64(c.seed)
	h := &Handler{
		cfg:      c,
		store:    newStore(),
		clock:    newClock(c),
		idRNG:    rand.New(rand.NewPCG(seed, 1)),
		reqRNG:   rand.New(rand.NewPCG(seed, 2)),
		faultRNG: rand.New(rand.NewPCG(seed, 3)),
		faults:   c.faults,
		limiter:  limiter{},
		stats:    newStats(),
		done:     make(chan struct{}),
	}
	strict := server.NewStrictHandlerWithOptions(operations{h}, nil, server.StrictHTTPServerOptions{
		RequestErrorHandlerFunc: func(w http.ResponseWriter, _ *http.Request, err error) {
			_ = badRequest("", "", "Invalid request: %v", err).write(w)
		},
		ResponseErrorHandlerFunc: func(w http.ResponseWriter, _ *http.Request, err error) {
			h.cfg.logger.Error("fake: response failed", "err", err)
			_ = serverError(w.Header().Get("x-request-id")).write(w)
		},
	})
	h.api = server.HandlerWithOptions(strict, server.StdHTTPServerOptions{
		BaseURL: basePath,
		ErrorHandlerFunc: func(w http.ResponseWriter, _ *http.Request, err error) {
			_ = badRequest(paramOf(err), "invalid_type", "Invalid request: %v", err).write(w)
		},
	})
	h.mu.Lock()
	h.ensureDefaultProject()
	h.mu.Unlock()
	if err := c.check(); err != nil {
		return h, err
	}
	loaded, err := h.openStateFile(lock)
	if err != nil {
		return h, err
	}
	if !loaded {
		if err := h.seedAll(c); err != nil {
			return h, err
		}
	}
	return h, nil
}

// paramOf names the parameter a generated binding error is about.
func paramOf(err error) string {
	var p *server.InvalidParamFormatError
	if errors.As(err, &p) {
		return p.ParamName
	}
	return ""
}

// Key returns the bearer key the fake accepts.
func (h *Handler) Key() string { return h.cfg.key }

// stop ends stalls and waits in flight; the Server calls it on Close.
func (h *Handler) stop() { h.stopOnce.Do(func() { close(h.done) }) }

// ServeHTTP answers one request: route, authenticate, meet any fault,
// validate against the spec, then run the operation.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id := h.requestID()
	rec := &recorder{ResponseWriter: w}
	rec.settled = func(status int) {
		h.count(r.Method, rec.endpoint, status)
		h.cfg.logger.Debug("fake: request", "method", r.Method, "path", r.URL.Path,
			"status", status, "request_id", id, "duration", time.Since(start))
	}
	w.Header().Set("x-request-id", id)
	defer rec.settle(0) // a handler that wrote nothing sent no answer
	h.serve(rec, r, id)
}

func (h *Handler) serve(w *recorder, r *http.Request, requestID string) {
	spec, err := loadSpec()
	if err != nil {
		h.cfg.logger.Error("fake: no spec", "err", err)
		_ = serverError(requestID).write(w)
		return
	}
	route, params, bad := spec.route(r)
	if bad != nil {
		_ = bad.write(w)
		return
	}
	w.endpoint = endpointOf(r.Method, route.Path)
	if bad := h.authenticate(r); bad != nil {
		_ = bad.write(w)
		return
	}
	p := h.planFor(r.Method, string(w.endpoint))
	for k, v := range p.header {
		w.Header()[k] = v
	}
	if !h.hold(w, r, p.latency) {
		w.drop()
		return
	}
	switch p.kind {
	case FaultRateLimit:
		_ = p.limited.write(w)
		return
	case FaultServerError:
		_ = serverError(requestID).write(w)
		return
	case FaultUnavailable:
		_ = unavailable().write(w)
		return
	case FaultForbidden:
		_ = forbidden().write(w)
		return
	case FaultDrop:
		w.drop()
		return
	case FaultStall:
		if !h.hold(w, r, h.stallFor()) {
			w.drop()
			return
		}
	case FaultStaleList:
		r = r.WithContext(withStaleList(r.Context()))
	}
	r.Body = closeOnError{http.MaxBytesReader(w, r.Body, maxBody), w}
	if bad := spec.validate(r.Context(), r, route, params); bad != nil {
		_ = bad.write(w)
		return
	}
	if !p.kind.applies() && h.cfg.timestamps == CreatedAt {
		h.api.ServeHTTP(w, r)
		return
	}
	buf := newBuffered()
	h.api.ServeHTTP(buf, r)
	if h.cfg.timestamps != CreatedAt {
		renamed := renameTimestamps(buf.body.Bytes(), h.cfg.timestamps)
		buf.body.Reset()
		buf.body.Write(renamed)
	}
	h.deliver(w, r, buf, p.kind, requestID)
}

// deliver sends an answer already computed, through the fault that
// follows it, if any.
func (h *Handler) deliver(w *recorder, r *http.Request, buf *buffered, kind FaultKind, requestID string) {
	half := buf.body.Len() / 2
	switch kind {
	case FaultAmbiguousError:
		_ = serverError(requestID).write(w)
	case FaultAmbiguousDrop:
		w.drop()
	case FaultTruncate:
		buf.start(w, half)
		w.drop()
	case FaultTruncateJSON:
		if buf.status >= 200 && buf.status < 300 {
			buf.body.Truncate(half)
		}
		buf.start(w, buf.body.Len())
	case FaultStallBody:
		buf.start(w, half)
		if !h.hold(w, r, h.stallFor()) {
			w.drop()
			return
		}
		buf.finish(w, half)
	default:
		buf.start(w, buf.body.Len())
	}
}

// authenticate checks the bearer key; the comparison never logs the key.
func (h *Handler) authenticate(r *http.Request) *apiError {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return unauthorized(false)
	}
	scheme, key, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(key)), []byte(h.cfg.key)) != 1 {
		return unauthorized(true)
	}
	return nil
}

func (h *Handler) requestID() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return fmt.Sprintf("req_%016x%016x", h.reqRNG.Uint64(), h.reqRNG.Uint64())
}

// recorder counts a request by the status it gets (0: no answer) the
// moment that status is decided, before the client can see it, so a test
// reading Stats after an answer always finds it counted. Unwrap lets
// http.ResponseController reach the connection.
type recorder struct {
	http.ResponseWriter
	endpoint Endpoint // once routed
	settled  func(status int)
	done     bool
}

func (r *recorder) settle(status int) {
	if !r.done {
		r.done = true
		r.settled(status)
	}
}

func (r *recorder) WriteHeader(status int) {
	r.settle(status)
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.settle(http.StatusOK)
	return r.ResponseWriter.Write(b)
}

// drop closes the connection without an answer, or without the rest of
// one.
func (r *recorder) drop() {
	r.settle(0)
	if conn, _, err := http.NewResponseController(r).Hijack(); err == nil {
		_ = conn.Close()
		return
	}
	// Not hijackable (HTTP/2, a recorder): the standard way to abort.
	panic(http.ErrAbortHandler)
}

func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// closeOnError closes the connection after the answer when the request's
// body cannot be read (sent too slowly, too large, cut off): the rest of it
// would otherwise be read as the next request, or keep the connection.
type closeOnError struct {
	io.ReadCloser
	w http.ResponseWriter
}

func (b closeOnError) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		b.w.Header().Set("Connection", "close")
	}
	return n, err
}

// buffered holds an answer so a fault can decide what reaches the client
// after the operation has run.
type buffered struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func newBuffered() *buffered { return &buffered{header: http.Header{}, status: http.StatusOK} }

func (b *buffered) Header() http.Header         { return b.header }
func (b *buffered) WriteHeader(status int)      { b.status = status }
func (b *buffered) Write(p []byte) (int, error) { return b.body.Write(p) }

// start sends the headers, with the full Content-Length, and the first n
// bytes of the body, at once.
func (b *buffered) start(w http.ResponseWriter, n int) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(b.body.Len()))
	w.WriteHeader(b.status)
	_, _ = w.Write(b.body.Bytes()[:n])
	_ = http.NewResponseController(w).Flush()
}

// finish sends the body from byte n on.
func (b *buffered) finish(w http.ResponseWriter, n int) {
	_, _ = w.Write(b.body.Bytes()[n:])
}
