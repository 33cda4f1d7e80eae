// Members are the organization's users: the people who accepted an invite,
// and those a test seeds (people who joined long ago or through SSO,
// service accounts, members an identity provider manages through SCIM).
// They live in a sequence like the invites, so their list pages the same
// way, and the ones removed are kept, so a test can see who was removed.

package fake

import (
	"errors"
	"fmt"
	"time"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/internal/rules"
)

// Member is a member of the organization: one to seed with [WithMembers]
// or [Handler.AddMember], where zero fields take the defaults given, and
// one as [Handler.Members] and the like show them. The JSON names let a
// program read members from a file.
type Member struct {
	// ID is the member's ID; "" draws one ("user-" and 24 letters and
	// digits) from the seed.
	ID string `json:"id,omitempty"`
	// Email is the member's address, unique among members whatever its
	// case; "" sends null, as for some service accounts.
	Email string `json:"email,omitempty"`
	// Name is the member's name; "" sends null.
	Name string `json:"name,omitempty"`
	// Role is the member's role, "reader" when empty. It is sent as given,
	// so a test can seed one the API might send ("member").
	Role string `json:"role,omitempty"`
	// ServiceAccount marks a service account rather than a person.
	ServiceAccount bool `json:"service_account,omitempty"`
	// SCIMManaged marks a member an identity provider manages through SCIM.
	SCIMManaged bool `json:"scim_managed,omitempty"`
	// AddedAt is when the member joined; the zero time means the fake's now.
	AddedAt time.Time `json:"added_at,omitzero"`
}

// ErrMemberExists is returned by [Handler.AddMember] (and so by [Start]
// with [WithMembers]) for an email a member has, whatever its case, or an
// ID a member has or had: IDs are never reused.
var ErrMemberExists = errors.New("fake: a member already has this ID or email")

// member is a stored member: its sequence number and the user as the API
// shows it.
type member struct {
	Seq  int64    `json:"seq"`
	User gen.User `json:"user"`
}

func (m *member) seq() int64 { return m.Seq }
func (m *member) id() string { return m.User.ID }

// membership holds the live members (the sequence it embeds), indexed by
// lower-cased email, and the removed ones in the order they were removed.
type membership struct {
	sequence[*member]
	byEmail map[string]*member
	removed []*member
}

func newMembership() membership {
	return membership{sequence: newSequence[*member](), byEmail: map[string]*member{}}
}

// insert indexes m, which must be newer than every member held.
func (ms *membership) insert(m *member) {
	ms.sequence.insert(m)
	if m.User.Email != nil {
		ms.byEmail[emailKey(*m.User.Email)] = m
	}
}

func (ms *membership) remove(id string) *member {
	m := ms.sequence.remove(id)
	if m.User.Email != nil {
		delete(ms.byEmail, emailKey(*m.User.Email))
	}
	ms.removed = append(ms.removed, m)
	return m
}

// byAddress is the live member with email, whatever its case.
func (ms *membership) byAddress(email string) (*member, bool) {
	m, ok := ms.byEmail[emailKey(email)]
	return m, ok
}

// AddMember adds a member as if they had joined, and returns them as the
// API shows them. It fails, adding no one, on an ID that is "", "." or ".."
// once drawn, or already used ([ErrMemberExists]), an email that is not a
// valid address, and an email another member has ([ErrMemberExists]).
func (h *Handler) AddMember(m Member) (Member, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	added, err := h.addMember(m)
	if err != nil {
		return Member{}, err
	}
	h.changed()
	return memberOf(added.User), nil
}

// addMember is AddMember under the lock, without saving the state file.
// An owner is an owner of every active project at once.
func (h *Handler) addMember(m Member) (*member, error) {
	if m.ID != "" {
		if err := rules.UserID(m.ID); err != nil {
			return nil, fmt.Errorf("fake: member ID %q %w", m.ID, err)
		}
		if h.store.members.taken(m.ID) {
			return nil, fmt.Errorf("%w: id %q", ErrMemberExists, m.ID)
		}
	}
	if m.Email != "" {
		if err := rules.Email(m.Email); err != nil {
			return nil, fmt.Errorf("fake: member email %q %w", m.Email, err)
		}
		if _, ok := h.store.members.byAddress(m.Email); ok {
			return nil, fmt.Errorf("%w: email %q", ErrMemberExists, m.Email)
		}
	}
	if m.ID == "" {
		m.ID = h.newID("user-", h.store.members.taken)
	}
	if m.Role == "" {
		m.Role = string(gen.UserRoleUpdateRequestRoleReader)
	}
	if m.AddedAt.IsZero() {
		m.AddedAt = h.clock.now()
	}
	u := gen.User{
		Object:           gen.UserObjectOrganizationUser,
		ID:               m.ID,
		Email:            optional(m.Email),
		Name:             optional(m.Name),
		Role:             &m.Role,
		AddedAt:          m.AddedAt.Unix(),
		IsServiceAccount: &m.ServiceAccount,
		IsSCIMManaged:    &m.SCIMManaged,
	}
	added := &member{Seq: h.store.members.next(), User: u}
	h.store.members.insert(added)
	h.settleMember(added, time.Time{})
	return added, nil
}

