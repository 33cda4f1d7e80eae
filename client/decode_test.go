package client

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGetDecodesEveryShapeTheAPISends(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		body string
		want Invite
	}{
		{"full", `{"object":"organization.invite","id":"invite-1","email":"a@example.com","role":"owner","status":"accepted",
			"created_at":1711471533,"expires_at":1712076333,"accepted_at":1711471600,"projects":[{"id":"proj_1","role":"member"}]}`,
			Invite{ID: "invite-1", Email: "a@example.com", Role: RoleOwner, Status: StatusAccepted,
				CreatedAt: time.Unix(1711471533, 0).UTC(), ExpiresAt: time.Unix(1712076333, 0).UTC(), AcceptedAt: time.Unix(1711471600, 0).UTC(),
				Projects: []ProjectGrant{{ID: "proj_1", Role: ProjectRoleMember}}}},
		{"nulls stay zero", `{"id":"i","email":"e@x.io","role":"reader","status":"pending","created_at":5,"expires_at":null,"accepted_at":null,"projects":[]}`,
			Invite{ID: "i", Email: "e@x.io", Role: RoleReader, Status: StatusPending, CreatedAt: time.Unix(5, 0).UTC(), Projects: []ProjectGrant{}}},
		{"old name invited_at", `{"id":"i","invited_at":1711471533,"expires_at":null}`,
			Invite{ID: "i", CreatedAt: time.Unix(1711471533, 0).UTC()}},
		{"created_at wins over invited_at", `{"id":"i","created_at":7,"invited_at":9}`,
			Invite{ID: "i", CreatedAt: time.Unix(7, 0).UTC()}},
		{"Unix 0 is not null", `{"id":"i","created_at":0,"accepted_at":0}`,
			Invite{ID: "i", CreatedAt: time.Unix(0, 0).UTC(), AcceptedAt: time.Unix(0, 0).UTC()}},
		{"odd numbers and unknown fields", `{"id":"i","created_at":1.7e9,"expires_at":"12","extra":{"x":[1,2]},"role":"admin","status":"weird"}`,
			Invite{ID: "i", Role: "admin", Status: "weird", CreatedAt: time.Unix(1.7e9, 0).UTC(), ExpiresAt: time.Unix(12, 0).UTC()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			play(mux, reply(http.StatusOK, tc.body))
			got, resp, err := c.Invites.Get(ctx(t), "i")
			require.NoError(t, err)
			assert.Equal(t, tc.want, *got)
			assert.Equal(t, "req_200", resp.RequestID)
			assert.Equal(t, 1, resp.Attempts)
		})
	}
}

func TestZeroTimeMeansNull(t *testing.T) {
	t.Parallel()
	var inv Invite
	err := decodeInvite([]byte(`{"created_at":0,"expires_at":null}`), &inv)
	require.NoError(t, err)
	assert.False(t, inv.CreatedAt.IsZero(), "0 seconds is 1970, a real time")
	assert.True(t, inv.ExpiresAt.IsZero(), "null is the zero time")
	assert.True(t, inv.AcceptedAt.IsZero(), "absent is the zero time")
}

