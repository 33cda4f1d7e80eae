package fake

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goinvites/invites/gen"
)

// ids lists the IDs of the members listed, in order.
func ids(us []gen.User) []string { return idsOf(us, func(u gen.User) string { return u.ID }) }

// memberIDs lists the IDs of the members the fake shows, in order.
func memberIDs(ms []Member) []string { return idsOf(ms, func(m Member) string { return m.ID }) }

// deref is *p, or "<nil>".
func deref[T any](p *T) string {
	if p == nil {
		return "<nil>"
	}
	return fmt.Sprint(*p)
}

// org is a small organization: an owner, a reader, a service account with
// no email, and a member an identity provider manages.
var org = []Member{
	{ID: "user-owner", Email: "Owner@example.com", Name: "Olga Owner", Role: "owner"},
	{ID: "user-reader", Email: "reader@example.com", Name: "Rae Reader"},
	{ID: "user-bot", Name: "CI bot", ServiceAccount: true},
	{ID: "user-scim", Email: "scim@example.com", SCIMManaged: true, AddedAt: epoch.Add(-time.Hour)},
}

func TestMembersAreSeededAsTheAPIShowsThem(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithNow(epoch), WithMembers(org...))
	assert.Equal(t, []string{"user-scim", "user-bot", "user-reader", "user-owner"}, memberIDs(s.Members()), "newest first")

	r := tt.do(http.MethodGet, usersPath+"/user-bot", "")
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	var wire map[string]any
	require.NoError(t, json.Unmarshal(r.body, &wire))
	assert.Equal(t, map[string]any{
		"object": "organization.user", "id": "user-bot", "name": "CI bot", "email": nil, "role": "reader",
		"added_at": float64(epoch.Unix()), "is_service_account": true, "is_scim_managed": false,
	}, wire, "email is an explicit null; the flags are always sent")

	scim, ok := s.Member("user-scim")
	require.True(t, ok)
	assert.Equal(t, Member{ID: "user-scim", Email: "scim@example.com", Role: "reader", SCIMManaged: true, AddedAt: epoch.Add(-time.Hour)}, scim,
		"no name is empty")
	owner, ok := s.MemberByEmail("owner@EXAMPLE.com")
	require.True(t, ok, "emails match whatever their case")
	assert.Equal(t, "owner", owner.Role)
	assert.Equal(t, "Owner@example.com", owner.Email, "the email is kept as given")
}

func TestAddMember(t *testing.T) {
	t.Parallel()
	s := NewServer(t, WithNow(epoch), WithSeed(4), WithMembers(org...))
	drawn, err := s.AddMember(Member{Email: "new@example.com", Role: "member"})
	require.NoError(t, err)
	assert.Regexp(t, `^user-[A-Za-z0-9]{24}$`, drawn.ID)
	assert.Equal(t, "member", drawn.Role, "a role is sent as given")
	assert.Equal(t, epoch, drawn.AddedAt)

	for name, c := range map[string]struct {
		m    Member
		want string
		is   error
	}{
		"an email taken, in another case": {Member{Email: "READER@example.com"}, "READER@example.com", ErrMemberExists},
		"an ID taken":                     {Member{ID: "user-bot"}, "user-bot", ErrMemberExists},
		"a bad email":                     {Member{Email: "nobody"}, "nobody", nil},
		"a dot-segment ID":                {Member{ID: ".."}, "another path", nil},
	} {
		_, err := s.AddMember(c.m)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), c.want, name)
		if c.is != nil {
			require.ErrorIs(t, err, c.is, name)
		}
	}
	require.Equal(t, http.StatusOK, newTesterOf(t, s).do(http.MethodDelete, usersPath+"/user-bot", "").status)
	_, err = s.AddMember(Member{ID: "user-bot"})
	require.ErrorIs(t, err, ErrMemberExists, "a removed member's ID is never reused")
	_, err = s.AddMember(Member{Name: "CI bot"})
	require.NoError(t, err, "a second member without an email is no clash")
	assert.Len(t, s.Members(), 5)

	_, err = Start("", WithMembers(Member{Email: "a@example.com"}, Member{Email: "A@example.com"}))
	require.ErrorIs(t, err, ErrMemberExists, "Start refuses members it cannot seed")
	h := NewHandler(WithMembers(Member{Email: "a@example.com"}, Member{Email: "A@example.com"}))
	assert.Empty(t, h.Members(), "a handler whose members could not all be seeded starts with none")
}