// optional is s as a nullable field: nil for "".
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// memberOf is u, as the API shows them, in the fake's own type.
func memberOf(u gen.User) Member {
	return Member{
		ID: u.ID, Email: orEmpty(u.Email), Name: orEmpty(u.Name), Role: orEmpty(u.Role),
		ServiceAccount: u.IsServiceAccount != nil && *u.IsServiceAccount,
		SCIMManaged:    u.IsSCIMManaged != nil && *u.IsSCIMManaged,
		AddedAt:        unixTime(&u.AddedAt),
	}
}

// orEmpty is a nullable field's value; "" for null.
func orEmpty(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Member returns the member with id as the API would show them.
func (h *Handler) Member(id string) (Member, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	m, ok := h.store.members.byID[id]
	if !ok {
		return Member{}, false
	}
	return memberOf(m.User), true
}

// readMember is the answer to a read of the member with id; a shallow copy is
// enough, as the fake replaces a member's pointers, never writes through
// them.
func (h *Handler) readMember(id string) (gen.User, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	m, ok := h.store.members.byID[id]
	if !ok {
		return gen.User{}, false
	}
	return m.User, true
}

// MemberByEmail returns the member with email (whatever its case), as the
// API would show them: for a test to find who accepting an invite made.
func (h *Handler) MemberByEmail(email string) (Member, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	m, ok := h.store.members.byAddress(email)
	if !ok {
		return Member{}, false
	}
	return memberOf(m.User), true
}

// Members returns every member, newest first (the order the list pages
// in), as the API would show them.
func (h *Handler) Members() []Member {
	h.mu.Lock()
	defer h.mu.Unlock()
	return membersOf(h.store.members.newestFirst())
}

// RemovedMembers returns the members removed so far, in the order they were
// removed, as they were when removed: for a test to prove that no one it
// must keep was removed.
func (h *Handler) RemovedMembers() []Member {
	h.mu.Lock()
	defer h.mu.Unlock()
	return membersOf(h.store.members.removed)
}

func membersOf(ms []*member) []Member {
	out := make([]Member, 0, len(ms))
	for _, m := range ms {
		out = append(out, memberOf(m.User))
	}
	return out
}

// listMembers is a page of the users list: after a member's ID (live or
// removed), with only the members whose email is among emails when emails
// is not nil.
func (h *Handler) listMembers(after string, limit int, emails *[]string) (gen.UserListResponse, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	var keep func(*member) bool
	if emails != nil {
		wanted := make(map[string]bool, len(*emails))
		for _, e := range *emails {
			wanted[emailKey(e)] = true
		}
		keep = func(m *member) bool {
			return !h.cfg.emptyEmailsFilter && m.User.Email != nil && wanted[emailKey(*m.User.Email)]
		}
	}
	ms, more, ok := h.store.members.pageAfter(after, limit, keep)
	if !ok {
		return gen.UserListResponse{}, badRequest("after", "", "No user found with id '%s' to list after.", after)
	}
	out := gen.UserListResponse{Object: gen.UserListResponseObjectList, Data: make([]gen.User, 0, len(ms)), HasMore: more}
	for _, m := range ms {
		// A shallow copy is enough for an answer encoded at once: the fake
		// replaces a member's pointers, never writes through them.
		out.Data = append(out.Data, m.User)
	}
	out.FirstID, out.LastID = pageBounds(out.Data, func(u *gen.User) string { return u.ID })
	return out, nil
}

// modifyMember applies a role change. Custom roles (role_id) are refused:
// the fake knows none. A body that changes nothing is refused too, naming
// role, the one field a client means to send.
func (h *Handler) modifyMember(id string, req gen.UserRoleUpdateRequest) (gen.User, *apiError) {
	h.mu.Lock()
	defer h.mu.Unlock()
	m, ok := h.store.members.byID[id]
	switch {
	case !ok:
		return gen.User{}, userNotFound(id)
	case req.RoleID != nil:
		return gen.User{}, badRequest("role_id", "", "No role found with id '%s'.", *req.RoleID)
	case req.Role == nil && req.TechnicalLevel == nil && req.DeveloperPersona == nil:
		return gen.User{}, badRequest("role", "missing_required_parameter", "Missing required parameter: 'role'.")
	}
	if req.Role != nil {
		role := string(*req.Role)
		m.User.Role = &role
		h.settleMember(m, h.clock.now())
	}
	if req.TechnicalLevel != nil {
		m.User.TechnicalLevel = req.TechnicalLevel
	}
	if req.DeveloperPersona != nil {
		m.User.DeveloperPersona = req.DeveloperPersona
	}
	h.changed()
	return m.User, nil
}

// removeMember removes a member from the organization and so from every
// project; their invites stay as they are.
func (h *Handler) removeMember(id string) *apiError {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.store.members.byID[id]; !ok {
		return userNotFound(id)
	}
	h.leaveEveryProject(id)
	h.store.members.remove(id)
	h.changed()
	return nil
}
