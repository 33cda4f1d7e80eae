// Seeding fills the fake with a realistic mix of invites, and the members
// the accepted ones made, so list, expiry and delete paths have something
// to work on without a setup script.

package fake

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/goinvites/invites/gen"
)

// Seed adds n invites, sent over the past expiry period and beyond: about
// 60% pending, 25% accepted and 15% expired, each with a reader or owner
// role. They are drawn from the seed, and listed in the order they were
// sent. Whoever accepted one is a member, with its role, since its
// acceptance, as [Handler.Accept] would have made them.
func (h *Handler) Seed(n int) {
	if n <= 0 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	now := h.clock.now()
	span := int64(h.cfg.expiry)
	batch := make([]gen.Invite, 0, n)
	for i := range n {
		email := fmt.Sprintf("user%d-%06x@example.com", i+1, h.idRNG.Uint32()&0xffffff)
		role := gen.InviteRoleReader
		if h.idRNG.IntN(5) == 0 {
			role = gen.InviteRoleOwner
		}
		u := h.idRNG.Float64()
		// Pending and accepted invites were sent within the expiry period,
		// expired ones before it.
		age := time.Duration(h.idRNG.Int64N(max(span, 1)))
		if u >= 0.85 {
			age += h.cfg.expiry + time.Second
		}
		inv := h.newInvite(email, role, grantsOf(h.cfg.defaultProjts), now.Add(-age))
		if u >= 0.60 && u < 0.85 {
			at := inv.CreatedAt + h.idRNG.Int64N(int64(age/time.Second)+1)
			inv.Status = gen.InviteStatusAccepted
			inv.AcceptedAt = &at
		}
		batch = append(batch, inv)
	}
	slices.SortStableFunc(batch, func(a, b gen.Invite) int { return cmp.Compare(a.CreatedAt, b.CreatedAt) })
	for _, inv := range batch {
		h.store.add(inv)
	}
	// Members are drawn after the invites, so the invites a seed gives do
	// not depend on them.
	for _, inv := range batch {
		if inv.Status != gen.InviteStatusAccepted {
			continue
		}
		if _, ok := h.store.members.byAddress(inv.Email); ok {
			continue
		}
		// A seeded email passes the email rule and is no member's: this
		// cannot fail.
		_, _ = h.addMember(Member{Email: inv.Email, Role: string(inv.Role), AddedAt: time.Unix(*inv.AcceptedAt, 0)})
	}
	h.changed()
}

// seedMembers adds the members given with WithMembers to a fake that has
// none yet: all of them, or none.
func (h *Handler) seedMembers(members []Member) error {
	if len(members) == 0 {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, m := range members {
		if _, err := h.addMember(m); err != nil {
			h.store.members = newMembership()
			return err
		}
	}
	h.changed()
	return nil
}
