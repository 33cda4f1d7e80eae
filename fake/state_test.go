package fake

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStateRoundTrip(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithNow(epoch), WithInvites(10),
		WithMembers(Member{Email: "bot@example.com", ServiceAccount: true}, Member{Email: "scim@example.com", SCIMManaged: true}))
	a := tt.create("a@example.com")
	b := tt.create("b@example.com")
	require.NoError(t, s.Accept(a.ID))
	require.Equal(t, http.StatusOK, tt.do(http.MethodDelete, "/organization/invites/"+b.ID, "").status)
	scim, _ := s.MemberByEmail("scim@example.com")
	require.Equal(t, http.StatusOK, tt.do(http.MethodDelete, usersPath+"/"+scim.ID, "").status)
	var buf bytes.Buffer
	require.NoError(t, s.SaveState(&buf))

	tt2, s2 := newTester(t, WithNow(epoch))
	require.NoError(t, s2.LoadState(bytes.NewReader(buf.Bytes())))
	assert.Equal(t, s.Invites(), s2.Invites())
	assert.Equal(t, s.Members(), s2.Members())
	assert.Equal(t, s.RemovedMembers(), s2.RemovedMembers())
	bot, ok := s2.MemberByEmail("bot@example.com")
	require.True(t, ok, "the service account is kept")
	assert.True(t, bot.ServiceAccount)
	assert.Len(t, tt2.users("?after="+scim.ID).Data, 1, "a removed member still works as a cursor after a reload")
	m, err := s2.AddMember(Member{})
	require.NoError(t, err)
	assert.NotEqual(t, scim.ID, m.ID, "a reloaded fake never reuses a member ID")
	assert.Equal(t, 1, s2.CreatedFor("b@example.com"), "counts survive")
	assert.Len(t, tt2.list("?after="+b.ID).Data, 11, "a deleted cursor still works after a reload")
	c := tt2.create("c@example.com")
	assert.NotEqual(t, a.ID, c.ID)
	assert.NotEqual(t, b.ID, c.ID, "a reloaded fake never reuses an ID, even a deleted one")
}

// inviteJSON is a stored invite that passes every check, with id, seq,
// status and email as given.
func inviteJSON(seq int, id, status, email string) string {
	return fmt.Sprintf(`{"seq":%d,"invite":{"id":%q,"object":"organization.invite","email":%q,"role":"reader","status":%q,"created_at":1,"expires_at":null,"accepted_at":null,"projects":[]}}`, seq, id, email, status)
}

func TestLoadStateRejectsBadInput(t *testing.T) {
	t.Parallel()
	ok := inviteJSON(1, "x", "pending", "a@example.com")
	cases := map[string]struct{ in, why string }{
		"not json":      {`{"version":`, "unexpected EOF"},
		"version":       {`{"version":4,"invites":[],"next_seq":1}`, "state version 4"},
		"unknown":       {`{"version":1,"surprise":true}`, "surprise"},
		"no id":         {`{"version":1,"invites":[` + inviteJSON(1, "", "pending", "a@example.com") + `],"next_seq":2}`, "no id"},
		"twice":         {`{"version":1,"invites":[` + ok + `,` + inviteJSON(2, "x", "pending", "b@example.com") + `],"next_seq":3}`, "appears twice"},
		"out of order":  {`{"version":1,"invites":[` + inviteJSON(2, "y", "pending", "a@example.com") + `,` + ok + `],"next_seq":3}`, "out of order"},
		"status":        {`{"version":1,"invites":[` + inviteJSON(1, "x", "expired", "a@example.com") + `],"next_seq":2}`, "want pending or accepted"},
		"bad email":     {`{"version":1,"invites":[` + inviteJSON(1, "x", "pending", "nobody") + `],"next_seq":2}`, "email"},
		"next_seq":      {`{"version":1,"invites":[` + ok + `],"next_seq":1}`, "next_seq"},
		"live and dead": {`{"version":1,"invites":[` + ok + `],"tombstones":{"x":1},"next_seq":2}`, "both live and deleted"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := NewHandler(WithInvites(3))
			before := h.Invites()
			err := h.LoadState(strings.NewReader(c.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.why)
			assert.Equal(t, before, h.Invites(), "a failed load keeps what was there")
		})
	}
	require.NoError(t, NewHandler().LoadState(strings.NewReader(`{"version":1,"invites":[`+ok+`],"next_seq":2}`)), "the valid base case loads")
}

