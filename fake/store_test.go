package fake

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goinvites/invites/gen"
)

// Pages are walked while invites are created and deleted between them,
// including the cursor invite itself: every invite that lived through the
// walk is seen exactly once, none twice, in newest-first order.
func TestPaginationUnderChurn(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithNow(epoch), WithInvites(3000))
	initial := s.Invites()
	order := map[string]int{}
	for i, inv := range initial {
		order[inv.ID] = i
	}
	rng := rand.New(rand.NewPCG(9, 9))
	deleted := map[string]bool{}
	del := func(inv Invite) {
		if inv.Status == "accepted" || deleted[inv.ID] {
			return
		}
		require.Equal(t, http.StatusOK, tt.do(http.MethodDelete, "/organization/invites/"+inv.ID, "").status)
		deleted[inv.ID] = true
	}

	seen := map[string]int{}
	last := -1
	after := ""
	for page := 0; ; page++ {
		q := "?limit=100"
		if after != "" {
			q += "&after=" + after
		}
		l := tt.list(q)
		for _, inv := range l.Data {
			seen[inv.ID]++
			i, ok := order[inv.ID]
			require.True(t, ok, "invite %s created during the walk was listed after its cursor", inv.ID)
			require.Greater(t, i, last, "out of order")
			last = i
		}
		if !l.HasMore {
			break
		}
		after = *l.LastID
		for i := range 5 {
			tt.create(fmt.Sprintf("churn%d-%d@example.com", page, i))
		}
		for range 3 {
			del(initial[rng.IntN(len(initial))])
		}
		if page%2 == 0 {
			del(initial[order[after]]) // the cursor's invite itself
		}
	}
	for _, inv := range initial {
		if deleted[inv.ID] {
			assert.LessOrEqual(t, seen[inv.ID], 1, inv.ID)
			continue
		}
		assert.Equal(t, 1, seen[inv.ID], "invite %s lived through the walk", inv.ID)
	}
	assert.NotEmpty(t, deleted)
}

func TestPaginationLimits(t *testing.T) {
	t.Parallel()
	tt, _ := newTester(t, WithInvites(250))
	assert.Len(t, tt.list("").Data, defaultLimit)
	assert.Len(t, tt.list("?limit=1").Data, 1)
	full := tt.list("?limit=100")
	assert.Len(t, full.Data, 100)
	assert.True(t, full.HasMore)
	tail := tt.list("?limit=100&after=" + tt.list("?limit=100&after=" + *full.LastID).Data[99].ID)
	assert.Len(t, tail.Data, 50)
	assert.False(t, tail.HasMore)
	empty := tt.list("?after=" + *tail.LastID)
	assert.Empty(t, empty.Data)
	assert.False(t, empty.HasMore)
	assert.Nil(t, empty.FirstID)
}

func TestStorePage(t *testing.T) {
	t.Parallel()
	s := newStore()
	for i := range 5 {
		s.add(gen.Invite{ID: fmt.Sprint(i), Email: "e@example.com"}, false)
	}
	ids := func(rs []*record) (out []string) {
		for _, r := range rs {
			out = append(out, r.Invite.ID)
		}
		return out
	}
	got, more := s.page(0, 2, nil)
	assert.Equal(t, []string{"4", "3"}, ids(got))
	assert.True(t, more)
	s.remove("3")
	seq, ok := s.cursor("3")
	require.True(t, ok)
	got, more = s.page(seq, 10, nil)
	assert.Equal(t, []string{"2", "1", "0"}, ids(got))
	assert.False(t, more)
	assert.True(t, s.taken("3"))
	assert.Len(t, s.byEmail["e@example.com"], 4)

	notOne := func(r *record) bool { return r.Invite.ID != "1" }
	got, more = s.page(0, 2, notOne)
	assert.Equal(t, []string{"4", "2"}, ids(got))
	assert.True(t, more, "0 is left")
	got, more = s.page(0, 3, notOne)
	assert.Equal(t, []string{"4", "2", "0"}, ids(got))
	assert.False(t, more, "1 is left, but filtered out")
	got, more = s.page(seq, 1, func(r *record) bool { return r.Invite.ID == "0" })
	assert.Equal(t, []string{"0"}, ids(got))
	assert.False(t, more)
}
