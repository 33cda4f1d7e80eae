package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// testKey is the secret the redaction tests look for everywhere.
const testKey = "sk-admin-TESTSECRET-0123456789abcdef"

// withBackoff makes tests' retries wait microseconds, not seconds.
func withBackoff(d time.Duration) Option { return func(o *options) { o.backoffBase = d } }

// newTestClient is a client for srv with fast backoff.
func newTestClient(t *testing.T, url string, opts ...Option) *Client {
	t.Helper()
	base := []Option{WithAPIKey(testKey), WithBaseURL(url), withBackoff(time.Millisecond), WithMaxRetryWait(time.Second)}
	c, err := New(append(base, opts...)...)
	require.NoError(t, err)
	return c
}

// recorded is one request as the server saw it.
type recorded struct {
	Method string
	URI    string
	Header http.Header
	Body   string
}

// stub is an httptest server answering requests with steps, in order; the
// last step repeats. It records every request.
type stub struct {
	*httptest.Server
	mu    sync.Mutex
	reqs  []recorded
	steps []http.HandlerFunc
}

func newStub(t *testing.T, steps ...http.HandlerFunc) *stub {
	t.Helper()
	s := &stub{steps: steps}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		s.mu.Lock()
		n := len(s.reqs)
		s.reqs = append(s.reqs, recorded{r.Method, r.RequestURI, r.Header.Clone(), string(body)})
		s.mu.Unlock()
		s.steps[min(n, len(s.steps)-1)](w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *stub) requests() []recorded {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]recorded(nil), s.reqs...)
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

// memInvite is an invite held by memServer.
type memInvite struct {
	ID, Email, Role, Status string
	CreatedAt               int64
}

// memServer is a small stateful Invites API, for the calls whose
// correctness depends on state: creates that may or may not have happened,
// look-ups, pagination.
type memServer struct {
	*httptest.Server
	mu      sync.Mutex
	invites []memInvite // newest first
	nextID  int
	counts  map[string]int // "GET", "POST", "DELETE" → requests
	// failCreate answers the next n creates with this step after storing
	// the invite (applied) or without (not applied).
	failCreate      []http.HandlerFunc
	failApplies     bool
	rejectDuplicate int // when set, a second pending invite to an email gets this status
	hideNewest      int // lists leave out this many newest invites, once
}

func newMemServer(t *testing.T) *memServer {
	t.Helper()
	m := &memServer{counts: map[string]int{}}
	m.Server = httptest.NewServer(http.HandlerFunc(m.serve))
	t.Cleanup(m.Close)
	return m
}

// add stores invites, newest first, created at the given Unix seconds.
func (m *memServer) add(email, status string, created int64) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.nextID++
	id := "invite-" + strconv.Itoa(m.nextID)
	m.invites = append([]memInvite{{ID: id, Email: email, Role: "reader", Status: status, CreatedAt: created}}, m.invites...)
	return id
}

func (m *memServer) count(method string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.counts[method]
}

func (m *memServer) pendingFor(email string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for _, inv := range m.invites {
		if strings.EqualFold(inv.Email, email) && inv.Status == "pending" {
			n++
		}
	}
	return n
}

func (m *memServer) serve(w http.ResponseWriter, r *http.Request) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.counts[r.Method]++
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/organization/invites":
		m.list(w, r)
	case r.Method == http.MethodPost && r.URL.Path == "/organization/invites":
		m.create(w, r)
	default:
		reply(http.StatusNotFound, apiErr("no such route", "invalid_request_error"))(w, r)
	}
}

func (m *memServer) list(w http.ResponseWriter, r *http.Request) {
	limit := 20
	if s := r.URL.Query().Get("limit"); s != "" {
		limit, _ = strconv.Atoi(s)
	}
	visible := m.invites[min(m.hideNewest, len(m.invites)):]
	m.hideNewest = 0
	start := 0
	if after := r.URL.Query().Get("after"); after != "" {
		for i, inv := range visible {
			if inv.ID == after {
				start = i + 1
			}
		}
	}
	end := min(start+limit, len(visible))
	var b bytes.Buffer
	b.WriteString(`{"object":"list","data":[`)
	for i, inv := range visible[start:end] {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(m.encode(inv))
	}
	first, last := "null", "null"
	if end > start {
		first, last = strconv.Quote(visible[start].ID), strconv.Quote(visible[end-1].ID)
	}
	fmt.Fprintf(&b, `],"first_id":%s,"last_id":%s,"has_more":%t}`, first, last, end < len(visible))
	reply(http.StatusOK, b.String())(w, r)
}

func (m *memServer) encode(inv memInvite) string {
	b, _ := json.Marshal(map[string]any{
		"object": "organization.invite", "id": inv.ID, "email": inv.Email, "role": inv.Role,
		"status": inv.Status, "created_at": inv.CreatedAt, "expires_at": nil, "accepted_at": nil, "projects": []any{},
	})
	return string(b)
}

func (m *memServer) create(w http.ResponseWriter, r *http.Request) {
	var req struct{ Email, Role string }
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		reply(http.StatusBadRequest, apiErr("bad json", "invalid_request_error"))(w, r)
		return
	}
	var fail http.HandlerFunc
	if len(m.failCreate) > 0 {
		fail, m.failCreate = m.failCreate[0], m.failCreate[1:]
	}
	if fail != nil && !m.failApplies {
		fail(w, r)
		return
	}
	if m.rejectDuplicate != 0 {
		for _, inv := range m.invites {
			if strings.EqualFold(inv.Email, req.Email) && inv.Status == "pending" {
				reply(m.rejectDuplicate, apiErr("User is already invited to the organization", "invalid_request_error"))(w, r)
				return
			}
		}
	}
	m.nextID++
	inv := memInvite{ID: "invite-" + strconv.Itoa(m.nextID), Email: req.Email, Role: req.Role, Status: "pending", CreatedAt: time.Now().Unix()}
	m.invites = append([]memInvite{inv}, m.invites...)
	if fail != nil {
		fail(w, r)
		return
	}
	reply(http.StatusCreated, m.encode(inv))(w, r)
}

// ctx is a test context that cannot hang a run.
func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	t.Cleanup(cancel)
	return c
}
