package fake

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goinvites/invites/gen"
)

func TestAccept(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithNow(epoch), WithExpiry(time.Hour))
	inv := tt.create("acc@example.com")
	s.Advance(time.Minute)
	require.NoError(t, s.Accept(inv.ID))
	got, _ := s.Invite(inv.ID)
	assert.Equal(t, "accepted", got.Status)
	assert.Equal(t, epoch.Add(time.Minute), got.AcceptedAt)
	require.ErrorIs(t, s.Accept(inv.ID), ErrAlreadyAccepted)
	require.ErrorIs(t, s.Accept("invite-nope"), ErrNotFound)

	late := tt.create("late@example.com")
	s.Advance(time.Hour + time.Second)
	require.ErrorIs(t, s.Accept(late.ID), ErrExpired)
	got, _ = s.Invite(inv.ID)
	assert.Equal(t, "accepted", got.Status, "an accepted invite never expires")
	r := tt.do(http.MethodPost, invitesPath, `{"email":"acc@example.com","role":"reader"}`)
	assertError(t, r, http.StatusBadRequest, typeInvalidRequest, "email", "")
	assert.Contains(t, r.apiError(t).Message, "already exists in this organization", "who accepted is a member")
}

func TestExpiry(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithNow(epoch))
	inv := tt.create("exp@example.com")
	s.Advance(DefaultExpiry)
	assert.Equal(t, gen.InviteStatusPending, tt.list("").Data[0].Status, "at expires_at it still stands")
	s.Advance(time.Second)
	var got gen.Invite
	tt.do(http.MethodGet, "/organization/invites/"+inv.ID, "").decode(t, &got)
	assert.Equal(t, gen.InviteStatusExpired, got.Status)
	assert.Equal(t, http.StatusOK, tt.do(http.MethodDelete, "/organization/invites/"+inv.ID, "").status, "an expired invite can be deleted")
}

func TestClock(t *testing.T) {
	t.Parallel()
	frozen := NewHandler(WithNow(epoch))
	frozen.Advance(time.Hour)
	assert.Equal(t, epoch.Add(time.Hour), frozen.Now())
	frozen.SetNow(epoch)
	assert.Equal(t, epoch, frozen.Now())

	var mu sync.Mutex
	source := epoch
	running := NewHandler(WithClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return source }))
	running.Advance(time.Minute)
	assert.Equal(t, epoch.Add(time.Minute), running.Now())
	mu.Lock()
	source = source.Add(time.Second)
	mu.Unlock()
	assert.Equal(t, epoch.Add(time.Minute+time.Second), running.Now(), "a running clock follows its source")
	running.SetNow(epoch.Add(-time.Hour))
	assert.Equal(t, epoch.Add(-time.Hour), running.Now())

	live := NewHandler()
	assert.WithinDuration(t, time.Now(), live.Now(), time.Minute)
}

func TestSeed(t *testing.T) {
	t.Parallel()
	a := NewHandler(WithNow(epoch), WithSeed(3), WithInvites(300))
	b := NewHandler(WithNow(epoch), WithSeed(3))
	b.Seed(300)
	invs := a.Invites()
	require.Len(t, invs, 300)
	assert.Equal(t, invs, b.Invites(), "same seed, same invites")
	assert.NotEqual(t, invs, NewHandler(WithNow(epoch), WithSeed(4), WithInvites(300)).Invites())

	byStatus := map[string]int{}
	for i, inv := range invs {
		byStatus[inv.Status]++
		m, member := a.MemberByEmail(inv.Email)
		assert.Equal(t, inv.Status == "accepted", member, "who accepted is a member: %s", inv.Email)
		if member {
			assert.Equal(t, inv.Role, m.Role)
			assert.Equal(t, inv.AcceptedAt, m.AddedAt)
		}
		if i > 0 {
			assert.False(t, inv.CreatedAt.After(invs[i-1].CreatedAt), "newest first")
		}
		assert.False(t, inv.CreatedAt.After(epoch))
		switch inv.Status {
		case "accepted":
			require.False(t, inv.AcceptedAt.IsZero())
			assert.False(t, inv.AcceptedAt.Before(inv.CreatedAt))
			assert.False(t, inv.AcceptedAt.After(epoch))
		case "expired":
			assert.True(t, inv.ExpiresAt.Before(epoch))
			assert.True(t, inv.AcceptedAt.IsZero())
		default:
			assert.False(t, inv.ExpiresAt.Before(epoch))
		}
	}
	for _, st := range []string{"pending", "accepted", "expired"} {
		assert.Greater(t, byStatus[st], 20, "status %s in %v", st, byStatus)
	}
	assert.Greater(t, byStatus["pending"], byStatus["accepted"])
	assert.Len(t, a.Members(), byStatus["accepted"])
	assert.Equal(t, a.Members(), b.Members(), "same seed, same members")
	a.Seed(0)
	assert.Len(t, a.Invites(), 300)
}

func TestStats(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t)
	tt.create("s@example.com")
	tt.do(http.MethodPost, "/organization/invites", `{"email":"s@example.com","role":"reader"}`)
	tt.do(http.MethodGet, "/organization/invites", "")
	tt.do(http.MethodGet, "/nowhere", "")
	st := s.Stats()
	assert.Equal(t, 4, st.Total)
	assert.Equal(t, 1, st.Count(http.MethodPost, 200))
	assert.Equal(t, 1, st.Count(http.MethodPost, 400))
	assert.Equal(t, 1, st.Count(http.MethodGet, 200))
	assert.Equal(t, 1, st.Count(http.MethodGet, 404))
	assert.Zero(t, st.Count(http.MethodDelete, 200))
	st.Requests[http.MethodGet][200] = 99
	assert.Equal(t, 1, s.Stats().Count(http.MethodGet, 200), "Stats returns a copy")
	assert.Equal(t, 1, s.CreatedFor("S@EXAMPLE.COM"))
	assert.Equal(t, map[string]int{"s@example.com": 1}, st.Created)
	assert.Zero(t, s.CreatedFor("nobody@example.com"))
}

// Many clients at once, under -race: every create lands once, every delete
// removes one, and the counts agree.
func TestConcurrentClients(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithInvites(100))
	const workers, each = 8, 25
	var wg sync.WaitGroup
	deletedBy := make([]int, workers)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				inv := tt.create(fmt.Sprintf("w%d-%d@example.com", w, i))
				tt.list("?limit=5")
				tt.do(http.MethodGet, "/organization/invites/"+inv.ID, "")
				if i%2 == 0 {
					if tt.do(http.MethodDelete, "/organization/invites/"+inv.ID, "").status == http.StatusOK {
						deletedBy[w]++
					}
				}
			}
		})
	}
	wg.Wait()
	deleted := 0
	for w := range workers {
		deleted += deletedBy[w]
		for i := range each {
			assert.Equal(t, 1, s.CreatedFor(fmt.Sprintf("w%d-%d@example.com", w, i)))
		}
	}
	assert.Equal(t, workers*(each+1)/2, deleted)
	assert.Len(t, s.Invites(), 100+workers*each-deleted)
	assert.Equal(t, workers*each, s.Stats().Count(http.MethodPost, 200))
	for email, n := range s.Stats().Created {
		assert.Equal(t, 1, n, email)
	}
	assert.Len(t, s.Stats().Created, 100+workers*each)
}
