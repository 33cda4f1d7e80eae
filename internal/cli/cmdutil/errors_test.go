package cmdutil

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorsAreToldByTheirType(t *testing.T) {
	t.Parallel()
	// An API's message is printed as the API wrote it, "invites: " and all.
	apiErr := &client.APIError{StatusCode: 400, Message: "invites: an email may appear once", Code: "duplicate", RequestID: "req_1"}
	assert.Equal(t, "400 Bad Request: invites: an email may appear once [duplicate] (request req_1)",
		DescribeError(fmt.Errorf("deleting invite-x: %w", apiErr)))

	var invalid *client.ValidationError
	require.ErrorAs(t, client.ValidateInviteID(".."), &invalid)
	assert.Equal(t, `invalid id "..": `+invalid.Reason, DescribeError(invalid))
	assert.Equal(t, "id is empty", DescribeError(&UsageError{client.ValidateInviteID("")}), "a usage error adds no words")

	// A wait the client declined is told from the error's fields.
	declined := &client.RateLimitError{Reason: client.RateLimitPastMaxWait, RetryAfter: 6937 * time.Millisecond, Source: client.WaitFromMessage}
	assert.Equal(t, "rate limited, nothing sent: the wait is longer than the command waits; the API's message asks to wait 6.937s",
		DescribeError(fmt.Errorf("creating: %w", declined)))

	// Anything else loses the client's prefix once, at the start only.
	assert.Equal(t, "no match: no invite for client: x", DescribeError(errors.New("client: no match: no invite for client: x")))
	assert.Equal(t, "reading stdin: invites: y", DescribeError(errors.New("reading stdin: invites: y")))
}
