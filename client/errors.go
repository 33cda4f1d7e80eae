// errors.go gives every failure a type callers can test with errors.Is and
// errors.As, and keeps what support needs (status, request ID) even when the
// body is garbage.
//
// Where an error came from is said once. The sentinels, and the errors the
// client builds on them or on its configuration, begin with "client: ", as
// Go's own packages' do ("sql: no rows in result set"). The types that
// stand for one failure (APIError, DecodeError, ValidationError,
// MismatchError) have no prefix: they are values a caller formats from
// their fields or puts as they are into its own message ("line 3: invalid
// email ..."), so their Error() never needs trimming.

package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/goinvites/invites/internal/rules"
)

// Sentinels matched by errors.Is. An *APIError matches the one for its status.
var (
	ErrInvalidRequest = errors.New("client: invalid request")         // 400, 422
	ErrUnauthorized   = errors.New("client: unauthorized")            // 401
	ErrPermission     = errors.New("client: permission denied")       // 403
	ErrNotFound       = errors.New("client: not found")               // 404
	ErrConflict       = errors.New("client: conflict")                // 409
	ErrRateLimited    = errors.New("client: rate limited")            // 429
	ErrServer         = errors.New("client: server error")            // 5xx
	ErrInvalidInput   = errors.New("client: invalid input")           // a *ValidationError: nothing was sent
	ErrMismatch       = errors.New("client: existing invite differs") // a *MismatchError from Ensure
	// ErrNoMatch is returned by a look-up (FindByEmail) that read every
	// page and found no match; unlike ErrNotFound, no request answered 404.
	ErrNoMatch = errors.New("client: no match")
	// ErrAlreadyMember is matched by the *APIError of an invite create
	// refused because the email is already a member's: the API says so only
	// in its message ("... already exists in this organization"), with no
	// code, so the message is what is matched.
	ErrAlreadyMember = errors.New("client: already a member")
	// ErrAlreadyInvited is matched by the *APIError of an invite create
	// refused because the email already has a pending invite. The API does
	// not document how it says so: a 409, or a 400 whose code says the
	// invite exists (invite_already_exists) is what is matched.
	ErrAlreadyInvited = errors.New("client: already invited")
	// ErrMalformedResponse is matched by a *DecodeError: a body that is not
	// the JSON expected, is cut short, or is larger than the client accepts.
	ErrMalformedResponse = errors.New("client: malformed response")
	// ErrPagination is returned by All when the server's cursor stops
	// advancing, instead of looping forever.
	ErrPagination = errors.New("client: pagination cursor does not advance")
	// ErrOutcomeUnknown is returned by Create when an attempt may have created
	// the invite and the look-up that would tell failed: do not simply retry.
	ErrOutcomeUnknown = errors.New("client: create outcome unknown")
	// ErrLookalike is matched, besides ErrInvalidInput, by the
	// *ValidationError of a Create or Ensure refused because the email is a
	// look-alike: it passes for another address (see ValidateEmail).
	ErrLookalike = errors.New("client: look-alike email")
)

// maxErrorExcerpt bounds APIError.Body and DecodeError.Body.
const maxErrorExcerpt = 1024

// APIError is a non-2xx answer from the API.
type APIError struct {
	StatusCode int
	Type       string // error.type, e.g. "invalid_request_error"
	Code       string // error.code, "" when null
	Param      string // error.param, "" when null
	Message    string // error.message, or the status text when the body has none
	RequestID  string // x-request-id: quote it to OpenAI support
	// RetryAfter is the wait the server asked for, from retry-after-ms,
	// Retry-After or the message of a 429; 0 when it asked none.
	RetryAfter time.Duration
	RateLimit  RateLimit
	Body       string      // the start of the body (at most 1 KiB), for diagnosis
	Header     http.Header // the answer's headers, for what the fields above leave out
}

// Error returns one line: status, message, request ID.
func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d %s: %s", e.StatusCode, http.StatusText(e.StatusCode), oneLine(e.Message, 300))
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " (request %s)", e.RequestID)
	}
	return b.String()
}

// Is matches the sentinel for the status.
func (e *APIError) Is(target error) bool {
	if target == ErrAlreadyMember {
		return e.StatusCode >= 400 && e.StatusCode <= 499 &&
			strings.Contains(strings.ToLower(e.Message), "already exists in this organization")
	}
	if target == ErrAlreadyInvited {
		return e.StatusCode == http.StatusConflict ||
			(e.StatusCode == http.StatusBadRequest && strings.Contains(e.Code, "already_exists"))
	}
	return target != nil && target == statusSentinel(e.StatusCode)
}

func statusSentinel(status int) error {
	switch {
	case status == http.StatusBadRequest || status == http.StatusUnprocessableEntity:
		return ErrInvalidRequest
	case status == http.StatusUnauthorized:
		return ErrUnauthorized
	case status == http.StatusForbidden:
		return ErrPermission
	case status == http.StatusNotFound:
		return ErrNotFound
	case status == http.StatusConflict:
		return ErrConflict
	case status == http.StatusTooManyRequests:
		return ErrRateLimited
	case status >= 500 && status <= 599:
		return ErrServer
	}
	return nil
}

// DecodeError is a response the client could not read: not JSON, cut short,
// or too large. It keeps the status and request ID.
type DecodeError struct {
	StatusCode int
	RequestID  string
	Body       string // the start of the body (at most 1 KiB)
	Err        error
}

// Error returns one line: status, cause, request ID.
func (e *DecodeError) Error() string {
	s := fmt.Sprintf("unreadable %d response: %v", e.StatusCode, e.Err)
	if e.RequestID != "" {
		s += " (request " + e.RequestID + ")"
	}
	return s
}

// Is matches ErrMalformedResponse.
func (e *DecodeError) Is(target error) bool { return target == ErrMalformedResponse }

// Unwrap returns the cause.
func (e *DecodeError) Unwrap() error { return e.Err }

// ValidationError is input the API is certain to reject; the client sends
// nothing. It matches ErrInvalidInput.
type ValidationError struct {
	Field  string // e.g. "id", "email", "projects[1].role"
	Value  string // the offending value, shortened
	Reason string
	rule   error // the shared rule's reason, which Is also matches against
}

// Error returns one line naming the field: "email is empty",
// "invalid role "admin": must be ...".
func (e *ValidationError) Error() string {
	if e.isEmpty() {
		return fmt.Sprintf("%s %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("invalid %s %q: %s", e.Field, e.Value, e.Reason)
}

// Is matches ErrInvalidInput, and ErrLookalike for a look-alike email.
func (e *ValidationError) Is(target error) bool {
	return target == ErrInvalidInput || target == ErrLookalike && errors.Is(e.rule, rules.ErrLookalike)
}

// MismatchError is returned by Ensure when a pending invite for the email
// exists with another role or other projects. It matches ErrMismatch.
type MismatchError struct {
	Existing Invite       // the pending invite found
	Wanted   CreateParams // what Ensure was asked for
	Fields   []string     // what differs: "role", "projects"
}

// Error returns one line naming the invite and what differs.
func (e *MismatchError) Error() string {
	return fmt.Sprintf("pending invite %s for %s differs in %s", e.Existing.ID, e.Existing.Email, strings.Join(e.Fields, " and "))
}

// Is matches ErrMismatch.
func (e *MismatchError) Is(target error) bool { return target == ErrMismatch }

// oneLine keeps a server's text from breaking a log line or flooding it.
func oneLine(s string, n int) string {
	if len(s) > n {
		s = strings.ToValidUTF8(s[:n], "") + "..."
	}
	return strings.Join(strings.Fields(s), " ")
}
