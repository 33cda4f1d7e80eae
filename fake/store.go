// The store keeps invites in creation order so that cursor pagination stays
// correct while invites come and go between pages: every invite gets a
// sequence number that only grows, lists walk down from a cursor's number,
// and a deleted invite's number is kept (a tombstone) so it still works as a
// cursor. It is guarded by the Handler's mutex.

package fake

import (
	"slices"
	"sort"
	"time"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/internal/rules"
)

type record struct {
	Seq    int64      `json:"seq"`
	Invite gen.Invite `json:"invite"`
}

type store struct {
	records []*record // ascending Seq: oldest first
	byID    map[string]*record
	byEmail map[string][]*record // live records, by rules.EmailKey
	tombs   map[string]int64
	nextSeq int64
	created map[string]int // invites ever created, by rules.EmailKey
}

func newStore() store {
	return store{byID: map[string]*record{}, byEmail: map[string][]*record{}, tombs: map[string]int64{}, created: map[string]int{}, nextSeq: 1}
}

// taken reports whether id was ever used, so IDs are never reused even after
// a reload from a state file.
func (s *store) taken(id string) bool {
	_, live := s.byID[id]
	_, dead := s.tombs[id]
	return live || dead
}

func (s *store) add(inv gen.Invite) *record {
	r := &record{Seq: s.nextSeq, Invite: inv}
	s.nextSeq++
	s.insert(r)
	s.created[rules.EmailKey(inv.Email)]++
	return r
}

// insert indexes r, which must be newer than every record held.
func (s *store) insert(r *record) {
	s.records = append(s.records, r)
	s.byID[r.Invite.ID] = r
	key := rules.EmailKey(r.Invite.Email)
	s.byEmail[key] = append(s.byEmail[key], r)
}

func (s *store) remove(id string) {
	r := s.byID[id]
	delete(s.byID, id)
	s.tombs[id] = r.Seq
	key := rules.EmailKey(r.Invite.Email)
	s.byEmail[key] = slices.DeleteFunc(s.byEmail[key], func(o *record) bool { return o == r })
	i := s.index(r.Seq)
	s.records = slices.Delete(s.records, i, i+1)
}

// index returns the position of the first record whose Seq is >= seq.
func (s *store) index(seq int64) int {
	return sort.Search(len(s.records), func(i int) bool { return s.records[i].Seq >= seq })
}

// pendingFor reports whether email has an invite still pending at now.
func (s *store) pendingFor(email string, now time.Time) bool {
	for _, r := range s.byEmail[rules.EmailKey(email)] {
		if statusAt(r.Invite, now) == gen.InviteStatusPending {
			return true
		}
	}
	return false
}

// page returns up to limit records older than the cursor (all when cursor is
// 0), newest first, and whether older ones remain.
func (s *store) page(cursor int64, limit int) ([]*record, bool) {
	end := len(s.records)
	if cursor > 0 {
		end = s.index(cursor)
	}
	start := max(end-limit, 0)
	out := slices.Clone(s.records[start:end])
	slices.Reverse(out)
	return out, start > 0
}

// cursor returns the sequence number a list continues after, live or deleted.
func (s *store) cursor(id string) (int64, bool) {
	if r, ok := s.byID[id]; ok {
		return r.Seq, true
	}
	seq, ok := s.tombs[id]
	return seq, ok
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
