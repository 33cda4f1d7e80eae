package fake

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goinvites/invites/gen"
)

var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func TestOperations(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithNow(epoch))
	inv := tt.create("Ada@example.com")
	assert.True(t, strings.HasPrefix(inv.ID, "invite-"), inv.ID)
	assert.Equal(t, gen.InviteStatusPending, inv.Status)
	assert.Equal(t, epoch.Unix(), inv.CreatedAt)
	require.NotNil(t, inv.ExpiresAt)
	assert.Equal(t, epoch.Add(DefaultExpiry).Unix(), *inv.ExpiresAt)
	assert.Nil(t, inv.AcceptedAt)
	assert.Equal(t, []gen.InviteProject{}, inv.Projects)

	got := tt.do(http.MethodGet, "/organization/invites/"+inv.ID, "")
	require.Equal(t, http.StatusOK, got.status)
	var again gen.Invite
	got.decode(t, &again)
	assert.Equal(t, inv, again)

	l := tt.list("")
	require.Len(t, l.Data, 1)
	assert.Equal(t, inv.ID, *l.FirstID)
	assert.Equal(t, inv.ID, *l.LastID)
	assert.False(t, l.HasMore)

	del := tt.do(http.MethodDelete, "/organization/invites/"+inv.ID, "")
	require.Equal(t, http.StatusOK, del.status)
	var d gen.InviteDeleteResponse
	del.decode(t, &d)
	assert.Equal(t, gen.InviteDeleteResponse{Object: gen.InviteDeleteResponseObjectOrganizationInviteDeleted, ID: inv.ID, Deleted: true}, d)
	assert.Empty(t, s.Invites())
	assert.Equal(t, 1, s.CreatedFor("ada@EXAMPLE.com"))
}

func TestExplicitNulls(t *testing.T) {
	t.Parallel()
	tt, _ := newTester(t)
	r := tt.do(http.MethodGet, "/organization/invites", "")
	assert.JSONEq(t, `{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}`, string(r.body))
	tt.create("n@example.com")
	r = tt.do(http.MethodGet, "/organization/invites", "")
	var raw struct{ Data []map[string]json.RawMessage }
	r.decode(t, &raw)
	assert.Equal(t, "null", string(raw.Data[0]["accepted_at"]))
	assert.Equal(t, "[]", string(raw.Data[0]["projects"]))
}

func TestProjects(t *testing.T) {
	t.Parallel()
	tt, _ := newTester(t, WithDefaultProjects(ProjectGrant{ID: "proj_default", Role: "member"}))
	cases := map[string]struct {
		projects string
		want     []gen.InviteProject
	}{
		"omitted": {"", []gen.InviteProject{{ID: "proj_default", Role: gen.ProjectRoleMember}}},
		"empty":   {`,"projects":[]`, []gen.InviteProject{}},
		"given":   {`,"projects":[{"id":"proj_a","role":"owner"}]`, []gen.InviteProject{{ID: "proj_a", Role: gen.ProjectRoleOwner}}},
	}
	for name, c := range cases {
		r := tt.do(http.MethodPost, "/organization/invites", `{"email":"`+name+`@example.com","role":"owner"`+c.projects+`}`)
		require.Equal(t, http.StatusOK, r.status, string(r.body))
		var inv gen.Invite
		r.decode(t, &inv)
		assert.Equal(t, c.want, inv.Projects, name)
	}
}

func TestCreateStatus201(t *testing.T) {
	t.Parallel()
	tt, _ := newTester(t, WithCreateStatus(http.StatusCreated))
	r := tt.do(http.MethodPost, "/organization/invites", `{"email":"c@example.com","role":"reader"}`)
	assert.Equal(t, http.StatusCreated, r.status)
}

