// Stats let a test judge a client from outside: how many requests it sent
// (by method and by endpoint), what they met, and whether any email got
// more invites than it should.

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
	// Endpoints counts the answers to routed requests by endpoint, then
	// status, as Requests does.
	Endpoints map[Endpoint]map[int]int
	// Total is the number of requests seen.
	Total int
	// Created counts the invites ever created (deleted ones included) by
	// email as the API compares them (lower case, Unicode NFC): any value
	// above 1 is a duplicate.
	Created map[string]int
}

func newStats() Stats {
	return Stats{Requests: map[string]map[int]int{}, Endpoints: map[Endpoint]map[int]int{}}
}

// Count returns how many requests with method got status.
func (s Stats) Count(method string, status int) int { return s.Requests[method][status] }

// CountAt returns how many requests to endpoint e got status.
func (s Stats) CountAt(e Endpoint, status int) int { return s.Endpoints[e][status] }

// SentTo returns how many requests endpoint e saw, whatever their answer.
func (s Stats) SentTo(e Endpoint) int {
	n := 0
	for _, c := range s.Endpoints[e] {
		n += c
	}
	return n
}

// count counts an answer; endpoint is "" for a request never routed.
func (h *Handler) count(method string, endpoint Endpoint, status int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	tally(h.stats.Requests, method, status)
	if endpoint != "" {
		tally(h.stats.Endpoints, endpoint, status)
	}
	h.stats.Total++
}

func tally[K comparable](m map[K]map[int]int, k K, status int) {
	if m[k] == nil {
		m[k] = map[int]int{}
	}
	m[k][status]++
}

// Stats returns a copy of the counts so far.
func (h *Handler) Stats() Stats {
	h.mu.Lock()
	defer h.mu.Unlock()
	return Stats{
		Requests:  deepClone(h.stats.Requests),
		Endpoints: deepClone(h.stats.Endpoints),
		Total:     h.stats.Total,
		Created:   maps.Clone(h.store.created),
	}
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

func deepClone[K comparable](m map[K]map[int]int) map[K]map[int]int {
	out := make(map[K]map[int]int, len(m))
	for k, byStatus := range m {
		out[k] = maps.Clone(byStatus)
	}
	return out
}