func TestUsersListPages(t *testing.T) {
	t.Parallel()
	members := make([]Member, 0, 7)
	for i := range 7 {
		members = append(members, Member{ID: fmt.Sprintf("user-%d", i), Email: fmt.Sprintf("m%d@example.com", i)})
	}
	tt, _ := newTester(t, WithMembers(members...))
	first := tt.users("?limit=3")
	assert.Equal(t, []string{"user-6", "user-5", "user-4"}, ids(first.Data))
	assert.True(t, first.HasMore)
	assert.Equal(t, "user-6", deref(first.FirstID))
	assert.Equal(t, "user-4", deref(first.LastID))
	second := tt.users("?limit=3&after=" + *first.LastID)
	assert.Equal(t, []string{"user-3", "user-2", "user-1"}, ids(second.Data))
	assert.True(t, second.HasMore)

	require.Equal(t, http.StatusOK, tt.do(http.MethodDelete, usersPath+"/user-1", "").status)
	last := tt.users("?limit=3&after=user-1")
	assert.Equal(t, []string{"user-0"}, ids(last.Data), "a removed member still works as a cursor")
	assert.False(t, last.HasMore)
	assert.Len(t, tt.users("").Data, 6, "20 a page by default")
	empty := tt.users("?after=user-0")
	assert.Empty(t, empty.Data)
	assert.Nil(t, empty.FirstID)
	assert.Nil(t, empty.LastID)
	assert.Contains(t, string(tt.do(http.MethodGet, usersPath+"?after=user-0", "").body), `"first_id":null`)
}

func TestUsersListFiltersByEmail(t *testing.T) {
	t.Parallel()
	tt, _ := newTester(t, WithMembers(org...))
	got := tt.users("?emails=owner@example.com&emails=SCIM@example.com&emails=nobody@example.com")
	assert.Equal(t, []string{"user-scim", "user-owner"}, ids(got.Data), "repeated emails=, whatever their case")
	assert.Empty(t, tt.users("?emails=ghost@example.com").Data)
	page := tt.users("?emails=owner@example.com&emails=reader@example.com&limit=1")
	assert.Equal(t, []string{"user-reader"}, ids(page.Data))
	assert.True(t, page.HasMore, "the filter pages too")
	assert.Equal(t, []string{"user-owner"}, ids(tt.users("?emails=owner@example.com&emails=reader@example.com&after=user-reader").Data))
	assert.Len(t, tt.users("?emails[]=owner@example.com").Data, 4, "emails[] is not the parameter: ignored, like any unknown one")

	broken, _ := newTester(t, WithMembers(org...), WithEmptyEmailsFilter())
	assert.Empty(t, broken.users("?emails=owner@example.com").Data, "the filter as reported broken")
	assert.Len(t, broken.users("").Data, 4, "an unfiltered list still has everyone")
}

func TestUsersChangeAndRemove(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithMembers(org...))
	r := tt.do(http.MethodPost, usersPath+"/user-reader", `{"role":"owner"}`)
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	var u gen.User
	r.decode(t, &u)
	assert.Equal(t, "owner", deref(u.Role))
	got, _ := s.Member("user-reader")
	assert.Equal(t, "owner", got.Role, "the change is kept")
	assert.Equal(t, http.StatusOK, tt.do(http.MethodPost, usersPath+"/user-reader", `{"role":"owner"}`).status, "the same change again is no error")

	r = tt.do(http.MethodPost, usersPath+"/user-scim", `{"technical_level":"expert"}`)
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	r.decode(t, &u)
	assert.Equal(t, "expert", deref(u.TechnicalLevel))
	assert.Equal(t, "reader", deref(u.Role), "a change without role keeps it")

	r = tt.do(http.MethodDelete, usersPath+"/user-owner", "")
	require.Equal(t, http.StatusOK, r.status)
	var del gen.UserDeleteResponse
	r.decode(t, &del)
	assert.Equal(t, gen.UserDeleteResponse{Object: gen.UserDeleteResponseObjectOrganizationUserDeleted, ID: "user-owner", Deleted: true}, del)
	assertError(t, tt.do(http.MethodGet, usersPath+"/user-owner", ""), http.StatusNotFound, typeInvalidRequest, "user_id", "")
	assertError(t, tt.do(http.MethodDelete, usersPath+"/user-owner", ""), http.StatusNotFound, typeInvalidRequest, "user_id", "")
	removed := s.RemovedMembers()
	require.Len(t, removed, 1)
	assert.Equal(t, "Owner@example.com", removed[0].Email)
	_, ok := s.MemberByEmail("owner@example.com")
	assert.False(t, ok)
}

func TestUsersErrors(t *testing.T) {
	t.Parallel()
	tt, _ := newTester(t, WithMembers(org...))
	item := usersPath + "/user-reader"
	assertRefusals(t, tt, []refusal{
		{"limit low", "GET", usersPath + "?limit=0", "", 400, "limit", "integer_below_min_value", ""},
		{"limit high", "GET", usersPath + "?limit=101", "", 400, "limit", "integer_above_max_value", ""},
		{"after unknown", "GET", usersPath + "?after=user-nope", "", 400, "after", "", ""},
		{"retrieve unknown", "GET", usersPath + "/user-nope", "", 404, "user_id", "", ""},
		{"modify unknown", "POST", usersPath + "/user-nope", `{"role":"owner"}`, 404, "user_id", "", ""},
		{"delete unknown", "DELETE", usersPath + "/user-nope", "", 404, "user_id", "", ""},
		{"bad role", "POST", item, `{"role":"admin"}`, 400, "role", "invalid_value", ""},
		{"role not a string", "POST", item, `{"role":1}`, 400, "role", "invalid_value", ""},
		{"nothing to change", "POST", item, `{}`, 400, "role", "missing_required_parameter", ""},
		{"null role", "POST", item, `{"role":null}`, 400, "role", "missing_required_parameter", ""},
		{"custom role", "POST", item, `{"role_id":"role-x"}`, 400, "role_id", "", ""},
		{"unknown field", "POST", item, `{"role":"owner","roles":"x"}`, 400, "roles", "unknown_parameter", ""},
		{"no body", "POST", item, "", 400, "", "", ""},
		{"dot segment", "DELETE", usersPath + "/..", "", 404, "", "", ""},
		{"wrong method", "PUT", item, "", 405, "", "", ""},
		{"delete the list", "DELETE", usersPath, "", 405, "", "", ""},
	})
	assert.Equal(t, "GET, POST, DELETE", tt.do("PUT", item, "").header.Get("Allow"))
	got, _ := newTesterOf(t, NewServer(t)).send(http.MethodGet, usersPath, "")
	assert.Equal(t, http.StatusOK, got.status, "an organization without members lists none")
}

