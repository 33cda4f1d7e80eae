// The API once named an invite's send time invited_at, and older responses
// still do; clients must accept both. These styles let a test serve either.

package fake

import (
	"bytes"
	"encoding/json"

	"github.com/goinvites/invites/gen"
)

// TimestampStyle says under which name the fake sends an invite's send time.
type TimestampStyle int

const (
	// CreatedAt sends created_at only, as the current API does.
	CreatedAt TimestampStyle = iota
	// CreatedAndInvitedAt sends both names with the same value.
	CreatedAndInvitedAt
	// InvitedAtOnly sends invited_at only, as older responses did. Such
	// answers do not validate against the spec, which requires
	// created_at: that is the point.
	InvitedAtOnly
)

// WithTimestamps sets the name of the send time in answers; CreatedAt by
// default.
func WithTimestamps(style TimestampStyle) Option { return func(c *config) { c.timestamps = style } }

// renameTimestamps rewrites the invites in a JSON answer to style; any
// other body is returned as it was.
func renameTimestamps(body []byte, style TimestampStyle) []byte {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v map[string]any
	if dec.Decode(&v) != nil {
		return body
	}
	invites := []any{v}
	if data, ok := v["data"].([]any); ok {
		invites = data
	}
	for _, item := range invites {
		inv, ok := item.(map[string]any)
		if !ok || inv["object"] != string(gen.InviteObjectOrganizationInvite) {
			continue
		}
		inv["invited_at"] = inv["created_at"]
		if style == InvitedAtOnly {
			delete(inv, "created_at")
		}
	}
	out, err := json.Marshal(v)
	if err != nil {
		return body
	}
	return append(out, '\n')
}