// memberJSON is a stored member that passes every check.
func memberJSON(seq int, id, email string) string {
	return fmt.Sprintf(`{"seq":%d,"user":{"object":"organization.user","id":%q,"email":%q,"name":null,"role":"reader","added_at":1}}`, seq, id, email)
}

func TestLoadStateRejectsBadMembers(t *testing.T) {
	t.Parallel()
	state := func(members, removed string, next int) string {
		return fmt.Sprintf(`{"version":2,"invites":[],"next_seq":1,"members":[%s],"removed_members":[%s],"next_member_seq":%d}`, members, removed, next)
	}
	a := memberJSON(1, "user-a", "a@example.com")
	cases := map[string]struct{ in, why string }{
		"no id":          {state(memberJSON(1, "", "a@example.com"), "", 2), "no id"},
		"dot id":         {state(memberJSON(1, "..", "a@example.com"), "", 2), "another path"},
		"twice":          {state(a+","+memberJSON(2, "user-a", "b@example.com"), "", 3), "appears twice"},
		"out of order":   {state(memberJSON(2, "user-b", "b@example.com")+","+a, "", 3), "out of order"},
		"email twice":    {state(a+","+memberJSON(2, "user-b", "A@example.com"), "", 3), "have the email"},
		"bad email":      {state(memberJSON(1, "user-a", "nobody"), "", 2), "email"},
		"schema":         {state(`{"seq":1,"user":{"object":"organization.invite","id":"user-a","added_at":1}}`, "", 2), "user-a"},
		"next seq":       {state(a, "", 1), "next_member_seq"},
		"next seq dead":  {state("", memberJSON(4, "user-b", "b@example.com"), 3), "next_member_seq"},
		"live and dead":  {state(a, memberJSON(2, "user-a", "b@example.com"), 3), "appears twice"},
		"removed, no id": {state("", `{"seq":1,"user":{"object":"organization.user","added_at":1}}`, 2), "removed: a member has no id"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			h := NewHandler(WithMembers(Member{Email: "kept@example.com"}))
			err := h.LoadState(strings.NewReader(c.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.why)
			assert.Len(t, h.Members(), 1, "a failed load keeps what was there")
		})
	}
	h := NewHandler()
	require.NoError(t, h.LoadState(strings.NewReader(state(a, memberJSON(2, "user-b", "b@example.com"), 3))), "the valid base case loads")
	assert.Len(t, h.Members(), 1)
	assert.Len(t, h.RemovedMembers(), 1)
}

// TestOldStateFileLoadsWithoutMembers reads a state file as a fake from
// before members wrote it (version 1), then keeps the members it gains.
func TestOldStateFileLoadsWithoutMembers(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	old := `{"version":1,"invites":[` + inviteJSON(1, "invite-old", "pending", "old@example.com") +
		`],"tombstones":{"invite-gone":0},"next_seq":2,"created":{"old@example.com":1}}`
	require.NoError(t, os.WriteFile(path, []byte(old), 0o600))

	tt, s := newTester(t, WithStateFile(path), WithMembers(Member{Email: "seeded@example.com"}))
	assert.Len(t, s.Invites(), 1)
	assert.Empty(t, s.Members(), "a loaded state file wins over seeding, members too")
	require.NoError(t, s.Accept("invite-old"))
	member, ok := s.MemberByEmail("old@example.com")
	require.True(t, ok)
	assert.Len(t, tt.users("").Data, 1)
	s.Close()

	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(raw), `"version": 3`)
	s2 := NewHandler(WithStateFile(path))
	got, ok := s2.Member(member.ID)
	require.True(t, ok, "the member was saved")
	assert.Equal(t, member, got)
	assert.Empty(t, s2.ProjectMembers(DefaultProjectID), "a file from before projects marks no invite as naming the default")
}

func TestStateFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	tt, s := newTester(t, WithStateFile(path), WithInvites(5))
	inv := tt.create("file@example.com")
	s.Close()

	tt2, s2 := newTester(t, WithStateFile(path), WithInvites(50))
	assert.Len(t, s2.Invites(), 6, "the file wins over seeding")
	got := tt2.do(http.MethodGet, "/organization/invites/"+inv.ID, "")
	assert.Equal(t, http.StatusOK, got.status)
	require.NoError(t, s2.Accept(inv.ID))
	s2.Close()

	s3 := NewHandler(WithStateFile(path))
	got3, ok := s3.Invite(inv.ID)
	require.True(t, ok)
	assert.Equal(t, "accepted", got3.Status, "every change is saved")
	matches, err := filepath.Glob(filepath.Join(filepath.Dir(path), "*.tmp"))
	require.NoError(t, err)
	assert.Empty(t, matches, "no temp files left behind")
}

func TestCorruptStateFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	require.NoError(t, os.WriteFile(path, []byte("not json"), 0o600))
	_, err := Start("127.0.0.1:0", WithStateFile(path))
	require.Error(t, err)
	assert.Contains(t, err.Error(), path)

	h := NewHandler(WithStateFile(path))
	h.Seed(3)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, "not json", string(data), "a file that failed to load is never overwritten")
}

func TestUnwritableStateFile(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "gone")
	require.NoError(t, os.Mkdir(dir, 0o700))
	tt, s := newTester(t, WithStateFile(filepath.Join(dir, "state.json")))
	require.NoError(t, os.RemoveAll(dir))
	tt.create("mem@example.com")
	assert.Len(t, s.Invites(), 1, "the fake keeps serving from memory")
}

func TestStateFileInAMissingDirectory(t *testing.T) {
	t.Parallel()
	_, err := Start("127.0.0.1:0", WithStateFile(filepath.Join(t.TempDir(), "missing-dir", "state.json")))
	require.ErrorIs(t, err, os.ErrNotExist, "a typo in the path is seen at start")
}

func TestStateFileInUse(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	first := NewServer(t, WithStateFile(path))
	newTesterOf(t, first).create("first@example.com")

	_, err := Start("127.0.0.1:0", WithStateFile(path))
	require.ErrorIs(t, err, ErrStateInUse)
	assert.Contains(t, err.Error(), path)

	before, err := os.ReadFile(path)
	require.NoError(t, err)
	h := NewHandler(WithStateFile(path))
	assert.Empty(t, h.Invites(), "a handler refused the file starts empty")
	h.Seed(3)
	after, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after), "and never writes it")

	first.Close()
	second := NewServer(t, WithStateFile(path)) // free once the first has closed
	assert.Len(t, second.Invites(), 1)
}

func TestStartContextWaitsItsTurn(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	first := NewServer(t, WithStateFile(path))

	done, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := StartContext(done, "127.0.0.1:0", WithStateFile(path))
	require.ErrorIs(t, err, ErrStateInUse)
	require.ErrorIs(t, err, context.Canceled)

	type started struct {
		s   *Server
		err error
	}
	second := make(chan started, 1)
	go func() {
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
		defer cancel()
		s, err := StartContext(ctx, "127.0.0.1:0", WithStateFile(path))
		second <- started{s, err}
	}()
	// Whatever the second's timing, it loads only after the first is done.
	newTesterOf(t, first).create("first@example.com")
	first.Close()
	got := <-second
	require.NoError(t, got.err)
	defer got.s.Close()
	require.Len(t, got.s.Invites(), 1)
	assert.Equal(t, "first@example.com", got.s.Invites()[0].Email)
}