func TestAcceptMakesAMember(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithNow(epoch))
	r := tt.do(http.MethodPost, invitesPath, `{"email":"Ada@example.com","role":"owner"}`)
	require.Equal(t, http.StatusOK, r.status, string(r.body))
	var inv gen.Invite
	r.decode(t, &inv)
	_, ok := s.MemberByEmail("ada@example.com")
	assert.False(t, ok, "an invite is not a membership")
	s.Advance(time.Hour)
	require.NoError(t, s.Accept(inv.ID))

	m, ok := s.MemberByEmail("ada@example.com")
	require.True(t, ok)
	assert.Equal(t, "owner", m.Role, "the invite's role")
	assert.Equal(t, "Ada@example.com", m.Email)
	assert.Equal(t, epoch.Add(time.Hour), m.AddedAt)
	assert.Empty(t, m.Name, "the fake knows no name")
	assert.Equal(t, []string{m.ID}, ids(tt.users("").Data))
	assert.Regexp(t, `^user-`, m.ID)
}

func TestInvitingAMemberIsRefused(t *testing.T) {
	t.Parallel()
	for _, policy := range []DuplicatePolicy{RejectDuplicates, AllowDuplicates, ConflictDuplicates} {
		tt, s := newTester(t, WithDuplicates(policy), WithMembers(org...))
		r := tt.do(http.MethodPost, invitesPath, `{"email":"READER@example.com","role":"owner"}`)
		assertError(t, r, http.StatusBadRequest, typeInvalidRequest, "email", "")
		assert.Contains(t, r.apiError(t).Message, "already exists in this organization", "policy %d", policy)
		assert.Empty(t, s.Invites(), "nothing was created")
		assert.Zero(t, s.CreatedFor("reader@example.com"))
	}
}

// TestMembersAndInvitesLiveApart checks the inferred lifecycle: removing a
// member leaves their accepted invite; they can then be invited again and
// come back as a new member. A member with an invite still pending (seeded
// so) who accepts stays the member they were.
func TestMembersAndInvitesLiveApart(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithNow(epoch))
	first := tt.create("back@example.com")
	require.NoError(t, s.Accept(first.ID))
	was, _ := s.MemberByEmail("back@example.com")
	require.Equal(t, http.StatusOK, tt.do(http.MethodDelete, usersPath+"/"+was.ID, "").status)
	inv, ok := s.Invite(first.ID)
	require.True(t, ok, "the accepted invite stays listed")
	assert.Equal(t, "accepted", inv.Status)
	assertError(t, tt.do(http.MethodDelete, invitesPath+"/"+first.ID, ""), http.StatusBadRequest, typeInvalidRequest, "", "")

	again := tt.create("back@example.com")
	require.NoError(t, s.Accept(again.ID))
	now, ok := s.MemberByEmail("back@example.com")
	require.True(t, ok)
	assert.NotEqual(t, was.ID, now.ID, "a new member, with a new ID")

	stale := tt.create("stale@example.com")
	_, err := s.AddMember(Member{Email: "stale@example.com", Role: "owner", Name: "Joined by SSO"})
	require.NoError(t, err, "a member may have an invite still pending")
	require.NoError(t, s.Accept(stale.ID))
	m, _ := s.MemberByEmail("stale@example.com")
	assert.Equal(t, "owner", m.Role, "accepting changes no existing member")
	assert.Equal(t, "Joined by SSO", m.Name)
	assert.Len(t, s.Members(), 2)
}

func TestUsersBodiesValidate(t *testing.T) {
	t.Parallel()
	// Every answer above passed the response validation of newClient; this
	// one looks at a list page's raw bytes as a client decodes them.
	tt, _ := newTester(t, WithMembers(org...))
	body := string(tt.do(http.MethodGet, usersPath+"?limit=1", "").body)
	assert.True(t, strings.HasPrefix(body, `{"data":[{"added_at":`), body)
	assert.Contains(t, body, `"has_more":true`)
	assert.Contains(t, body, `"object":"list"`)
}
