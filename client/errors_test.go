package client

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNon2xxBecomesAPIError(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		status   int
		body     string
		sentinel error
		message  string
	}{
		{400, `{"error":{"message":"Cannot delete an accepted invite","type":"invalid_request_error","param":"invite_id","code":"invite_accepted"}}`, ErrInvalidRequest, "Cannot delete an accepted invite"},
		{401, apiErr("Incorrect API key provided", "invalid_request_error"), ErrUnauthorized, "Incorrect API key provided"},
		{403, apiErr("You do not have access", "invalid_request_error"), ErrPermission, "You do not have access"},
		{404, apiErr("No invite found", "invalid_request_error"), ErrNotFound, "No invite found"},
		{409, apiErr("User is already invited", "invalid_request_error"), ErrConflict, "User is already invited"},
		{422, `{"error":"unprocessable"}`, ErrInvalidRequest, "Unprocessable Entity"},
		{429, apiErr("Rate limit reached", "requests"), ErrRateLimited, "Rate limit reached"},
		{500, "<html>oops</html>", ErrServer, "Internal Server Error"},
		{501, "", ErrServer, "Not Implemented"},
		{418, "teapot", nil, "I'm a teapot"},
	} {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			play(mux, reply(tc.status, tc.body, "X-Should-Retry", "false"))
			_, resp, err := c.Invites.Get(ctx(t), "invite-1")
			var ae *APIError
			require.ErrorAs(t, err, &ae)
			assert.Equal(t, tc.status, ae.StatusCode)
			assert.Equal(t, tc.message, ae.Message)
			assert.Equal(t, "req_"+strconv.Itoa(tc.status), ae.RequestID)
			assert.Equal(t, excerpt([]byte(tc.body), 1024), ae.Body)
			if tc.sentinel != nil {
				require.ErrorIs(t, err, tc.sentinel)
			}
			for _, other := range []error{ErrInvalidRequest, ErrUnauthorized, ErrPermission, ErrNotFound, ErrConflict, ErrRateLimited, ErrServer} {
				if !errors.Is(other, tc.sentinel) {
					require.NotErrorIs(t, err, other)
				}
			}
			assert.NotContains(t, err.Error(), "\n")
			assert.Contains(t, err.Error(), strconv.Itoa(tc.status))
			assert.Contains(t, err.Error(), tc.message)
			assert.Contains(t, err.Error(), ae.RequestID)
			assert.Equal(t, tc.status, resp.StatusCode)
			assert.Equal(t, ae.RequestID, resp.RequestID)
		})
	}
}

func TestAPIErrorFields(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	play(mux, reply(http.StatusBadRequest,
		`{"error":{"message":"bad\nrole","type":"invalid_request_error","param":"role","code":"invalid_value"}}`,
		"X-Ratelimit-Limit-Requests", "10", "X-Ratelimit-Remaining-Requests", "0", "X-Ratelimit-Reset-Requests", "6.937s"))
	_, err := c.Invites.Delete(ctx(t), "invite-1")
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Equal(t, "invalid_request_error", ae.Type)
	assert.Equal(t, "role", ae.Param)
	assert.Equal(t, "invalid_value", ae.Code)
	assert.Equal(t, RateLimit{Limit: 10, Remaining: 0, Reset: 6937 * time.Millisecond, RawLimit: "10", RawRemaining: "0", RawReset: "6.937s"}, ae.RateLimit)
	assert.Equal(t, "400 Bad Request: bad role (request req_400)", err.Error())
}

func TestErrorBodyIsBounded(t *testing.T) {
	t.Parallel()
	big := `{"error":{"message":"` + strings.Repeat("é", 100_000) + `","type":"server_error"}}`
	c, mux, _ := setup(t)
	play(mux, reply(http.StatusBadRequest, big))
	_, _, err := c.Invites.Get(ctx(t), "x")
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.LessOrEqual(t, len(ae.Body), maxErrorExcerpt)
	assert.Less(t, len(err.Error()), 400)
	assert.Equal(t, "Bad Request", ae.Message, "a body past the cap is not parsed")
}

func TestSentinelsAreDistinct(t *testing.T) {
	t.Parallel()
	all := []error{ErrInvalidRequest, ErrUnauthorized, ErrPermission, ErrNotFound, ErrConflict, ErrRateLimited,
		ErrServer, ErrInvalidInput, ErrMismatch, ErrMalformedResponse, ErrPagination, ErrOutcomeUnknown, ErrNoAPIKey, ErrNoMatch, ErrAlreadyMember, ErrLookalike,
		ErrNotSent, ErrIncompleteRead, ErrNilContext, ErrZeroClient,
		ErrAmbiguousName, ErrAlreadyInProject, ErrNotOrgMember, ErrNotInProject, ErrProjectArchived}
	for i, a := range all {
		for j, b := range all {
			assert.Equal(t, i == j, errors.Is(a, b))
		}
	}
}

