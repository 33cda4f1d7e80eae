package client

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httputil"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lockedBuffer lets parallel requests log into one buffer.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestTheKeyNeverLeaks(t *testing.T) {
	t.Parallel()
	var logs, dumps lockedBuffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	dumping := WithMiddleware(func(next http.RoundTripper) http.RoundTripper {
		return roundTripFunc(func(r *http.Request) (*http.Response, error) {
			b, _ := httputil.DumpRequestOut(r, true)
			_, _ = dumps.Write(b)
			resp, err := next.RoundTrip(r)
			if resp != nil {
				b, _ = httputil.DumpResponse(resp, false)
				_, _ = dumps.Write(b)
			}
			return resp, err
		})
	})
	c, mux, _ := setup(t, WithLogger(logger), dumping)
	s := play(mux, reply(500, apiErr("boom", "server_error")), reply(401, apiErr("Incorrect API key provided: sk-admi*****cdef", "invalid_request_error")))

	var errs []string
	_, _, err := c.Invites.Get(ctx(t), "invite-1")
	errs = append(errs, err.Error(), fmt.Sprintf("%+v %#v", err, err))
	_, err = New(WithAPIKey(testKey+"\n"+testKey), WithBaseURL("http://example.com"))
	errs = append(errs, err.Error())
	_, _, err = newTestClient(t, closedURL(t), WithLogger(logger), WithMaxRetries(1)).Invites.Create(ctx(t), reader)
	errs = append(errs, err.Error())

	assert.Contains(t, logs.String(), "level=DEBUG")
	assert.Contains(t, logs.String(), "attempt=2")
	assert.Contains(t, logs.String(), "request_id=req_500")
	assert.Contains(t, logs.String(), "wait=")
	assert.Contains(t, logs.String(), "method=GET path=/v1/organization/invites/invite-1 status=500 attempt=1")
	assert.Contains(t, logs.String(), "duration=")
	assert.NotContains(t, logs.String(), "duration=0s", "an attempt that reached a server took some time")
	assert.Contains(t, dumps.String(), "GET /v1/organization/invites/invite-1")
	for what, text := range map[string]string{
		"logs":        logs.String(),
		"middleware":  dumps.String(),
		"errors":      strings.Join(errs, "\n"),
		"client %v":   fmt.Sprintf("%v %+v %s", c, c, c),
		"client %#v":  fmt.Sprintf("%#v", c),
		"client slog": slogged(c),
	} {
		assert.NotContains(t, text, testKey, what)
		assert.NotContains(t, text, "TESTSECRET", what)
	}
	assert.NotContains(t, dumps.String(), "Authorization")
	assert.Equal(t, "Bearer "+testKey, s.requests()[0].Header.Get("Authorization"), "the server still gets the key")
}

func TestAKeyTheServerEchoesIsRedacted(t *testing.T) {
	t.Parallel()
	echo := `{"error":{"message":"Incorrect API key provided: ` + testKey + `.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`
	cut := strings.Repeat("x", maxErrorExcerpt-12) + testKey // an unredacted cut keeps testKey[:12]
	c, mux, _ := setup(t)
	play(mux, reply(401, echo, "X-Echo", "key "+testKey), reply(401, cut), reply(200, cut))
	for range 3 {
		_, resp, err := c.Invites.Get(ctx(t), "invite-1")
		require.Error(t, err)
		assert.NotContains(t, fmt.Sprint(resp.Header), testKey[:12])
		var ae *APIError
		var de *DecodeError
		switch {
		case errors.As(err, &ae):
			assert.NotContains(t, ae.Body+ae.Message+fmt.Sprint(ae.Header), testKey[:12])
		case errors.As(err, &de):
			assert.NotContains(t, de.Body, testKey[:12])
		}
		assert.NotContains(t, err.Error(), testKey[:12])
	}
}

func slogged(v any) string {
	var b bytes.Buffer
	slog.New(slog.NewJSONHandler(&b, nil)).Info("x", "client", v)
	return b.String()
}

// TestEveryFieldAServerSendsBackIsRedacted: a server (or a proxy) that
// echoes the key into every field of its error and into every header has
// it redacted from all the client keeps: the *APIError's message, type,
// code, param, body, request ID, rate-limit headers and headers, the
// Response's, and every error's text. Before, type, code and param kept it.
func TestEveryFieldAServerSendsBackIsRedacted(t *testing.T) {
	t.Parallel()
	k := testKey
	body := fmt.Sprintf(`{"error":{"message":"bad key %s","type":"type %s","param":"param %s","code":"code %s"}}`, k, k, k, k)
	echo := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) {
			h := w.Header()
			h.Set("Content-Type", "application/json")
			h.Set("X-Request-Id", "req_"+k)
			h.Set("Retry-After", k)
			h.Set("X-Ratelimit-Limit-Requests", k)
			h.Set("X-Ratelimit-Remaining-Requests", k)
			h.Set("X-Ratelimit-Reset-Requests", k)
			h["X-Echo"] = []string{"first", "Bearer " + k, k + k}
			w.WriteHeader(status)
			_, _ = io.WriteString(w, body)
		}
	}
	for _, status := range []int{http.StatusBadRequest, http.StatusUnauthorized, http.StatusTooManyRequests, http.StatusInternalServerError} {
		c, mux, _ := setup(t, WithMaxRetries(0), WithoutPacing())
		play(mux, echo(status))
		_, resp, err := c.Invites.Get(ctx(t), "invite-1")
		var ae *APIError
		require.ErrorAs(t, err, &ae, status)
		kept := map[string]string{
			"message": ae.Message, "type": ae.Type, "code": ae.Code, "param": ae.Param, "body": ae.Body,
			"request ID": ae.RequestID, "rate limit": fmt.Sprintf("%+v", ae.RateLimit), "headers": fmt.Sprint(ae.Header),
			"Response": fmt.Sprintf("%+v", *resp), "error": err.Error(), "error %+v": fmt.Sprintf("%+v", err),
		}
		for what, text := range kept {
			assert.NotContains(t, text, k[:12], "%d: %s", status, what)
		}
		assert.Equal(t, "code [redacted]", ae.Code, "the rest of a field stays")
		assert.Equal(t, []string{"first", "Bearer [redacted]", "[redacted][redacted]"}, resp.Header.Values("X-Echo"))
	}
	// A 2xx whose body echoes it where a value is expected: no decoding
	// error quotes it.
	for _, body := range []string{`{"id":"i","created_at":"` + k + `"}`, `{"id":"i","expires_at":"` + k + `"}`, `{"id":` + k + `}`} {
		c, mux, _ := setup(t, WithMaxRetries(0))
		play(mux, reply(http.StatusOK, body))
		_, _, err := c.Invites.Get(ctx(t), "invite-1")
		require.ErrorIs(t, err, ErrMalformedResponse)
		assert.NotContains(t, fmt.Sprintf("%v %+v", err, err), k[:12], body)
	}
}
