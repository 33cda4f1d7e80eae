package fake

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
)

// BenchmarkList compares a page of 20 from a store of 100 invites (the
// baseline) with one from 10,000 invites: a page should cost the same
// whatever the store holds.
func BenchmarkList(b *testing.B) {
	for _, n := range []int{100, 10_000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			h := NewHandler(WithInvites(n))
			after := h.Invites()[n/2].ID
			req := httptest.NewRequestWithContext(context.Background(), http.MethodGet, "/v1/organization/invites?after="+after, nil)
			serveLoop(b, h, req)
		})
	}
}

// BenchmarkListPage compares a page of 100 members with a page of 100
// invites (the baseline), from 1,000 of each: a users list must cost about
// what an invites list does, copies of the members included.
func BenchmarkListPage(b *testing.B) {
	members := make([]Member, 1000)
	for i := range members {
		members[i] = Member{Email: "m" + strconv.Itoa(i) + "@example.com", Name: "M " + strconv.Itoa(i)}
	}
	h := NewHandler(WithInvites(1000), WithMembers(members...))
	for _, path := range []string{"invites", "users"} {
		b.Run(path, func(b *testing.B) {
			req := httptest.NewRequestWithContext(context.Background(), http.MethodGet, "/v1/organization/"+path+"?limit=100", nil)
			serveLoop(b, h, req)
		})
	}
}

// serveLoop serves req, with h's key, for as long as b asks.
func serveLoop(b *testing.B, h *Handler, req *http.Request) {
	req.Header.Set("Authorization", "Bearer "+h.Key())
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatal(rec.Code)
		}
	}
}
