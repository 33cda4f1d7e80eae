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
	ErrRateLimited    = errors.New("client: rate limited")            // 429, and every *RateLimitError
	ErrServer         = errors.New("client: server error")            // 5xx
	ErrInvalidInput   = errors.New("client: invalid input")           // a *ValidationError: nothing was sent
	ErrMismatch       = errors.New("client: existing invite differs") // a *MismatchError from Ensure
	// ErrNoMatch is returned by a look-up (FindByEmail) that read every
	// page and found no match; unlike ErrNotFound, no request answered 404.
	ErrNoMatch = errors.New("client: no match")
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
	// ErrOutcomeUnknown is matched by the *OutcomeUnknownError of a create
	// that may have made the invite when the client could not find out:
	// do not simply retry; Ensure the invite later.
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

// Is matches the sentinel for the status, and the refusals the API says
// only in words (see refusals.go).
func (e *APIError) Is(target error) bool {
	if matched, known := e.refused(target); known {
		return matched
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

// Sentinels of calls that could not be made, or not made whole.
var (
	// ErrNotSent is matched by the error of a call that ended before any of
	// its requests left the process (its context was done, or the
	// connection was never made): the call changed nothing.
	ErrNotSent = errors.New("client: nothing was sent")
	// ErrIncompleteRead is matched by an *IncompleteReadError: a page of a
	// list that cannot be part of a complete read.
	ErrIncompleteRead = errors.New("client: incomplete read")
	// ErrNilContext is returned by a call given a nil context, as
	// go-github's are, rather than a panic.
	ErrNilContext = errors.New("client: nil context")
	// ErrZeroClient is returned by a call on a Client that New did not make
	// (a zero client.Client, or a service without one), rather than a panic.
	ErrZeroClient = errors.New("client: the Client was not made by New")
)

// RateLimitError is a call that the rate limit ended: the server answered
// 429 and the call sat out all it may, or the wait before the next request
// is longer than the call may wait, or the endpoint's pace could not be
// learned in time. It matches ErrRateLimited. When a 429 came, Err is its
// *APIError (errors.As finds it); a service can answer its own caller with
// RetryAfter, whatever the Reason.
type RateLimitError struct {
	Reason RateLimitReason // why the call gave up
	// RetryAfter is the wait the server asked for, or that the pace it
	// set needs before the endpoint takes another request; 0 when not known.
	RetryAfter time.Duration
	Source     WaitSource // where RetryAfter came from
	Err        error      // the last 429, when one came; nil when none did
}

// Error returns one line: why, the wait and where it came from, and the
// 429's own line. Like the other failure types it has no "client: " prefix.
func (e *RateLimitError) Error() string {
	var b strings.Builder
	b.WriteString("rate limited: " + e.Reason.String())
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, "; the %s asks to wait %s", e.Source, e.RetryAfter.Round(time.Millisecond))
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

// Is matches ErrRateLimited.
func (e *RateLimitError) Is(target error) bool { return target == ErrRateLimited }

// Unwrap returns the 429's error, nil when none came.
func (e *RateLimitError) Unwrap() error { return e.Err }

// RateLimitReason says why a call gave up on the rate limit.
type RateLimitReason int

// Reasons a call gives up on the rate limit.
const (
	// RateLimitAnswered: the server answered 429, and the call sat out all
	// it may (its retries, or 30 429s when paced) or was told not to retry.
	RateLimitAnswered RateLimitReason = iota + 1
	// RateLimitPastDeadline: the wait would end after the context's deadline.
	RateLimitPastDeadline
	// RateLimitPastMaxWait: the wait is longer than WithMaxRetryWait.
	RateLimitPastMaxWait
	// RateLimitNoAnswer: the endpoint's pace is not known yet, and no
	// answer to learn it from came within WithMaxRetryWait.
	RateLimitNoAnswer
)

// String says the reason in words.
func (r RateLimitReason) String() string {
	switch r {
	case RateLimitAnswered:
		return "the server answered 429"
	case RateLimitPastDeadline:
		return "the wait would pass the context's deadline"
	case RateLimitPastMaxWait:
		return "the wait is longer than WithMaxRetryWait"
	case RateLimitNoAnswer:
		return "no answer to learn the server's pace from came in time"
	}
	return "unknown reason"
}

// OutcomeUnknownError is a create that may have made its object (an
// invite, or a member's place in a project) when the client could not find
// out: the server answered 2xx (so it exists) but the look-up did not find
// it, or a look-up failed, or the context ended after a request had been
// sent. It matches ErrOutcomeUnknown, and through Err what ended the look
// (errors.Is against context.DeadlineExceeded or context.Canceled holds
// when the context did). Do not simply create again: for an invite, Ensure
// Email later, which looks first; for an add to a project, Add again
// later, which takes the person found there with the role asked as done.
type OutcomeUnknownError struct {
	// Email is the email the invite was for, or the one an add to a
	// project named the person by ("" when it named a user ID).
	Email string
	// ProjectID and UserID are an add's project and the user ID it named
	// the person by; "" for an invite.
	ProjectID string
	UserID    string
	Err       error // why the outcome is unknown
	why       string
}

// Error returns one line: "client: create outcome unknown: " and why, as
// the errors built on ErrOutcomeUnknown always read.
func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("%s: %s: %v", ErrOutcomeUnknown, e.why, e.Err)
}

// Is matches ErrOutcomeUnknown.
func (e *OutcomeUnknownError) Is(target error) bool { return target == ErrOutcomeUnknown }

// Unwrap returns why.
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// IncompleteReadError is a page of a list that cannot be part of a
// complete read, from List or from a walk (All, FindByEmail, a create's
// look-up): a page without data, a page that says more follow but holds
// none, or a cursor that does not advance. A read that meets one fails:
// its items so far are not the list. It matches ErrIncompleteRead, and
// ErrPagination for a cursor that does not advance.
type IncompleteReadError struct {
	List      string // "invites", "users", "projects", "members of project proj_abc"
	After     string // the cursor the page was asked for after; "" for the first page
	Reason    IncompleteReason
	Items     int    // the items the page held
	HasMore   bool   // the page's has_more
	LastID    string // the page's last_id; "" when null
	RequestID string // the page's x-request-id
}

// Error returns one line naming the page and what is wrong with it; like
// the other failure types it has no "client: " prefix.
func (e *IncompleteReadError) Error() string {
	page := "the first page"
	if e.After != "" {
		page = fmt.Sprintf("the page after %q", e.After)
	}
	s := fmt.Sprintf("incomplete read: %s of %s: %s", page, e.List, e.Reason)
	if e.RequestID != "" {
		s += " (request " + e.RequestID + ")"
	}
	return s
}

// Is matches ErrIncompleteRead, and ErrPagination for a cursor that does
// not advance.
func (e *IncompleteReadError) Is(target error) bool {
	return target == ErrIncompleteRead || target == ErrPagination && e.Reason == CursorStuck
}

// IncompleteReason says what makes a page incomplete.
type IncompleteReason int

// What makes a page incomplete.
const (
	PageWithoutData   IncompleteReason = iota + 1 // no "data", or "data": null
	EmptyPageWithMore                             // has_more true, and no items
	CursorStuck                                   // has_more true, and neither last_id nor the last item's ID moves past the cursor
)

// String says the reason in words.
func (r IncompleteReason) String() string {
	switch r {
	case PageWithoutData:
		return "the page has no data"
	case EmptyPageWithMore:
		return "the page says more follow but holds none"
	case CursorStuck:
		return "the cursor does not advance"
	}
	return "unknown reason"
}
