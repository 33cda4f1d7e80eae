// Errors reach the user as one line with what they need to act or to ask for
// help: the HTTP status, the API's message, its code and the request ID.
package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/goinvites/invites/client"
)

// describeError is the text of the one line printed for err.
func describeError(err error) string {
	var apiErr *client.APIError
	switch {
	case errors.As(err, &apiErr):
		return describeAPIError(apiErr)
	case errors.Is(err, client.ErrInsecureHTTP):
		return "the base URL (--base-url or " + client.EnvBaseURL + ") uses plain http, which would send the API key in clear text: " +
			"give an https:// URL (plain http is allowed only to a loopback host: 127.0.0.1, [::1] or localhost)"
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out waiting for the API (raise --timeout?): " + trimPrefixes(err.Error())
	}
	return trimPrefixes(err.Error())
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
	switch {
	case e.StatusCode == http.StatusUnauthorized:
		b.WriteString("; check OPENAI_ADMIN_KEY: it must be an Admin API key (sk-admin-...)")
	case e.StatusCode == http.StatusTooManyRequests && e.RetryAfter > 0:
		fmt.Fprintf(&b, "; the API asked to wait %s", e.RetryAfter)
	}
	return b.String()
}

// trimPrefixes drops the "invites: " the client puts on its errors, which
// would repeat the one printError adds.
func trimPrefixes(s string) string {
	return strings.ReplaceAll(s, "invites: ", "")
}
