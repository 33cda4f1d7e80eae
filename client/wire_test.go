package client

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestIDsStayOneEscapedPathSegment(t *testing.T) {
	t.Parallel()
	for id, want := range map[string]string{
		"invite-abc": "/v1/organization/invites/invite-abc",
		"a/b":        "/v1/organization/invites/a%2Fb",
		"a?b":        "/v1/organization/invites/a%3Fb",
		"a#b":        "/v1/organization/invites/a%23b",
		"a%2Fb":      "/v1/organization/invites/a%252Fb",
		"a b":        "/v1/organization/invites/a%20b",
		"../x":       "/v1/organization/invites/..%2Fx",
		"...":        "/v1/organization/invites/...",
		"%2e%2e":     "/v1/organization/invites/%252e%252e",
		"ünïcode":    "/v1/organization/invites/%C3%BCn%C3%AFcode",
		"a;b=c&d":    "/v1/organization/invites/a%3Bb=c&d",
	} {
		t.Run(id, func(t *testing.T) {
			t.Parallel()
			_, mux, url := setup(t)
			s := play(mux, reply(http.StatusOK, `{"object":"organization.invite.deleted","id":"x","deleted":true}`))
			c := newTestClient(t, url+"/v1/") // the trailing slash is not doubled
			_, err := c.Invites.Delete(ctx(t), id)
			require.NoError(t, err)
			_, _, _ = c.Invites.Get(ctx(t), id)
			reqs := s.requests()
			require.Len(t, reqs, 2)
			assert.Equal(t, want, reqs[0].URI)
			assert.Equal(t, http.MethodDelete, reqs[0].Method)
			assert.Equal(t, want, reqs[1].URI)
		})
	}
}

func TestCreateBodyOnTheWire(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		projects []ProjectGrant
		want     string
	}{
		{"nil projects are omitted (default project)", nil, `{"email":"a@example.com","role":"reader"}`},
		{"empty projects are sent empty (no project)", []ProjectGrant{}, `{"email":"a@example.com","projects":[],"role":"reader"}`},
		{"projects listed", []ProjectGrant{{"proj_1", ProjectOwner}, {"proj_2", ProjectMember}},
			`{"email":"a@example.com","projects":[{"id":"proj_1","role":"owner"},{"id":"proj_2","role":"member"}],"role":"reader"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			s := play(mux, reply(http.StatusCreated, inviteJSON("invite-1", "a@example.com", 1)))
			inv, resp, err := c.Invites.Create(ctx(t), CreateParams{Email: "a@example.com", Role: RoleReader, Projects: tc.projects})
			require.NoError(t, err, "any 2xx is success")
			assert.Equal(t, "invite-1", inv.ID)
			assert.Equal(t, http.StatusCreated, resp.StatusCode)
			reqs := s.requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, http.MethodPost, reqs[0].Method)
			assert.Equal(t, "/v1/organization/invites", reqs[0].URI)
			assert.JSONEq(t, tc.want, reqs[0].Body)
			assert.Equal(t, tc.want, reqs[0].Body, "exact bytes")
		})
	}
}

func TestListQuery(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	s := play(mux, reply(http.StatusOK, `{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}`))
	_, _, err := c.Invites.List(ctx(t), ListParams{Limit: 100, After: "invite a&b"})
	require.NoError(t, err)
	assert.Equal(t, "/v1/organization/invites?limit=100&after=invite+a%26b", s.requests()[0].URI)
}

func TestInvalidInputIsRejectedBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	s := play(mux, reply(http.StatusOK, "{}"))
	ok := CreateParams{Email: "a@example.com", Role: RoleReader}
	with := func(f func(*CreateParams)) CreateParams { p := ok; f(&p); return p }
	calls := map[string]func() error{
		"get empty id":      func() error { _, _, err := c.Invites.Get(ctx(t), ""); return err },
		"get dot":           func() error { _, _, err := c.Invites.Get(ctx(t), "."); return err },
		"get dot dot":       func() error { _, _, err := c.Invites.Get(ctx(t), ".."); return err },
		"delete empty id":   func() error { _, err := c.Invites.Delete(ctx(t), ""); return err },
		"delete dot dot":    func() error { _, err := c.Invites.Delete(ctx(t), ".."); return err },
		"list limit -1":     func() error { _, _, err := c.Invites.List(ctx(t), ListParams{Limit: -1}); return err },
		"list limit 101":    func() error { _, _, err := c.Invites.List(ctx(t), ListParams{Limit: 101}); return err },
		"all page size 101": func() error { return firstErr(c, AllParams{Limit: 101}) },
		"all bad status":    func() error { return firstErr(c, AllParams{Status: "open"}) },
		"create no email": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Email = "" }))
			return err
		},
		"create bad email": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Email = "not-an-email" }))
			return err
		},
		"create named email": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Email = "A <a@example.com>" }))
			return err
		},
		"create no role": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Role = "" }))
			return err
		},
		"create bad role": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Role = "admin" }))
			return err
		},
		"create empty project id": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Projects = []ProjectGrant{{"", ProjectMember}} }))
			return err
		},
		"create bad project role": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Projects = []ProjectGrant{{"proj_1", "viewer"}} }))
			return err
		},
		"find bad email":      func() error { _, _, err := c.Invites.FindByEmail(ctx(t), "a@"); return err },
		"find dotless domain": func() error { _, _, err := c.Invites.FindByEmail(ctx(t), "a@localhost"); return err },
		"create quoted email": func() error {
			_, _, err := c.Invites.Create(ctx(t), with(func(p *CreateParams) { p.Email = `"a b"@example.com` }))
			return err
		},
		"ensure bad role": func() error {
			_, _, err := c.Invites.Ensure(ctx(t), with(func(p *CreateParams) { p.Role = "x" }))
			return err
		},
		"bad call header": func() error {
			_, _, err := c.Invites.Get(ctx(t), "invite-1", WithCallHeader("X-A", "a\nb"))
			return err
		},
	}
	for name, call := range calls {
		err := call()
		require.ErrorIs(t, err, ErrInvalidInput, name)
		var ve *ValidationError
		require.ErrorAs(t, err, &ve, name)
		assert.NotEmpty(t, ve.Field, name)
	}
	assert.Empty(t, s.requests(), "no request for input the API must reject")
}

// firstErr is what All yields first: an error, or nil with an invite.
func firstErr(c *Client, p AllParams) error {
	for _, err := range c.Invites.All(context.Background(), p) {
		return err
	}
	return errors.New("no error yielded")
}
