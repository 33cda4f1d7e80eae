package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/require"
)

// testKey is the secret the redaction tests look for everywhere.
const testKey = "sk-admin-TESTSECRET-0123456789abcdef"

// withBackoff makes tests' retries wait microseconds, not seconds.
func withBackoff(d time.Duration) Option { return func(o *options) { o.backoffBase = d } }

// newTestClient is the tests' one client builder: a client for url with
// the test key, no environment, and waits short enough for tests; opts
// come last and win.
func newTestClient(t testing.TB, url string, opts ...Option) *Client {
	t.Helper()
	base := []Option{WithoutEnvironment(), WithAPIKey(testKey), WithBaseURL(url), withBackoff(time.Millisecond), WithMaxRetryWait(time.Second)}
	c, err := New(append(base, opts...)...)
	require.NoError(t, err)
	return c
}

// newFake is the project's fake, taking the test key: the tests' in-memory
// Invites API, for every test whose outcome depends on what the server
// holds. Give newTestClient its URL.
func newFake(t testing.TB, opts ...fake.Option) *fake.Server {
	t.Helper()
	return fake.NewServer(t, append([]fake.Option{fake.WithKey(testKey)}, opts...)...)
}

// setup is go-github's, for tests of the wire's shape: a mux behind a test
// server, a client for it whose base URL has the /v1 the real API has, and
// the server's URL.
func setup(t *testing.T, opts ...Option) (*Client, *http.ServeMux, string) {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return newTestClient(t, srv.URL+"/v1", opts...), mux, srv.URL
}

// recorded is one request as the server saw it.
type recorded struct {
	Method string
	URI    string
	Header http.Header
	Body   string
}

// script answers requests with its steps, in order, the last repeating,
// and records every request: exact answers in exact order, for the tests
// of how the client reads them.
type script struct {
	mu    sync.Mutex
	reqs  []recorded
	steps []http.HandlerFunc
}

// play mounts a script of steps on mux, for every path.
func play(mux *http.ServeMux, steps ...http.HandlerFunc) *script {
	s := &script{steps: steps}
	mux.Handle("/", s)
	return s
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	n := len(s.reqs)
	s.reqs = append(s.reqs, recorded{r.Method, r.RequestURI, r.Header.Clone(), string(body)})
	s.mu.Unlock()
	s.steps[min(n, len(s.steps)-1)](w, r)
}

func (s *script) requests() []recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]recorded(nil), s.reqs...)
}

// forget drops the requests recorded so far.
func (s *script) forget() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = nil
}

// reply answers status with body and header pairs; every answer has a request ID.
func reply(status int, body string, headers ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req_"+strconv.Itoa(status))
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// apiErr is OpenAI's error envelope.
func apiErr(message, typ string) string {
	return fmt.Sprintf(`{"error":{"message":%q,"type":%q,"param":null,"code":null}}`, message, typ)
}

// hangUp drops the connection after reading the request: the client cannot
// know whether it was applied.
func hangUp(w http.ResponseWriter, _ *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

func inviteJSON(id, email string, created int64) string {
	return fmt.Sprintf(`{"object":"organization.invite","id":%q,"email":%q,"role":"reader","status":"pending","created_at":%d,"expires_at":null,"accepted_at":null,"projects":[]}`, id, email, created)
}

// ctx is a test context that cannot hang a run.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	t.Cleanup(cancel)
	return c
}

var reader = CreateParams{Email: "New@Example.com", Role: RoleReader}

// requests counts what the fake got with method, answered or not.
func requests(s *fake.Server, method string) int {
	n := 0
	for _, count := range s.Stats().Requests[method] {
		n += count
	}
	return n
}

// cutBody answers 200 but sends only part of the body it announces.
func cutBody(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Length", "500")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(`{"id":"i"`))
}

// invite creates an invite to email through c, for a test's setup.
func invite(t *testing.T, c *Client, email string) *Invite {
	t.Helper()
	inv, _, err := c.Invites.Create(ctx(t), CreateParams{Email: email, Role: RoleReader})
	require.NoError(t, err)
	return inv
}

// handlerDoer serves each request with h in the calling goroutine. An
// answer the handler aborts (the fake's truncation) arrives as what was
// written, in a whole HTTP answer: JSON cut short that only a decoder sees.
// One aborted before a byte is an error, as Go's transport gives: the
// context's when it ended, else a dropped connection's.
type handlerDoer struct{ h http.Handler }

func (d handlerDoer) Do(r *http.Request) (resp *http.Response, err error) {
	if r.Body == nil { // as a server sees a request without a body
		r.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	defer func() {
		if p := recover(); p != nil {
			perr, _ := p.(error)
			switch {
			case !errors.Is(perr, http.ErrAbortHandler):
				panic(p)
			case rec.Body.Len() == 0 && r.Context().Err() != nil:
				resp, err = nil, r.Context().Err()
				return
			case rec.Body.Len() == 0:
				resp, err = nil, io.ErrUnexpectedEOF
				return
			}
			resp = rec.Result()
			resp.ContentLength = int64(rec.Body.Len())
			resp.Header.Del("Content-Length")
		}
	}()
	d.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

// closedURL is a loopback address nothing listens on.
func closedURL(t *testing.T) string {
	l, err := (&net.ListenConfig{}).Listen(t.Context(), "tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := l.Addr().String()
	require.NoError(t, l.Close())
	return "http://" + addr
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// idsOf is the ID of each item, as id reads it, in order.
func idsOf[T any](items []T, id func(T) string) []string {
	ids := make([]string, len(items))
	for i, item := range items {
		ids[i] = id(item)
	}
	return ids
}
