// A sequence keeps the records of one kind (invites, members) in creation
// order so that cursor pagination stays correct while records come and go
// between pages: every record gets a number that only grows, lists walk
// down from a cursor's number, and a removed record's number is kept (a
// tombstone) so it still works as a cursor. It is guarded by the Handler's
// mutex.

package fake

import (
	"slices"
	"sort"
)

// sequenced is a stored record: its sequence number and its ID.
type sequenced interface {
	comparable
	seq() int64
	id() string
}

type sequence[R sequenced] struct {
	records []R // ascending seq: oldest first
	byID    map[string]R
	tombs   map[string]int64
	nextSeq int64
}

func newSequence[R sequenced]() sequence[R] {
	return sequence[R]{byID: map[string]R{}, tombs: map[string]int64{}, nextSeq: 1}
}

// taken reports whether id was ever used, so IDs are never reused even after
// a reload from a state file.
func (s *sequence[R]) taken(id string) bool {
	_, live := s.byID[id]
	_, dead := s.tombs[id]
	return live || dead
}

// next hands out the sequence number of a new record.
func (s *sequence[R]) next() int64 {
	n := s.nextSeq
	s.nextSeq++
	return n
}

// insert indexes r, which must be newer than every record held.
func (s *sequence[R]) insert(r R) {
	s.records = append(s.records, r)
	s.byID[r.id()] = r
}

// remove drops the live record id, keeping its number as a tombstone.
func (s *sequence[R]) remove(id string) R {
	r := s.byID[id]
	delete(s.byID, id)
	s.tombs[id] = r.seq()
	i := s.index(r.seq())
	s.records = slices.Delete(s.records, i, i+1)
	return r
}

// index returns the position of the first record whose seq is >= seq.
func (s *sequence[R]) index(seq int64) int {
	return sort.Search(len(s.records), func(i int) bool { return s.records[i].seq() >= seq })
}

// page returns up to limit records older than the cursor (all when cursor is
// 0) that keep accepts (all when keep is nil), newest first, and whether
// more such records remain.
func (s *sequence[R]) page(cursor int64, limit int, keep func(R) bool) ([]R, bool) {
	end := len(s.records)
	if cursor > 0 {
		end = s.index(cursor)
	}
	out := make([]R, 0, min(limit, end))
	for i := end - 1; i >= 0; i-- {
		r := s.records[i]
		if keep != nil && !keep(r) {
			continue
		}
		if len(out) == limit {
			return out, true
		}
		out = append(out, r)
	}
	return out, false
}

// pageAfter is page from the place of after (a record's ID, live or
// removed; "" for the top). It reports false, and no page, for an after
// that never named a record.
func (s *sequence[R]) pageAfter(after string, limit int, keep func(R) bool) (recs []R, more, ok bool) {
	var cursor int64
	if after != "" {
		if cursor, ok = s.cursor(after); !ok {
			return nil, false, false
		}
	}
	recs, more = s.page(cursor, limit, keep)
	return recs, more, true
}

// withoutNewest is the sequence as a replica that has not yet seen its
// newest record would list it (FaultStaleList): a page leaves that record
// out, though it still works as a cursor. It shares s's indexes, which
// listing only reads.
func (s sequence[R]) withoutNewest() sequence[R] {
	if n := len(s.records); n > 0 {
		s.records = s.records[:n-1]
	}
	return s
}

// pageBounds are a page's first_id and last_id: null for an empty page.
func pageBounds[T any](data []T, id func(*T) string) (first, last *string) {
	if len(data) == 0 {
		return nil, nil
	}
	f, l := id(&data[0]), id(&data[len(data)-1])
	return &f, &l
}

// cursor returns the sequence number a list continues after, live or removed.
func (s *sequence[R]) cursor(id string) (int64, bool) {
	if r, ok := s.byID[id]; ok {
		return r.seq(), true
	}
	seq, ok := s.tombs[id]
	return seq, ok
}

// newestFirst returns every live record, newest first.
func (s *sequence[R]) newestFirst() []R {
	out := slices.Clone(s.records)
	slices.Reverse(out)
	return out
}
