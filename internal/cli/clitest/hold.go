// An interrupt must be tested at a moment a command cannot race past: a
// request the fake holds, answering nothing, until the command gives up
// on it. Waiting for that moment takes a signal, never a sleep.

package clitest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
)

// InterruptAtFirst runs the command line args against h and interrupts
// it, as Ctrl-C does, once its first request whose method is method has
// reached the fake, which holds that request, answering nothing, until the
// command gives up on it. Every other request goes to h at once.
func InterruptAtFirst(t *testing.T, h *fake.Handler, method string, args ...string) Result {
	t.Helper()
	c, held := holdFirst(t, h, method)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	c.Ctx = ctx
	done := make(chan Result)
	go func() { done <- c.Run(t, args...) }()
	select {
	case <-held:
		cancel()
	case r := <-done: // the command never sent one: let the test see why
		return r
	}
	return <-done
}

// holdFirst serves h on loopback, holding the first request of method;
// held is closed when it arrives.
func holdFirst(t *testing.T, h *fake.Handler, method string) (c CLI, held <-chan struct{}) {
	t.Helper()
	arrived, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		first := false
		if r.Method == method {
			once.Do(func() { first = true })
		}
		if !first {
			h.ServeHTTP(w, r)
			return
		}
		close(arrived)
		select {
		case <-r.Context().Done():
		case <-release: // the test ended without giving up on it
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // first: Close waits for the handlers
	return CLI{Env: map[string]string{client.EnvAPIKey: h.Key(), client.EnvBaseURL: srv.URL + "/v1"}}, arrived
}
