package client

import (
	"io"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEachMethodCallsItsEndpoint(t *testing.T) {
	t.Parallel()
	list := `{"object":"list","data":[` + inviteJSON("invite-1", "a@example.com", 1) + `],"first_id":"invite-1","last_id":"invite-1","has_more":false}`
	for _, tc := range []struct {
		name, pattern, wantQuery, wantBody, reply string
		call                                      func(*Client) error
	}{
		{"Get", "GET /v1/organization/invites/invite-1", "", "", inviteJSON("invite-1", "a@example.com", 1),
			func(c *Client) error { _, _, err := c.Invites.Get(ctx(t), "invite-1"); return err }},
		{"List", "GET /v1/organization/invites", "limit=5&after=invite-0", "", list,
			func(c *Client) error {
				_, _, err := c.Invites.List(ctx(t), ListParams{Limit: 5, After: "invite-0"})
				return err
			}},
		{"All", "GET /v1/organization/invites", "limit=100", "", list,
			func(c *Client) error { return firstErr(c, AllParams{}) }},
		{"Create", "POST /v1/organization/invites", "", `{"email":"a@example.com","role":"owner"}`, inviteJSON("invite-1", "a@example.com", 1),
			func(c *Client) error {
				_, _, err := c.Invites.Create(ctx(t), CreateParams{Email: "a@example.com", Role: RoleOwner})
				return err
			}},
		{"Delete", "DELETE /v1/organization/invites/invite-1", "", "", `{"object":"organization.invite.deleted","id":"invite-1","deleted":true}`,
			func(c *Client) error { _, err := c.Invites.Delete(ctx(t), "invite-1"); return err }},
		{"FindByEmail", "GET /v1/organization/invites", "limit=100", "", list,
			func(c *Client) error { _, _, err := c.Invites.FindByEmail(ctx(t), "A@example.com"); return err }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			var calls atomic.Int32
			mux.HandleFunc(tc.pattern, func(w http.ResponseWriter, r *http.Request) {
				calls.Add(1)
				body, _ := io.ReadAll(r.Body)
				assert.Equal(t, tc.wantQuery, r.URL.RawQuery)
				assert.Equal(t, tc.wantBody, string(body))
				assert.Equal(t, "Bearer "+testKey, r.Header.Get("Authorization"))
				_, _ = io.WriteString(w, tc.reply)
			})
			require.NoError(t, tc.call(c))
			assert.Equal(t, int32(1), calls.Load())
		})
	}
}
