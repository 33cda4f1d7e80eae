package client

import (
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestRateLimitParsing(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		limit, remaining, reset string
		want                    RateLimit
	}{
		{"", "", "", RateLimit{}},
		{"10", "9", "1m0s", RateLimit{Limit: 10, Remaining: 9, Reset: time.Minute}},
		{"10", "9", "20ms", RateLimit{Limit: 10, Remaining: 9, Reset: 20 * time.Millisecond}},
		{"10", "9", "2.5", RateLimit{Limit: 10, Remaining: 9, Reset: 2500 * time.Millisecond}},
		{"x", "-", "soon", RateLimit{}},
	} {
		h := http.Header{}
		h.Set("x-ratelimit-limit-requests", tc.limit)
		h.Set("x-ratelimit-remaining-requests", tc.remaining)
		h.Set("x-ratelimit-reset-requests", tc.reset)
		tc.want.RawLimit, tc.want.RawRemaining, tc.want.RawReset = tc.limit, tc.remaining, tc.reset
		assert.Equal(t, tc.want, parseRateLimit(h))
	}
}

func FuzzAPIError(f *testing.F) {
	f.Add(429, []byte(`{"error":{"message":"Please try again after 6.937 seconds.","type":"requests","param":null,"code":"rate_limit_exceeded"}}`), "")
	f.Add(500, []byte("<html>"), "Fri, 02 Jan 2026 03:04:35 GMT")
	f.Fuzz(func(t *testing.T, status int, body []byte, retryAfter string) {
		if status < 100 || status > 999 {
			return
		}
		h := http.Header{}
		h.Set("Retry-After", retryAfter)
		h.Set("X-Request-Id", "req_1")
		a := (&Client{}).readAnswer(status, h, body, time.Unix(0, 0))
		e := a.apiErr
		if e == nil {
			if status < 200 || status > 299 {
				t.Fatalf("status %d read as a success", status)
			}
			return
		}
		msg := e.Error()
		if strings.ContainsAny(msg, "\n\r") || !strings.Contains(msg, "req_1") || e.RetryAfter < 0 {
			t.Fatalf("bad error %q (retry after %v)", msg, e.RetryAfter)
		}
		if len(e.Body) > maxErrorExcerpt || !utf8.ValidString(e.Body) {
			t.Fatalf("body excerpt of %d bytes", len(e.Body))
		}
	})
}
