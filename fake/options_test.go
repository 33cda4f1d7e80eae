package fake

import (
	"bytes"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStartRejectsBadOptions(t *testing.T) {
	t.Parallel()
	cases := map[string]Option{
		"empty key":       WithKey(""),
		"expiry":          WithExpiry(0),
		"create status":   WithCreateStatus(202),
		"invites":         WithInvites(-1),
		"rate above 1":    WithFaults(Faults{ErrorRate: 1.5}),
		"negative rate":   WithFaults(Faults{DropRate: -0.1}),
		"stale list rate": WithFaults(Faults{StaleListRate: 2}),
		"negative stall":  WithFaults(Faults{Stall: -time.Second}),
		"negative limit":  WithFaults(Faults{RateLimit: -1}),
		"negative window": WithFaults(Faults{RateWindow: -time.Second}),
		"negative burst":  WithFaults(Faults{RateLimit: 1, RateBurst: -1}),
		"endless burst":   WithFaults(Faults{RateLimit: 1, RateWindow: time.Hour, RateBurst: 1 << 40}),
		"negative idle":   WithTimeouts(Timeouts{Idle: -time.Second}),
		"default role":    WithDefaultProjects(ProjectGrant{ID: "proj_a", Role: "admin"}),
		"default ID":      WithDefaultProjects(ProjectGrant{ID: "..", Role: "member"}),
	}
	for name, opt := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s, err := Start("127.0.0.1:0", opt)
			require.Error(t, err)
			assert.Nil(t, s)
		})
	}
	_, err := Start("256.0.0.1:0")
	require.Error(t, err, "an address that cannot be listened on")
}

func TestStartAddresses(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"", "127.0.0.1:0"} {
		s, err := Start(addr)
		require.NoError(t, err)
		assert.Regexp(t, `^http://127\.0\.0\.1:[1-9][0-9]*/v1$`, s.URL(), addr)
		tt := &tester{t: t, c: newClient(t), url: s.URL(), key: s.Key()}
		assert.Equal(t, http.StatusOK, tt.do(http.MethodGet, invitesPath, "").status)
		require.NoError(t, s.Shutdown(t.Context()))
	}
	for in, want := range map[string]string{"0.0.0.0": "127.0.0.1:80", "::": "127.0.0.1:80", "::1": "[::1]:80", "127.0.0.2": "127.0.0.2:80"} {
		assert.Equal(t, want, dialable(&net.TCPAddr{IP: net.ParseIP(in), Port: 80}), in)
	}
}

func TestNewHandlerLogsBadOptions(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	h := NewHandler(WithLogger(slog.New(slog.NewTextHandler(&logs, nil))), WithCreateStatus(202))
	assert.Contains(t, logs.String(), "create status 202")
	assert.NotNil(t, h)
}

func TestUnknownParameters(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t)
	cases := map[string]string{
		"role_name":        `{"email":"a@example.com","role":"reader","role_name":"x"}`,
		"projects[1].name": `{"email":"a@example.com","role":"reader","projects":[{"id":"p","role":"owner"},{"id":"q","role":"owner","name":"Q"}]}`,
	}
	for param, body := range cases {
		r := tt.do(http.MethodPost, invitesPath, body)
		assertError(t, r, http.StatusBadRequest, typeInvalidRequest, param, "unknown_parameter")
	}
	assert.Empty(t, s.Invites())
}

// The key never reaches the log, whatever the request. Requests are served
// in this goroutine, so a plain buffer can hold the log.
func TestLogsNeverHoldTheKey(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	h := NewHandler(WithKey("sk-admin-secret-123"), WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	for _, key := range []string{"sk-admin-secret-123", "sk-admin-wrong-456"} {
		req := httptest.NewRequestWithContext(t.Context(), http.MethodGet, "/v1"+invitesPath, nil)
		req.Header.Set("Authorization", "Bearer "+key)
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
	out := logs.String()
	assert.Equal(t, 2, strings.Count(out, `"msg":"fake: request"`))
	assert.Equal(t, 2, strings.Count(out, `"request_id":"req_`))
	assert.NotContains(t, out, "secret-123")
	assert.NotContains(t, out, "wrong-456")
}

// Go's transport silently re-sends a request carrying an Idempotency-Key
// when a reused connection drops; the real API ignores the key, so the
// create lands twice. The fake shows it, which is why clients never send one.
func TestIdempotencyKeyResendsAreVisible(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithDuplicates(AllowDuplicates))
	tt.do(http.MethodGet, invitesPath, "") // a connection to reuse
	s.FailNextFor(http.MethodPost, FaultAmbiguousDrop, 1)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, tt.url+invitesPath, strings.NewReader(`{"email":"twice@example.com","role":"reader"}`))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+tt.key)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", "k1")
	resp, err := tt.c.Do(req)
	require.NoError(t, err, "the transport retried behind our back")
	_ = resp.Body.Close()
	assert.Equal(t, 2, s.CreatedFor("twice@example.com"))
	assert.Equal(t, 1, s.Stats().Count(http.MethodPost, 0))
}
