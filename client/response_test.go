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

func TestServerWaitParsing(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		status  int
		headers []string
		message string
		want    time.Duration
		asked   bool
	}{
		{"nothing", 429, nil, "Rate limit reached", 0, false},
		{"ms wins", 429, []string{"retry-after-ms", "1500", "retry-after", "9"}, "", 1500 * time.Millisecond, true},
		{"seconds", 503, []string{"retry-after", "7"}, "", 7 * time.Second, true},
		{"http date", 429, []string{"retry-after", "Fri, 02 Jan 2026 03:04:35 GMT"}, "", 30 * time.Second, true},
		{"past date", 429, []string{"retry-after", "Fri, 02 Jan 2026 03:00:00 GMT"}, "", 0, true},
		{"garbage header, message", 429, []string{"retry-after", "soon"}, "Please try again after 6.937 seconds.", 6937 * time.Millisecond, true},
		{"message on a non-429 is ignored", 503, nil, "Please try again after 6.937 seconds.", 0, false},
		{"negative", 429, []string{"retry-after-ms", "-5"}, "", 0, false},
	} {
		h := http.Header{}
		for i := 0; i < len(tc.headers); i += 2 {
			h.Set(tc.headers[i], tc.headers[i+1])
		}
		got, asked := serverWait(tc.status, h, tc.message, now)
		assert.Equal(t, tc.want, got, tc.name)
		assert.Equal(t, tc.asked, asked, tc.name)
	}
}
