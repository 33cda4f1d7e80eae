// Every failure the fake sends uses OpenAI's error envelope, so clients are
// tested against the shape they will meet; nothing here ever answers in
// plain text.

package fake

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"unicode/utf8"

	"github.com/goinvites/invites/gen"
)

// Errors returned by [Handler.Accept]; test them with errors.Is.
var (
	ErrNotFound        = errors.New("fake: no invite with this ID")
	ErrAlreadyAccepted = errors.New("fake: invite already accepted")
	ErrExpired         = errors.New("fake: invite expired")
)

// Error types and codes the fake sends, as OpenAI names them.
const (
	typeInvalidRequest = "invalid_request_error"
	typeServer         = "server_error"
	typeRequests       = "requests"

	codeInvalidAPIKey = "invalid_api_key"
	codeDuplicate     = "invite_already_exists"
	codeRateLimit     = "rate_limit_exceeded"
)

// apiError is one error answer. It implements every operation's response
// interface, so operations return it as they would a success.
type apiError struct {
	status  int
	typ     string
	message string
	param   string // "" is sent as null
	code    string // "" is sent as null
	header  http.Header
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func (e *apiError) write(w http.ResponseWriter) error {
	for k, v := range e.header {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.status)
	return json.NewEncoder(w).Encode(gen.ErrorResponse{Error: gen.Error{
		Message: e.message,
		Type:    e.typ,
		Param:   nullable(e.param),
		Code:    nullable(e.code),
	}})
}

func (e *apiError) VisitListInvitesResponse(w http.ResponseWriter) error    { return e.write(w) }
func (e *apiError) VisitInviteUserResponse(w http.ResponseWriter) error     { return e.write(w) }
func (e *apiError) VisitRetrieveInviteResponse(w http.ResponseWriter) error { return e.write(w) }
func (e *apiError) VisitDeleteInviteResponse(w http.ResponseWriter) error   { return e.write(w) }
func (e *apiError) VisitListUsersResponse(w http.ResponseWriter) error      { return e.write(w) }
func (e *apiError) VisitRetrieveUserResponse(w http.ResponseWriter) error   { return e.write(w) }
func (e *apiError) VisitModifyUserResponse(w http.ResponseWriter) error     { return e.write(w) }
func (e *apiError) VisitDeleteUserResponse(w http.ResponseWriter) error     { return e.write(w) }

func (e *apiError) VisitListProjectsResponse(w http.ResponseWriter) error        { return e.write(w) }
func (e *apiError) VisitCreateProjectResponse(w http.ResponseWriter) error       { return e.write(w) }
func (e *apiError) VisitRetrieveProjectResponse(w http.ResponseWriter) error     { return e.write(w) }
func (e *apiError) VisitModifyProjectResponse(w http.ResponseWriter) error       { return e.write(w) }
func (e *apiError) VisitArchiveProjectResponse(w http.ResponseWriter) error      { return e.write(w) }
func (e *apiError) VisitListProjectUsersResponse(w http.ResponseWriter) error    { return e.write(w) }
func (e *apiError) VisitCreateProjectUserResponse(w http.ResponseWriter) error   { return e.write(w) }
func (e *apiError) VisitRetrieveProjectUserResponse(w http.ResponseWriter) error { return e.write(w) }
func (e *apiError) VisitModifyProjectUserResponse(w http.ResponseWriter) error   { return e.write(w) }
func (e *apiError) VisitDeleteProjectUserResponse(w http.ResponseWriter) error   { return e.write(w) }

// maxEcho caps what a message repeats of the request (an ID, an email, a
// field name, a path), so that a 1 MB ID does not come back as a 1 MB
// error. A library's error text, which may hold such a value, gets
// maxEchoError.
const (
	maxEcho      = 64
	maxEchoError = 4 * maxEcho
)

// echoed formats a message whose arguments come from the request, each
// capped: strings at maxEcho runes, anything else at maxEchoError.
func echoed(format string, args ...any) string {
	capped := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case string:
			capped[i] = capRunes(v, maxEcho)
		case fmt.Stringer, error:
			capped[i] = capRunes(fmt.Sprint(v), maxEchoError)
		default:
			capped[i] = a // numbers and the like: short by nature
		}
	}
	return fmt.Sprintf(format, capped...)
}

// capRunes cuts s to n runes, marking the cut with an ellipsis.
func capRunes(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

func badRequest(param, code, format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, typ: typeInvalidRequest, param: capRunes(param, maxEcho), code: code, message: echoed(format, args...)}
}

func inviteNotFound(id string) *apiError {
	return &apiError{status: http.StatusNotFound, typ: typeInvalidRequest, param: "invite_id",
		message: echoed("No invite found with id '%s'.", id)}
}

func userNotFound(id string) *apiError {
	return &apiError{status: http.StatusNotFound, typ: typeInvalidRequest, param: "user_id",
		message: echoed("No user found with id '%s'.", id)}
}

func projectNotFound(id string) *apiError {
	return &apiError{status: http.StatusNotFound, typ: typeInvalidRequest, param: "project_id",
		message: echoed("No project found with id '%s'.", id)}
}

func projectUserNotFound(projectID, userID string) *apiError {
	return &apiError{status: http.StatusNotFound, typ: typeInvalidRequest, param: "user_id",
		message: echoed("No user found with id '%s' in project '%s'.", userID, projectID)}
}

// projectArchived refuses a member call to an archived project with the
// 400 the spec documents; its text and code are not known, so none is
// sent.
func projectArchived(id string) *apiError {
	return badRequest("project_id", "", "Project %s is archived.", id)
}

// notInOrganization refuses to add to a project someone who is not a
// member of the organization, as the API documents; param names the field
// that named them.
func notInOrganization(param, who string) *apiError {
	return badRequest(param, "", "User %s is not a member of this organization; invite them first.", who)
}

// alreadyMember refuses an invite to a member as the real API does: a 400
// whose message says the user already exists in this organization, the text
// clients (a Terraform provider among them) match. Its code is not known,
// so none is sent, and a client cannot come to rely on one.
func alreadyMember(email string) *apiError {
	return badRequest("email", "", "The user %s already exists in this organization.", email)
}

func invalidURL(r *http.Request) *apiError {
	return &apiError{status: http.StatusNotFound, typ: typeInvalidRequest,
		message: echoed("Invalid URL (%s %s)", r.Method, r.URL.Path)}
}

func methodNotAllowed(r *http.Request, allow string) *apiError {
	return &apiError{status: http.StatusMethodNotAllowed, typ: typeInvalidRequest,
		header:  http.Header{"Allow": {allow}},
		message: echoed("Method %s is not allowed for %s.", r.Method, r.URL.Path)}
}

func unauthorized(sent bool) *apiError {
	msg := "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys."
	if !sent {
		msg = "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY)."
	}
	return &apiError{status: http.StatusUnauthorized, typ: typeInvalidRequest, code: codeInvalidAPIKey, message: msg}
}

func serverError(requestID string) *apiError {
	return &apiError{status: http.StatusInternalServerError, typ: typeServer,
		message: "The server had an error while processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if the error persists. (Please include the request ID " + requestID + " in your message.)"}
}

func forbidden() *apiError {
	return &apiError{status: http.StatusForbidden, typ: typeInvalidRequest, code: "insufficient_permissions",
		message: "You have insufficient permissions for this operation. Check that your Admin API key may manage this organization's invites and members."}
}

func unavailable() *apiError {
	return &apiError{status: http.StatusServiceUnavailable, typ: typeServer,
		message: "The server is overloaded or not ready yet."}
}