func TestBadBodiesBecomeErrorsThatKeepStatusAndRequestID(t *testing.T) {
	t.Parallel()
	huge := `{"id":"` + string(make([]byte, maxInviteBody)) + `"}`
	for _, tc := range []struct{ name, body string }{
		{"html", "<html>bad gateway</html>"},
		{"truncated", `{"id":"invite-1","email":`},
		{"null", "null"},
		{"array", "[]"},
		{"empty", ""},
		{"wrong types", `{"id":5}`},
		{"timestamp overflow", `{"created_at":1e300}`},
		{"too large", huge},
		{"trailing data", `{"id":"i"} {"id":"j"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			play(mux, reply(http.StatusOK, tc.body))
			inv, resp, err := c.Invites.Get(ctx(t), "i")
			assert.Nil(t, inv)
			require.ErrorIs(t, err, ErrMalformedResponse)
			var de *DecodeError
			require.ErrorAs(t, err, &de)
			assert.Equal(t, http.StatusOK, de.StatusCode)
			assert.Equal(t, "req_200", de.RequestID)
			assert.LessOrEqual(t, len(de.Body), maxErrorExcerpt)
			assert.Equal(t, "req_200", resp.RequestID)
			assert.Contains(t, err.Error(), "req_200")
		})
	}
}

func TestBodyCutShortOrMalformedIsRetriedForGet(t *testing.T) {
	t.Parallel()
	for name, bad := range map[string]http.HandlerFunc{
		"cut off by the connection": cutBody,
		"JSON cut short":            reply(http.StatusOK, `{"id":"i","email":`),
		"not JSON":                  reply(http.StatusOK, `<html>`),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			play(mux, bad, reply(http.StatusOK, inviteJSON("i", "a@example.com", 1)))
			inv, resp, err := c.Invites.Get(ctx(t), "i")
			require.NoError(t, err)
			assert.Equal(t, "i", inv.ID)
			assert.Equal(t, 2, resp.Attempts)
			c, mux, _ = setup(t)
			play(mux, bad, reply(http.StatusOK, `{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}`))
			_, resp, err = c.Invites.List(ctx(t), ListParams{})
			require.NoError(t, err, "a list page too")
			assert.Equal(t, 2, resp.Attempts)
		})
	}
}

func TestADeleteAnswered2xxIsDoneWhateverItsBody(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	play(mux, cutBody)
	resp, err := c.Invites.Delete(ctx(t), "invite-1")
	require.NoError(t, err)
	assert.Equal(t, 1, resp.Attempts)
}

func TestListDecodesNullCursors(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	s := play(mux, reply(http.StatusOK, `{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}`))
	page, _, err := c.Invites.List(ctx(t), ListParams{})
	require.NoError(t, err)
	assert.Equal(t, Page{Invites: []Invite{}}, *page)
	assert.Equal(t, "/v1/organization/invites", s.requests()[0].URI, "limit 0 leaves the default to the server")
}

func FuzzDecodeInvite(f *testing.F) {
	f.Add([]byte(inviteJSON("invite-1", "a@example.com", 1711471533)))
	f.Add([]byte(`{"invited_at":1.5e9,"expires_at":"7","projects":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var inv Invite
		err := decodeInvite(body, &inv)
		if err != nil {
			return
		}
		for _, ts := range []time.Time{inv.CreatedAt, inv.ExpiresAt, inv.AcceptedAt} {
			if !ts.IsZero() && ts.Location() != time.UTC {
				t.Fatalf("time not in UTC: %v", ts)
			}
		}
	})
}

// FuzzDecodePage decodes and checks one page as List does: a page that
// passes the check is whole, and its cursor says honestly whether more
// follow.
func FuzzDecodePage(f *testing.F) {
	f.Add([]byte(`{"object":"list","data":[`+inviteJSON("a", "a@example.com", 1)+`],"first_id":"a","last_id":"a","has_more":true}`), "")
	f.Add([]byte(`{"data":[],"first_id":null,"last_id":null,"has_more":false}`), "")
	f.Add([]byte(`{"data":null,"has_more":false}`), "")
	f.Add([]byte(`{"data":[],"has_more":true,"last_id":"b"}`), "a")
	f.Fuzz(func(t *testing.T, body []byte, after string) {
		page, err := decodeList(body, (*wireInvite).invite)
		if err != nil {
			return
		}
		err = invitesList.check(after, &page, &Response{})
		if err != nil {
			var ire *IncompleteReadError
			if !errors.As(err, &ire) || !errors.Is(err, ErrIncompleteRead) {
				t.Fatalf("check failed with %v, not an *IncompleteReadError", err)
			}
			return
		}
		switch {
		case page.items == nil:
			t.Fatalf("a page without data passed: %s", body)
		case page.hasMore && (page.next == "" || page.next == after):
			t.Fatalf("has_more, but the cursor %q does not move past %q", page.next, after)
		case !page.hasMore && page.next != "":
			t.Fatalf("cursor %q after the last page", page.next)
		}
	})
}