func TestErrors(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithNow(epoch))
	pending := tt.create("dup@example.com")
	accepted := tt.create("acc@example.com")
	require.NoError(t, s.Accept(accepted.ID))
	const invites = "/organization/invites"
	cases := []struct {
		name, method, path, body string
		status                   int
		typ, param, code         string
	}{
		{"limit low", "GET", invites + "?limit=0", "", 400, typeInvalidRequest, "limit", "integer_below_min_value"},
		{"limit high", "GET", invites + "?limit=101", "", 400, typeInvalidRequest, "limit", "integer_above_max_value"},
		{"limit text", "GET", invites + "?limit=ten", "", 400, typeInvalidRequest, "limit", "invalid_type"},
		{"after unknown", "GET", invites + "?after=invite-nope", "", 400, typeInvalidRequest, "after", ""},
		{"no role", "POST", invites, `{"email":"a@example.com"}`, 400, typeInvalidRequest, "role", "missing_required_parameter"},
		{"no email", "POST", invites, `{"role":"reader"}`, 400, typeInvalidRequest, "email", "missing_required_parameter"},
		{"bad email", "POST", invites, `{"email":"nobody","role":"reader"}`, 400, typeInvalidRequest, "email", "invalid_value"},
		{"bad role", "POST", invites, `{"email":"a@example.com","role":"admin"}`, 400, typeInvalidRequest, "role", "invalid_value"},
		{"bad project role", "POST", invites, `{"email":"a@example.com","role":"reader","projects":[{"id":"p","role":"boss"}]}`, 400, typeInvalidRequest, "projects[0].role", "invalid_value"},
		{"email type", "POST", invites, `{"email":7,"role":"reader"}`, 400, typeInvalidRequest, "email", "invalid_type"},
		{"not json", "POST", invites, `{"email":`, 400, typeInvalidRequest, "", ""},
		{"no body", "POST", invites, "", 400, typeInvalidRequest, "", ""},
		{"duplicate", "POST", invites, `{"email":"DUP@example.com","role":"reader"}`, 400, typeInvalidRequest, "email", codeDuplicate},
		{"retrieve unknown", "GET", invites + "/invite-nope", "", 404, typeInvalidRequest, "invite_id", ""},
		{"delete unknown", "DELETE", invites + "/invite-nope", "", 404, typeInvalidRequest, "invite_id", ""},
		{"delete accepted", "DELETE", invites + "/" + accepted.ID, "", 400, typeInvalidRequest, "", ""},
		{"unknown route", "GET", "/organization/audit_logs", "", 404, typeInvalidRequest, "", ""},
		{"trailing slash", "GET", invites + "/", "", 404, typeInvalidRequest, "", ""},
		{"dot segment", "DELETE", invites + "/..", "", 404, typeInvalidRequest, "", ""},
		{"double slash", "GET", "/organization//invites", "", 404, typeInvalidRequest, "", ""},
		{"escaped slash in id", "GET", invites + "/a%2Fb", "", 404, typeInvalidRequest, "invite_id", ""},
		{"wrong method", "PUT", invites, "", 405, typeInvalidRequest, "", ""},
		{"delete the collection", "DELETE", invites, "", 405, typeInvalidRequest, "", ""},
		{"wrong method on item", "POST", invites + "/" + pending.ID, "", 405, typeInvalidRequest, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := tt.do(c.method, c.path, c.body)
			assertError(t, r, c.status, c.typ, c.param, c.code)
		})
	}
	assert.Contains(t, tt.do("DELETE", invites+"/"+accepted.ID, "").apiError(t).Message, "accepted invite cannot be deleted")
	assert.Equal(t, "GET, DELETE", tt.do("POST", invites+"/"+pending.ID, "").header.Get("Allow"))
	head := tt.do(http.MethodHead, invites, "")
	assert.Equal(t, http.StatusMethodNotAllowed, head.status)
	assert.Equal(t, "GET, POST", head.header.Get("Allow"))
	assert.Len(t, s.Invites(), 2, "no failed request changed the store")
}

