// Errors reach the user as one line with what they need to act or to ask for
// help: the HTTP status, the API's message, its code and the request ID.
// An API error is told from its fields; any other error, the client's
// input checks (ValidationError) among them, by its own message.

package cmdutil

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/goinvites/invites/client"
)

// DescribeError is the text of the one line printed for err.
func DescribeError(err error) string {
	var apiErr *client.APIError
	var rateLimit *client.RateLimitError
	switch {
	case errors.As(err, &apiErr):
		return describeAPIError(apiErr)
	case errors.As(err, &rateLimit): // no 429 came: the client declined the wait
		return describeRateLimit(rateLimit)
	case errors.Is(err, client.ErrInsecureHTTP):
		return "the base URL (--base-url or " + client.EnvBaseURL + ") uses plain http, which would send the API key in clear text: " +
			"give an https:// URL (plain http is allowed only to a loopback host: 127.0.0.1, [::1] or localhost)"
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out waiting for the API (raise --timeout?): " + withoutClientPrefix(err.Error())
	}
	return withoutClientPrefix(err.Error())
}

// describeAPIError is the CLI's line for an API error. It is not the
// error's own Error(), which is written for a log: that one leaves out the
// API's code, cuts the message at 300 bytes, and says "(retry after 2s)"
// for any status; a person at the CLI gets the code, the whole message
// (OneLine flattens it), and a 429's wait in words.
func describeAPIError(e *client.APIError) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s: %s", e.StatusCode, http.StatusText(e.StatusCode), e.Message)
	if e.Code != "" {
		fmt.Fprintf(&b, " [%s]", e.Code)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request %s)", e.RequestID)
	}
	// A 401's hint, which names where the key came from, is the factory's
	// to give (KeyHint): it alone knows.
	if e.StatusCode == http.StatusTooManyRequests && e.RetryAfter > 0 {
		fmt.Fprintf(&b, "; the API asked to wait %s", e.RetryAfter)
	}
	return b.String()
}

// describeRateLimit says, from the error's fields, why the client gave up
// on the rate limit without sending, and the wait the API's pace asks for.
func describeRateLimit(e *client.RateLimitError) string {
	s := "rate limited, nothing sent: " + map[client.RateLimitReason]string{
		client.RateLimitAnswered:     "the API kept answering 429",
		client.RateLimitPastDeadline: "the wait would outlast the command's deadline",
		client.RateLimitPastMaxWait:  "the wait is longer than the command waits",
		client.RateLimitNoAnswer:     "no answer came to learn the API's pace from",
	}[e.Reason]
	if e.RetryAfter > 0 {
		s += fmt.Sprintf("; the API's %s asks to wait %s", e.Source, e.RetryAfter.Round(time.Millisecond))
	}
	return s
}

// withoutClientPrefix drops the "client: " that the client's own errors
// begin with (see client/errors.go): the CLI's line says "invites: " for
// the whole program. Only a leading one goes: the rest of a message (an
// API's text among it) is printed as it is.
func withoutClientPrefix(msg string) string {
	return strings.TrimPrefix(msg, "client: ")
}
