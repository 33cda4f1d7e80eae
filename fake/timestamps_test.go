package fake

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTimestampStyles(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		style            TimestampStyle
		created, invited bool
	}{
		{CreatedAt, true, false},
		{CreatedAndInvitedAt, true, true},
		{InvitedAtOnly, false, true},
	} {
		s := NewServer(t, WithNow(epoch), WithTimestamps(c.style))
		// A plain client: InvitedAtOnly answers are outside the spec on purpose.
		get := func(method, path, body string) map[string]json.RawMessage {
			req, err := http.NewRequestWithContext(t.Context(), method, s.URL()+path, strings.NewReader(body))
			require.NoError(t, err)
			req.Header.Set("Authorization", "Bearer "+s.Key())
			req.Header.Set("Content-Type", "application/json")
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			data, err := io.ReadAll(resp.Body)
			require.NoError(t, err)
			var m map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(data, &m), string(data))
			return m
		}
		created := get(http.MethodPost, invitesPath, `{"email":"ts@example.com","role":"reader"}`)
		var list struct{ Data []map[string]json.RawMessage }
		require.NoError(t, json.Unmarshal(get(http.MethodGet, invitesPath, "")["data"], &list.Data))
		var id string
		require.NoError(t, json.Unmarshal(created["id"], &id))
		for _, inv := range []map[string]json.RawMessage{created, list.Data[0], get(http.MethodGet, invitesPath+"/"+id, "")} {
			_, hasCreated := inv["created_at"]
			assert.Equal(t, c.created, hasCreated, "style %d: created_at", c.style)
			if c.invited {
				assert.Equal(t, "1767323045", string(inv["invited_at"]), "style %d", c.style)
			} else {
				assert.NotContains(t, inv, "invited_at")
			}
		}
		errBody := get(http.MethodGet, invitesPath+"/invite-none", "")
		assert.Contains(t, errBody, "error", "errors pass through untouched")
	}
}

func TestRenameTimestampsKeepsOtherBodies(t *testing.T) {
	t.Parallel()
	for _, body := range []string{`not json`, `{"object":"organization.invite.deleted","id":"x","deleted":true}`} {
		out := renameTimestamps([]byte(body), InvitedAtOnly)
		if json.Valid([]byte(body)) {
			assert.JSONEq(t, body, string(out))
		} else {
			assert.Equal(t, body, string(out))
		}
	}
}
