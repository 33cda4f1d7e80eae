// A Server is the fake on a loopback port, for tests (NewServer, closed with
// the test) and for programs (Start), as httptest.Server is for handlers.

package fake

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/goinvites/invites/internal/filelock"
)

// Server is a running fake. It embeds its [Handler], so the inspection and
// lifecycle methods (Invites, Accept, Advance, FailNext, Stats, ...) are
// called on it directly.
type Server struct {
	*Handler
	srv  *http.Server
	addr string
	done chan struct{} // closed when Serve has returned

	trackMu  sync.Mutex // guards closing; not the Handler's mu
	closing  bool
	inflight sync.WaitGroup
}

// Start serves the fake on addr ("127.0.0.1:0" or "" picks a free loopback
// port) until Close or Shutdown. It fails on options it cannot honour, an
// address it cannot listen on, or a state file it cannot read or that
// another fake holds ([ErrStateInUse]).
func Start(addr string, opts ...Option) (*Server, error) {
	return start(filelock.TryLock, addr, opts)
}

// StartContext is [Start], except that a state file another fake holds is
// waited for, until ctx is done, instead of refused: for short-lived
// programs that share one state file and should take turns.
func StartContext(ctx context.Context, addr string, opts ...Option) (*Server, error) {
	return start(waitFor(ctx), addr, opts)
}

func start(lock lockFunc, addr string, opts []Option) (*Server, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	h, err := newHandler(lock, opts...)
	if err != nil {
		return nil, err
	}
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", addr)
	if err != nil {
		h.releaseStateFile()
		return nil, err
	}
	s := &Server{Handler: h, addr: dialable(ln.Addr().(*net.TCPAddr)), done: make(chan struct{})}
	t := h.cfg.timeouts.orDefaults()
	h.deadlines = &t
	s.srv = &http.Server{
		Handler:           http.HandlerFunc(s.serveTracked),
		ReadHeaderTimeout: min(t.Read, 10*time.Second),
		ReadTimeout:       t.Read,
		WriteTimeout:      t.Write,
		IdleTimeout:       t.Idle,
	}
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			h.cfg.logger.Error("fake: serve", "err", err)
		}
	}()
	return s, nil
}

// TestingT is the part of testing.TB that NewServer uses. A *testing.T or
// *testing.B is one; taking this instead of testing.TB keeps the testing
// package out of programs that import fake.
type TestingT interface {
	Helper()
	Cleanup(func())
	Fatalf(format string, args ...any)
}

// NewServer starts a fake on a free loopback port and closes it when the
// test ends. It fails the test if it cannot start.
func NewServer(t TestingT, opts ...Option) *Server {
	t.Helper()
	s, err := Start("127.0.0.1:0", opts...)
	if err != nil {
		t.Fatalf("fake.NewServer: %v", err)
	}
	t.Cleanup(s.Close)
	return s
}

// dialable is the address clients should use: a listener on every
// interface (Go's are dual-stack) is reached through IPv4 loopback.
func dialable(a *net.TCPAddr) string {
	ip := a.IP
	if ip.IsUnspecified() {
		ip = net.IPv4(127, 0, 0, 1)
	}
	return net.JoinHostPort(ip.String(), strconv.Itoa(a.Port))
}

// URL returns the base URL to give a client, like https://api.openai.com/v1.
func (s *Server) URL() string { return "http://" + s.addr + basePath }

// Addr returns the host:port clients reach the fake at.
func (s *Server) Addr() string { return s.addr }

// serveTracked counts requests in flight, so Close can wait for them.
func (s *Server) serveTracked(w http.ResponseWriter, r *http.Request) {
	s.trackMu.Lock()
	if s.closing { // a straggler; the fake's waits already return at once
		s.trackMu.Unlock()
		s.ServeHTTP(w, r)
		return
	}
	s.inflight.Add(1)
	s.trackMu.Unlock()
	defer s.inflight.Done()
	s.ServeHTTP(w, r)
}

// Close stops the fake at once: stalls and delays end, connections close,
// and it returns when no request is being handled. It is safe to call more
// than once.
func (s *Server) Close() {
	s.stop()
	_ = s.srv.Close()
	s.finish()
}

// Shutdown stops the fake gracefully: requests in flight finish (stalls and
// delays end at once) unless ctx ends first.
func (s *Server) Shutdown(ctx context.Context) error {
	s.stop()
	err := s.srv.Shutdown(ctx)
	s.finish()
	return err
}

func (s *Server) finish() {
	<-s.done
	s.trackMu.Lock()
	s.closing = true
	s.trackMu.Unlock()
	s.inflight.Wait()
	s.releaseStateFile()
}
