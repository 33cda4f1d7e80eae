// response.go reads what every answer carries besides its body: the request
// ID, the rate-limit headers and the wait the server asks for. Callers need
// them on failures most of all, so they are read for every status.

package client

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/goinvites/invites/gen"
)

// Response describes the HTTP exchange behind a call. Methods return it on
// success and on failure (nil only when nothing was sent).
type Response struct {
	StatusCode int    // of the last attempt; 0 when no answer came
	RequestID  string // x-request-id of the last answer
	RateLimit  RateLimit
	Attempts   int // HTTP attempts of the call's own request (a Create's look-ups not counted)
	// RetryAfter is the wait the server asked for in its last answer; 0 when none.
	RetryAfter time.Duration
	// Header holds the last answer's headers; nil when no answer came.
	Header http.Header
	// Waited is how long the call waited between or before its attempts:
	// for the pacer, for the waits the server asked, and for backoff.
	Waited time.Duration
}

// RateLimit holds the x-ratelimit-*-requests headers. A parsed field is zero
// when its header is absent or unparsable; the Raw fields keep the headers
// exactly as sent, so absence, 0 and garbage stay distinguishable.
type RateLimit struct {
	Limit        int           // x-ratelimit-limit-requests
	Remaining    int           // x-ratelimit-remaining-requests
	Reset        time.Duration // x-ratelimit-reset-requests, e.g. "6.937s", "1m0s"
	RawLimit     string
	RawRemaining string
	RawReset     string
}

func parseRateLimit(h http.Header) RateLimit {
	rl := RateLimit{
		RawLimit:     header(h, "X-Ratelimit-Limit-Requests"),
		RawRemaining: header(h, "X-Ratelimit-Remaining-Requests"),
		RawReset:     header(h, "X-Ratelimit-Reset-Requests"),
	}
	rl.Limit = atoi(rl.RawLimit)
	rl.Remaining = atoi(rl.RawRemaining)
	rl.Reset, _ = parseWait(rl.RawReset, time.Second)
	return rl
}

// atoi is strconv.Atoi without the cost of an error for an absent header.
func atoi(s string) int {
	if s == "" {
		return 0
	}
	n, _ := strconv.Atoi(s)
	return n
}

// answer is what an answer says besides a 2xx body, read once when it
// comes: the call's Response, its error, the retry decision, the backoff
// and the pacer all read this one value, and none parses the headers or
// the body again.
type answer struct {
	status    int         // 0 when no answer came
	header    http.Header // nil when no answer came; never holds the key
	requestID string
	rateLimit RateLimit
	// wait is the wait the server asked for, and asked whether it asked at
	// all: "try again after 0 seconds" is a wait to sit out, not a
	// failure to back off from. source says where it was asked.
	wait   time.Duration
	asked  bool
	source WaitSource
	// shouldRetry is x-should-retry, lower-cased: "true", "false" or "".
	shouldRetry string
	// apiErr is what a non-2xx answer is as an error; nil for a 2xx.
	apiErr *APIError
}

// came reports whether an answer came at all.
func (a *answer) came() bool { return a.status != 0 }

// readAnswer reads an answer heard at the given time (what a Retry-After
// date counts from); errBody is a non-2xx answer's body.
func (c *Client) readAnswer(status int, h http.Header, errBody []byte, heard time.Time) answer {
	a := answer{
		status:      status,
		header:      h,
		requestID:   header(h, "X-Request-Id"),
		rateLimit:   parseRateLimit(h),
		shouldRetry: strings.ToLower(header(h, "X-Should-Retry")),
	}
	message := ""
	if status < 200 || status > 299 {
		a.apiErr = c.apiError(&a, errBody)
		message = a.apiErr.Message
	}
	a.wait, a.source, a.asked = serverWait(status, h, message, heard)
	if a.apiErr != nil {
		a.apiErr.RetryAfter = a.wait
	}
	return a
}

// apiError is a non-2xx answer as an error, from whatever its body holds;
// none of its fields holds the key (its headers, and what is read from
// them, were redacted before).
func (c *Client) apiError(a *answer, body []byte) *APIError {
	e := &APIError{
		StatusCode: a.status,
		RequestID:  a.requestID,
		RateLimit:  a.rateLimit,
		Body:       c.bodyExcerpt(body),
		Header:     a.header,
	}
	var env gen.ErrorResponse
	if json.Unmarshal(body, &env) == nil {
		e.Type, e.Message = c.redact(env.Error.Type), c.redact(env.Error.Message)
		e.Code, e.Param = c.redact(deref(env.Error.Code)), c.redact(deref(env.Error.Param))
	}
	if e.Message == "" {
		e.Message = http.StatusText(a.status)
		if e.Message == "" {
			e.Message = "unexpected status"
		}
	}
	return e
}

// header reads a header by its canonical name without canonicalizing it
// again, as http.Header.Get does on every call.
func header(h http.Header, canonical string) string {
	if v := h[canonical]; len(v) > 0 {
		return v[0]
	}
	return ""
}
