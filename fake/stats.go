// Stats let a test judge a client from outside: how many requests it sent,
// what they met, and whether any email got more invites than it should.

package fake

import (
	"maps"

	"github.com/goinvites/invites/internal/rules"
)

// Stats counts the requests the fake has answered.
type Stats struct {
	// Requests counts answers by method, then status; status 0 counts
	// requests that got no answer (dropped connections, abandoned stalls).
	Requests map[string]map[int]int
	// Total is the number of requests seen.
	Total int
	// Created counts the invites ever created (deleted ones included) by
	// email as the API compares them (lower case, Unicode NFC): any value
	// above 1 is a duplicate.
	Created map[string]int
}

func newStats() Stats { return Stats{Requests: map[string]map[int]int{}} }

// Count returns how many requests with method got status.
func (s Stats) Count(method string, status int) int { return s.Requests[method][status] }

func (h *Handler) count(method string, status int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.stats.Requests[method] == nil {
		h.stats.Requests[method] = map[int]int{}
	}
	h.stats.Requests[method][status]++
	h.stats.Total++
}

// Stats returns a copy of the counts so far.
func (h *Handler) Stats() Stats {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := Stats{
		Requests: make(map[string]map[int]int, len(h.stats.Requests)),
		Total:    h.stats.Total,
		Created:  maps.Clone(h.store.created),
	}
	for m, byStatus := range h.stats.Requests {
		out.Requests[m] = maps.Clone(byStatus)
	}
	return out
}

// CreatedFor returns how many invites were ever created for email
// (compared as the API compares emails: without regard to case, after
// Unicode NFC normalization), including ones since deleted: more than one means a
// duplicate was sent.
func (h *Handler) CreatedFor(email string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.store.created[rules.EmailKey(email)]
}
