// The store keeps the invites in a sequence (see sequence.go), indexed by
// email too, and counts the invites ever created per email, so a test can
// see a duplicate. It is guarded by the Handler's mutex.

package fake

import (
	"slices"
	"time"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/internal/rules"
)

type record struct {
	Seq    int64      `json:"seq"`
	Invite gen.Invite `json:"invite"`
	// DefaultProject marks an invite whose create named no projects: the
	// API's default project, which accepting it grants when it shows none.
	// A state file from before projects has no such mark, so its invites
	// grant what they show.
	DefaultProject bool `json:"default_project,omitempty"`
}

func (r *record) seq() int64 { return r.Seq }
func (r *record) id() string { return r.Invite.ID }

// store holds the invites (the sequence it embeds), the members and the
// projects, each project with its members.
type store struct {
	sequence[*record]
	byEmail  map[string][]*record // live records, by emailKey
	created  map[string]int       // invites ever created, by emailKey
	members  membership
	projects sequence[*project]
}

func newStore() store {
	return store{
		sequence: newSequence[*record](), byEmail: map[string][]*record{}, created: map[string]int{},
		members: newMembership(), projects: newSequence[*project](),
	}
}

// emailKey is what the fake files an email under: the shared comparison,
// so that the fake tells addresses apart exactly as the client does.
func emailKey(email string) string { return rules.EmailKey(email) }

func (s *store) add(inv gen.Invite, defaultProject bool) *record {
	r := &record{Seq: s.next(), Invite: inv, DefaultProject: defaultProject}
	s.insert(r)
	s.created[emailKey(inv.Email)]++
	return r
}

// insert indexes r, which must be newer than every record held.
func (s *store) insert(r *record) {
	s.sequence.insert(r)
	key := emailKey(r.Invite.Email)
	s.byEmail[key] = append(s.byEmail[key], r)
}

func (s *store) remove(id string) {
	r := s.sequence.remove(id)
	key := emailKey(r.Invite.Email)
	s.byEmail[key] = slices.DeleteFunc(s.byEmail[key], func(o *record) bool { return o == r })
}

// pendingFor reports whether email has an invite still pending at now.
func (s *store) pendingFor(email string, now time.Time) bool {
	for _, r := range s.byEmail[emailKey(email)] {
		if statusAt(r.Invite, now) == gen.InviteStatusPending {
			return true
		}
	}
	return false
}

// statusAt is the status the API reports: a pending invite whose expiry has
// passed reads as expired.
func statusAt(inv gen.Invite, now time.Time) gen.InviteStatus {
	if inv.Status == gen.InviteStatusPending && inv.ExpiresAt != nil && now.Unix() > *inv.ExpiresAt {
		return gen.InviteStatusExpired
	}
	return inv.Status
}

// view is the invite as the API shows it at now: current status, its own
// copy of projects (never null).
func view(inv gen.Invite, now time.Time) gen.Invite {
	inv.Status = statusAt(inv, now)
	inv.Projects = append([]gen.InviteProject{}, inv.Projects...)
	return inv
}