// TestErrorsSayWhereTheyCameFromOnce holds the package's rule: sentinels
// and what is built on them begin with "client: ", once; the failure types
// have no prefix, so a caller can put them in its own message as they are.
func TestErrorsSayWhereTheyCameFromOnce(t *testing.T) {
	t.Parallel()
	for _, err := range []error{ErrInvalidRequest, ErrUnauthorized, ErrPermission, ErrNotFound, ErrConflict, ErrRateLimited,
		ErrServer, ErrInvalidInput, ErrMismatch, ErrMalformedResponse, ErrPagination, ErrOutcomeUnknown, ErrNoAPIKey, ErrNoMatch, ErrInsecureHTTP, ErrLookalike,
		ErrNotSent, ErrIncompleteRead, ErrNilContext, ErrZeroClient, &OutcomeUnknownError{Err: errors.New("x")},
		ErrAmbiguousName, ErrAlreadyInProject, ErrNotOrgMember, ErrNotInProject, ErrProjectArchived} {
		assert.True(t, strings.HasPrefix(err.Error(), "client: "), err.Error())
	}
	for _, err := range []error{
		&APIError{StatusCode: 404, Message: "No invite found", RequestID: "req_1"},
		&DecodeError{StatusCode: 200, Err: errors.New("unexpected end of JSON input")},
		ValidateEmail("ada@"),
		&MismatchError{Existing: Invite{ID: "invite-1", Email: "ada@example.com"}, Fields: []string{"role"}},
		&RateLimitError{Reason: RateLimitPastDeadline, RetryAfter: time.Second, Source: WaitFromMessage},
		&IncompleteReadError{List: "invites", After: "invite-9", Reason: EmptyPageWithMore},
		&AmbiguousNameError{Name: "Support", IDs: []string{"proj_a", "proj_b"}},
		&AlreadyInProjectError{Existing: ProjectMember{ProjectID: "proj_a", UserID: "user-ada", Role: ProjectRoleMember}, Wanted: ProjectRoleOwner},
	} {
		assert.NotContains(t, err.Error(), "client: ", err.Error())
	}
	// A create whose look-up fails: the sentinel leads, the look-up's
	// APIError follows without a second prefix.
	c, mux, _ := setup(t)
	play(mux, reply(500, apiErr("boom", "server_error")), reply(401, apiErr("bad key", "invalid_request_error")))
	_, _, err := c.Invites.Create(ctx(t), reader)
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.True(t, strings.HasPrefix(err.Error(), "client: create outcome unknown: "), err.Error())
	assert.Equal(t, 1, strings.Count(err.Error(), "client: "), err.Error())
	assert.Contains(t, err.Error(), "401 Unauthorized: bad key (request req_401)")
}

// An invite refused because the email has a pending invite is said with a
// 409, or with a 400 whose code says so; a member's email, another 400 or
// another status is something else.
func TestErrAlreadyInvitedMatchesBothWaysTheAPISaysIt(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		err  APIError
		want bool
	}{
		{APIError{StatusCode: http.StatusConflict, Code: "invite_already_exists"}, true},
		{APIError{StatusCode: http.StatusConflict}, true},
		{APIError{StatusCode: http.StatusBadRequest, Code: "invite_already_exists"}, true},
		{APIError{StatusCode: http.StatusBadRequest, Code: "invalid_email"}, false},
		{APIError{StatusCode: http.StatusBadRequest, Message: "User ada@example.com already exists in this organization."}, false},
		{APIError{StatusCode: http.StatusUnprocessableEntity, Code: "invite_already_exists"}, false},
		{APIError{StatusCode: http.StatusInternalServerError}, false},
	} {
		err := errors.Join(errors.New("creating ada@example.com"), &tc.err)
		assert.Equal(t, tc.want, errors.Is(err, ErrAlreadyInvited), "%d %q %q", tc.err.StatusCode, tc.err.Code, tc.err.Message)
	}
	assert.False(t, errors.Is(ErrAlreadyInvited, ErrAlreadyMember) || errors.Is(ErrAlreadyInvited, ErrConflict), "a sentinel of its own")
	assert.True(t, strings.HasPrefix(ErrAlreadyInvited.Error(), "client: "))
}

func TestInviteToAMemberMatchesErrAlreadyMember(t *testing.T) {
	t.Parallel()
	s := newFake(t, fake.WithMembers(fake.Member{ID: "user-ada", Email: "ada@example.com", Role: "reader"}))
	c := newTestClient(t, s.URL())
	_, _, err := c.Invites.Create(ctx(t), CreateParams{Email: "Ada@example.com", Role: RoleReader})
	require.ErrorIs(t, err, ErrAlreadyMember)
	require.ErrorIs(t, err, ErrInvalidRequest)
	assert.Equal(t, 1, requests(s, http.MethodPost), "a refusal is final")

	_, _, err = c.Invites.Create(ctx(t), CreateParams{Email: "grace@example.com", Role: RoleReader})
	require.NoError(t, err)
	_, _, err = c.Invites.Create(ctx(t), CreateParams{Email: "grace@example.com", Role: RoleReader})
	require.NotErrorIs(t, err, ErrAlreadyMember, "a second invite is refused for another reason")
}
