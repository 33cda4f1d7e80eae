// Seeding fills the fake with a realistic mix of invites, and the members
// the accepted ones made, and with the members, projects and project
// members a test names, so list, expiry and delete paths have something to
// work on without a setup script.

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
// role, created without projects. They are drawn from the seed, and listed
// in the order they were sent. Whoever accepted one is a member, with its
// role, since its acceptance, and a member of the default project, as
// [Handler.Accept] would have made them.
func (h *Handler) Seed(n int) {
	if n <= 0 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seed(n)
	h.changed()
}

// seed is Seed under the lock, without saving the state file.
func (h *Handler) seed(n int) {
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
	recs := make([]*record, 0, len(batch))
	for _, inv := range batch {
		recs = append(recs, h.store.add(inv, true))
	}
	// Members are drawn after the invites, so the invites a seed gives do
	// not depend on them.
	for _, r := range recs {
		inv := r.Invite
		if inv.Status != gen.InviteStatusAccepted {
			continue
		}
		if _, ok := h.store.members.byAddress(inv.Email); ok {
			continue
		}
		// A seeded email passes the email rule and is no member's: this
		// cannot fail.
		at := time.Unix(*inv.AcceptedAt, 0)
		if m, err := h.addMember(Member{Email: inv.Email, Role: string(inv.Role), AddedAt: at}); err == nil {
			h.grantInvite(r, m, at)
		}
	}
}

// seedAll seeds a new fake as its options ask: the members, the invites
// (and whom the accepted ones made members), the projects, then the
// project members, so that each may name what came before it. It seeds all
// of them, or, at the first that cannot be, nothing at all.
func (h *Handler) seedAll(c config) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := h.seedEach(c); err != nil {
		h.store = newStore()
		h.ensureDefaultProject()
		return err
	}
	h.changed()
	return nil
}

func (h *Handler) seedEach(c config) error {
	for _, m := range c.members {
		if _, err := h.addMember(m); err != nil {
			return err
		}
	}
	if c.invites > 0 {
		h.seed(c.invites)
	}
	for _, p := range c.projects {
		if _, err := h.addProject(p); err != nil {
			return err
		}
	}
	for _, pm := range c.projectMembers {
		if _, err := h.addProjectMember(pm); err != nil {
			return err
		}
	}
	return nil
}
