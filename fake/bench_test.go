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
			req.Header.Set("Authorization", "Bearer "+h.Key())
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatal(rec.Code)
				}
			}
		})
	}
}
