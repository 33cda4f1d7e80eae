package client

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The benchmarks compare each call with a baseline of plain net/http and
// encoding/json doing the same request against the same loopback server in
// the same run; `make bench` reports the ratios with benchstat. The server
// answers from pre-encoded bytes so that it costs both sides little.

// benchServer serves invites pages by cursor, pre-encoded.
type benchServer struct {
	*httptest.Server
	invite  []byte
	deleted []byte
	pages   map[string][]byte // "limit after" → page
}

func newBenchServer(tb testing.TB, total, pageSize int) *benchServer {
	tb.Helper()
	s := &benchServer{pages: map[string][]byte{}, deleted: []byte(`{"object":"organization.invite.deleted","id":"invite-0","deleted":true}`)}
	s.invite = []byte(benchInvite(0))
	for _, size := range []int{20, pageSize} {
		after := ""
		for start := 0; start < total; start += size {
			end := min(start+size, total)
			var b strings.Builder
			b.WriteString(`{"object":"list","data":[`)
			for i := start; i < end; i++ {
				if i > start {
					b.WriteByte(',')
				}
				b.WriteString(benchInvite(i))
			}
			fmt.Fprintf(&b, `],"first_id":"invite-%d","last_id":"invite-%d","has_more":%t}`, start, end-1, end < total)
			s.pages[fmt.Sprint(size, " ", after)] = []byte(b.String())
			after = fmt.Sprintf("invite-%d", end-1)
		}
	}
	contentType, requestID := []string{"application/json"}, []string{"req_bench"}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		h := w.Header()
		h["Content-Type"], h["X-Request-Id"] = contentType, requestID
		switch {
		case r.Method == http.MethodDelete:
			_, _ = w.Write(s.deleted)
		case r.Method == http.MethodPost:
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write(s.invite)
		case r.URL.Path == "/v1/organization/invites":
			q := r.URL.Query()
			_, _ = w.Write(s.pages[q.Get("limit")+" "+q.Get("after")])
		default:
			_, _ = w.Write(s.invite)
		}
	}))
	tb.Cleanup(s.Close)
	return s
}

func benchInvite(i int) string {
	return fmt.Sprintf(`{"object":"organization.invite","id":"invite-%d","email":"user%d@example.com","role":"reader","status":"pending","created_at":%d,"expires_at":%d,"accepted_at":null,"projects":[{"id":"proj_abc","role":"member"}]}`,
		i, i, 1767225600-i, 1767830400-i)
}

// rawInvite and rawPage are what a hand-written caller would decode into.
type rawInvite struct {
	ID         string `json:"id"`
	Email      string `json:"email"`
	Role       string `json:"role"`
	Status     string `json:"status"`
	CreatedAt  int64  `json:"created_at"`
	ExpiresAt  *int64 `json:"expires_at"`
	AcceptedAt *int64 `json:"accepted_at"`
	Projects   []struct {
		ID   string `json:"id"`
		Role string `json:"role"`
	} `json:"projects"`
}

type rawPage struct {
	Data    []rawInvite `json:"data"`
	LastID  *string     `json:"last_id"`
	HasMore bool        `json:"has_more"`
}

// raw is the baseline: one request, one decode, no retries.
type raw struct {
	hc   *http.Client
	base string
}

func (r raw) do(ctx context.Context, method, path string, body io.Reader, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, r.base+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+testKey)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := r.hc.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	err = json.NewDecoder(resp.Body).Decode(out)
	_, _ = io.Copy(io.Discard, resp.Body)
	return err
}

type benchPair struct {
	raw    func(context.Context) error
	client func(context.Context) error
}

