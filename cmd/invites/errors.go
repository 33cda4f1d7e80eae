// Errors reach the user as one line with what they need to act or to ask for
// help: the HTTP status, the API's message, its code and the request ID.
// The client's errors are told by their type, from their fields; any other
// error by its message.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/rules"
)

// describeError is the text of the one line printed for err.
func describeError(err error) string {
	var apiErr *client.APIError
	var invalid *client.ValidationError
	var rateLimit *client.RateLimitError
	switch {
	// An input check's error, unless wrapped in words of its own (a usage
	// error adds none) or joined with others, as roster's problems are.
	case errors.As(err, &invalid) && err.Error() == invalid.Error():
		return describeInvalid(invalid)
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
	// to give (keyHint): it alone knows.
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

// describeInvalid names the field, the value and what is wrong with it.
func describeInvalid(e *client.ValidationError) string {
	if e.Reason == rules.ErrEmpty.Error() {
		return e.Field + " " + e.Reason
	}
	return fmt.Sprintf("invalid %s %q: %s", e.Field, e.Value, e.Reason)
}

// withoutClientPrefix drops the "client: " that the client's own errors
// begin with (see client/errors.go): the CLI's line says "invites: " for
// the whole program. Only a leading one goes: the rest of a message (an
// API's text among it) is printed as it is.
func withoutClientPrefix(msg string) string {
	return strings.TrimPrefix(msg, "client: ")
}