func TestAuth(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithKey("sk-admin-test"))
	for name, header := range map[string]string{
		"missing":      "",
		"wrong key":    "Bearer sk-admin-wrong",
		"wrong scheme": "Basic sk-admin-test",
		"no scheme":    "sk-admin-test",
	} {
		t.Run(name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, tt.url+"/organization/invites", strings.NewReader(`{"email":"a@example.com","role":"reader"}`))
			require.NoError(t, err)
			if header != "" {
				req.Header.Set("Authorization", header)
			}
			resp, err := tt.c.Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			var e gen.ErrorResponse
			require.NoError(t, json.NewDecoder(resp.Body).Decode(&e))
			assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
			assert.Equal(t, "invalid_api_key", *e.Error.Code)
			assert.Equal(t, typeInvalidRequest, e.Error.Type)
			assert.NotContains(t, e.Error.Message, "sk-admin")
		})
	}
	assert.Empty(t, s.Invites())
	assert.Equal(t, "sk-admin-test", s.Key())
	assert.Equal(t, http.StatusOK, tt.do(http.MethodGet, "/organization/invites", "").status)
}

func TestDuplicatesAllowed(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithDuplicates(AllowDuplicates))
	a := tt.create("twice@example.com")
	b := tt.create("TWICE@example.com")
	assert.NotEqual(t, a.ID, b.ID)
	assert.Equal(t, 2, s.CreatedFor("twice@example.com"))
}

func TestDuplicatesConflict(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithDuplicates(ConflictDuplicates))
	tt.create("c@example.com")
	r := tt.do(http.MethodPost, "/organization/invites", `{"email":"C@example.com","role":"reader"}`)
	assertError(t, r, http.StatusConflict, typeInvalidRequest, "email", codeDuplicate)
	assert.Equal(t, 1, s.CreatedFor("c@example.com"))
}

func TestDuplicateAfterExpiryOrDelete(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithNow(epoch), WithExpiry(time.Hour))
	first := tt.create("again@example.com")
	s.Advance(time.Hour + time.Second)
	tt.create("again@example.com") // the first expired, so this is no duplicate
	got, ok := s.Invite(first.ID)
	require.True(t, ok)
	assert.Equal(t, "expired", got.Status)
	second := s.Invites()[0]
	require.Equal(t, http.StatusOK, tt.do(http.MethodDelete, "/organization/invites/"+second.ID, "").status)
	tt.create("again@example.com")
	assert.Equal(t, 3, s.CreatedFor("again@example.com"))
}

func TestRequestIDs(t *testing.T) {
	t.Parallel()
	ids := func() []string {
		tt, _ := newTester(t, WithSeed(42))
		var out []string
		for range 3 {
			out = append(out, tt.do(http.MethodGet, "/organization/invites", "").header.Get("x-request-id"))
		}
		out = append(out, tt.do(http.MethodGet, "/nowhere", "").header.Get("x-request-id"))
		return out
	}
	a, b := ids(), ids()
	assert.Equal(t, a, b)
	assert.Len(t, map[string]bool{a[0]: true, a[1]: true, a[2]: true, a[3]: true}, 4)
}

// The harness itself must catch what the spec refuses, or every test that
// leans on it proves nothing.
func TestHarnessCatchesBadResponses(t *testing.T) {
	t.Parallel()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, "http://127.0.0.1/v1/organization/invites/invite-x", nil)
	require.NoError(t, err)
	good := `{"object":"organization.invite","id":"invite-x","email":"a@example.com","role":"reader","status":"pending","created_at":1,"expires_at":null,"accepted_at":null,"projects":[]}`
	header := http.Header{"Content-Type": {"application/json"}, "X-Request-Id": {"req_1"}}
	check := func(status int, h http.Header, body string) error {
		return checkResponse(req, &http.Response{StatusCode: status, Header: h}, []byte(body))
	}
	require.NoError(t, check(200, header, good))
	for name, body := range map[string]string{
		"no projects": strings.Replace(good, `,"projects":[]`, "", 1),
		"bad status":  strings.Replace(good, `"pending"`, `"sent"`, 1),
		"not json":    `nope`,
	} {
		require.Error(t, check(200, header, body), name)
	}
	require.Error(t, check(409, header, `{"error":{"message":"m","type":"t","param":null,"code":null}}`), "409 is not declared for retrieve")
	require.Error(t, check(404, header, `{"error":{"message":"m","type":"t"}}`), "param and code must be present")
	require.Error(t, check(200, http.Header{"Content-Type": {"application/json"}}, good), "x-request-id is required")
}
