package main

import (
	"errors"
	"fmt"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorsAreToldByTheirType(t *testing.T) {
	t.Parallel()
	// An API's message is printed as the API wrote it, "invites: " and all.
	apiErr := &client.APIError{StatusCode: 400, Message: "invites: an email may appear once", Code: "duplicate", RequestID: "req_1"}
	assert.Equal(t, "400 Bad Request: invites: an email may appear once [duplicate] (request req_1)",
		describeError(fmt.Errorf("deleting invite-x: %w", apiErr)))

	var invalid *client.ValidationError
	require.ErrorAs(t, client.ValidateInviteID(".."), &invalid)
	assert.Equal(t, `invalid id "..": `+invalid.Reason, describeError(invalid))
	assert.Equal(t, "id is empty", describeError(&usageError{client.ValidateInviteID("")}), "a usage error adds no words")

	// Anything else loses the client's prefix once, at the start only.
	assert.Equal(t, "no match: no invite for client: x", describeError(errors.New("client: no match: no invite for client: x")))
	assert.Equal(t, "reading stdin: invites: y", describeError(errors.New("reading stdin: invites: y")))
}