func benchBoth(b *testing.B, pair benchPair) {
	b.Helper()
	for _, side := range []struct {
		name string
		run  func(context.Context) error
	}{{"impl=raw", pair.raw}, {"impl=client", pair.client}} {
		b.Run(side.name, func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if err := side.run(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchSetup(b *testing.B) (*benchServer, raw, *Client) {
	s := newBenchServer(b, 10_000, 100)
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 4}}
	b.Cleanup(hc.CloseIdleConnections)
	return s, raw{hc, s.URL + "/v1"}, newTestClient(b, s.URL+"/v1", WithHTTPClient(hc))
}

func BenchmarkGet(b *testing.B) {
	_, r, c := benchSetup(b)
	benchBoth(b, benchPair{
		raw: func(ctx context.Context) error {
			var inv rawInvite
			return r.do(ctx, http.MethodGet, "/organization/invites/"+url.PathEscape("invite-0"), nil, &inv)
		},
		client: func(ctx context.Context) error { _, _, err := c.Invites.Get(ctx, "invite-0"); return err },
	})
}

func BenchmarkList(b *testing.B) {
	_, r, c := benchSetup(b)
	benchBoth(b, benchPair{
		raw: func(ctx context.Context) error {
			var p rawPage
			return r.do(ctx, http.MethodGet, "/organization/invites?limit=20", nil, &p)
		},
		client: func(ctx context.Context) error { _, _, err := c.Invites.List(ctx, ListParams{Limit: 20}); return err },
	})
}

func BenchmarkCreate(b *testing.B) {
	_, r, c := benchSetup(b)
	p := CreateParams{Email: "user0@example.com", Role: RoleReader, Projects: []ProjectGrant{{"proj_abc", ProjectRoleMember}}}
	benchBoth(b, benchPair{
		raw: func(ctx context.Context) error {
			body, err := json.Marshal(map[string]any{"email": p.Email, "role": p.Role, "projects": []map[string]string{{"id": "proj_abc", "role": "member"}}})
			if err != nil {
				return err
			}
			var inv rawInvite
			return r.do(ctx, http.MethodPost, "/organization/invites", strings.NewReader(string(body)), &inv)
		},
		client: func(ctx context.Context) error { _, _, err := c.Invites.Create(ctx, p); return err },
	})
}

func BenchmarkDelete(b *testing.B) {
	_, r, c := benchSetup(b)
	benchBoth(b, benchPair{
		raw: func(ctx context.Context) error {
			var out struct {
				Deleted bool `json:"deleted"`
			}
			return r.do(ctx, http.MethodDelete, "/organization/invites/invite-0", nil, &out)
		},
		client: func(ctx context.Context) error { _, err := c.Invites.Delete(ctx, "invite-0"); return err },
	})
}

// BenchmarkAll10k lists 10,000 invites, 100 a page.
func BenchmarkAll10k(b *testing.B) {
	_, r, c := benchSetup(b)
	benchBoth(b, benchPair{
		raw: func(ctx context.Context) error {
			n, after := 0, ""
			for {
				var p rawPage
				path := "/organization/invites?limit=100"
				if after != "" {
					path += "&after=" + url.QueryEscape(after)
				}
				if err := r.do(ctx, http.MethodGet, path, nil, &p); err != nil {
					return err
				}
				n += len(p.Data)
				if !p.HasMore || p.LastID == nil {
					break
				}
				after = *p.LastID
			}
			return countIs(n, 10_000)
		},
		client: func(ctx context.Context) error {
			n := 0
			for _, err := range c.Invites.All(ctx, AllParams{Limit: 100}) {
				if err != nil {
					return err
				}
				n++
			}
			return countIs(n, 10_000)
		},
	})
}

func countIs(n, want int) error {
	if n != want {
		return fmt.Errorf("listed %d invites, want %d", n, want)
	}
	return nil
}

// peakDuringAll walks total invites and returns the most heap All held
// above what was live before it began, sampled after a GC at every page.
func peakDuringAll(t *testing.T, total int) uint64 {
	s := newBenchServer(t, total, 100)
	c := newTestClient(t, s.URL+"/v1")
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapAlloc, uint64(0)
	n := 0
	for _, err := range c.Invites.All(ctx(t), AllParams{}) {
		require.NoError(t, err)
		if n++; n%100 == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > base {
				peak = max(peak, ms.HeapAlloc-base)
			}
		}
	}
	require.Equal(t, total, n)
	return peak
}

// TestAllMemoryIsFlat shows that All holds one page, whatever the total:
// ten times the invites may not need noticeably more memory.
func TestAllMemoryIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("walks 11,000 invites")
	}
	small, large := peakDuringAll(t, 1_000), peakDuringAll(t, 10_000)
	t.Logf("peak heap held by All: %d B for 1,000 invites, %d B for 10,000", small, large)
	assert.Less(t, large, small+256<<10, "memory grew with the number of invites")
}
