// These methods change the store under the lock, for the API operations and
// for tests that play the invite's recipient or move time.

package fake

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/internal/rules"
)

const idAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// newID draws from the seed an ID made of prefix and 24 letters and
// digits, as the API's are, that taken reports unused.
func (h *Handler) newID(prefix string, taken func(string) bool) string {
	for {
		var b strings.Builder
		b.WriteString(prefix)
		for range 24 {
			b.WriteByte(idAlphabet[h.idRNG.IntN(len(idAlphabet))])
		}
		if id := b.String(); !taken(id) {
			return id
		}
	}
}

// list is one page after the cursor; a stale one is read as a replica
// behind the last create would (FaultStaleList).
func (h *Handler) list(after string, limit int, stale bool) (gen.InviteListResponse, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	seq := h.store.sequence
	if stale {
		seq = seq.withoutNewest()
	}
	recs, more, ok := seq.pageAfter(after, limit, nil)
	if !ok {
		return gen.InviteListResponse{}, badRequest("after", "", "No invite found with id '%s' to list after.", after)
	}
	now := h.clock.now()
	out := gen.InviteListResponse{Object: gen.InviteListResponseObjectList, Data: make([]gen.Invite, 0, len(recs)), HasMore: more}
	for _, r := range recs {
		out.Data = append(out.Data, view(r.Invite, now))
	}
	out.FirstID, out.LastID = pageBounds(out.Data, func(inv *gen.Invite) string { return inv.ID })
	return out, nil
}

func (h *Handler) create(req gen.InviteRequest) (gen.Invite, *apiError) {
	// The spec's format is any address (an invite listed may hold one);
	// an invite sent is refused to a look-alike, as the client refuses it.
	if err := rules.Lookalike(req.Email); err != nil {
		return gen.Invite{}, invalidFormat("email", "email", err)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	now := h.clock.now()
	if _, ok := h.store.members.byAddress(req.Email); ok {
		return gen.Invite{}, alreadyMember(req.Email)
	}
	if h.cfg.duplicates != AllowDuplicates && h.store.pendingFor(req.Email, now) {
		e := badRequest("email", codeDuplicate, "An invite for %s is already pending.", req.Email)
		if h.cfg.duplicates == ConflictDuplicates {
			e.status = http.StatusConflict
		}
		return gen.Invite{}, e
	}
	projects := grantsOf(h.cfg.defaultProjts)
	if req.Projects != nil {
		projects = *req.Projects
	}
	inv := h.newInvite(req.Email, gen.InviteRole(req.Role), projects, now)
	h.store.add(inv, req.Projects == nil)
	h.changed()
	return view(inv, now), nil
}

// newInvite is a pending invite sent at sent.
func (h *Handler) newInvite(email string, role gen.InviteRole, projects []gen.InviteProject, sent time.Time) gen.Invite {
	created := sent.Unix()
	expires := sent.Add(h.cfg.expiry).Unix()
	return gen.Invite{
		Object:    gen.InviteObjectOrganizationInvite,
		ID:        h.newID("invite-", h.store.taken),
		Email:     email,
		Role:      role,
		Status:    gen.InviteStatusPending,
		CreatedAt: created,
		ExpiresAt: &expires,
		Projects:  append([]gen.InviteProject{}, projects...),
	}
}

func (h *Handler) remove(id string) *apiError {
	h.mu.Lock()
	defer h.mu.Unlock()
	r, ok := h.store.byID[id]
	if !ok {
		return inviteNotFound(id)
	}
	if r.Invite.Status == gen.InviteStatusAccepted {
		return badRequest("", "", "Invite %s has already been accepted: an accepted invite cannot be deleted.", id)
	}
	h.store.remove(id)
	h.changed()
	return nil
}

// Invite returns the invite with id as the API would show it now.
func (h *Handler) Invite(id string) (Invite, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r, ok := h.store.byID[id]
	if !ok {
		return Invite{}, false
	}
	return inviteOf(r.Invite, h.clock.now()), true
}

// readInvite is the answer to a read of the invite with id.
func (h *Handler) readInvite(id string) (gen.Invite, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r, ok := h.store.byID[id]
	if !ok {
		return gen.Invite{}, false
	}
	return view(r.Invite, h.clock.now()), true
}

// Invites returns every invite held, newest first, as the API would show
// them now.
func (h *Handler) Invites() []Invite {
	h.mu.Lock()
	defer h.mu.Unlock()
	now := h.clock.now()
	out := make([]Invite, 0, len(h.store.records))
	for _, r := range h.store.newestFirst() {
		out = append(out, inviteOf(r.Invite, now))
	}
	return out
}

// Accept accepts the invite as its recipient would, which makes them a
// member with the invite's role ([Handler.MemberByEmail] finds them) and a
// member of the projects it named ([Handler.ProjectMembers]): its grants,
// or the default project when its create named none (an invite created
// with `projects: []` grants none; a project the fake does not hold or
// that is archived is passed over). Someone already a member is left as
// they are. It fails with [ErrNotFound], [ErrAlreadyAccepted] or
// [ErrExpired].
func (h *Handler) Accept(id string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	r, ok := h.store.byID[id]
	if !ok {
		return fmt.Errorf("accept %s: %w", id, ErrNotFound)
	}
	now := h.clock.now()
	switch statusAt(r.Invite, now) {
	case gen.InviteStatusAccepted:
		return fmt.Errorf("accept %s: %w", id, ErrAlreadyAccepted)
	case gen.InviteStatusExpired:
		return fmt.Errorf("accept %s: %w", id, ErrExpired)
	}
	if _, ok := h.store.members.byAddress(r.Invite.Email); !ok {
		m, err := h.addMember(Member{Email: r.Invite.Email, Role: string(r.Invite.Role), AddedAt: now})
		if err != nil {
			return fmt.Errorf("accept %s: %w", id, err)
		}
		h.grantInvite(r, m, now)
	}
	at := now.Unix()
	r.Invite.Status = gen.InviteStatusAccepted
	r.Invite.AcceptedAt = &at
	h.changed()
	return nil
}

// Now returns the fake's current time.
func (h *Handler) Now() time.Time {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.clock.now()
}

// Advance moves the fake's clock forward by d (back, if d is negative).
func (h *Handler) Advance(d time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.clock.advance(d)
}

// SetNow sets the fake's clock to t; a frozen clock stays at t, a running
// one runs on from it.
func (h *Handler) SetNow(t time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.clock.set(t)
}
