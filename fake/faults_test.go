package fake

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goinvites/invites/gen"
)

const invitesPath = "/organization/invites"

func TestRateLimitInText(t *testing.T) {
	t.Parallel()
	// Two a minute: a burst of two, then one every 30 seconds.
	tt, s := newTester(t, WithNow(epoch), WithFaults(Faults{RateLimit: 2}))
	for range 2 {
		r := tt.do(http.MethodGet, invitesPath, "")
		assert.Equal(t, http.StatusOK, r.status)
		assert.Empty(t, r.header.Get("x-ratelimit-remaining-requests"), "no headers unless asked")
	}
	r := tt.do(http.MethodGet, invitesPath, "")
	assertError(t, r, http.StatusTooManyRequests, typeRequests, "", codeRateLimit)
	assert.Contains(t, r.apiError(t).Message, "Please try again after 30.000 seconds.")
	for _, h := range []string{"Retry-After", "retry-after-ms", "x-ratelimit-limit-requests", "x-ratelimit-reset-requests"} {
		assert.Empty(t, r.header.Get(h), h)
	}
	assert.Equal(t, http.StatusOK, tt.do(http.MethodPost, invitesPath, `{"email":"a@example.com","role":"reader"}`).status, "each endpoint has its own bucket")
	s.Advance(10 * time.Second)
	assert.Contains(t, tt.do(http.MethodGet, invitesPath, "").apiError(t).Message, "after 20.000 seconds.", "a 429 spends nothing")
	s.Advance(20 * time.Second)
	assert.Equal(t, http.StatusOK, tt.do(http.MethodGet, invitesPath, "").status, "one request refilled")
	assert.Contains(t, tt.do(http.MethodGet, invitesPath, "").apiError(t).Message, "after 30.000 seconds.")
	assert.Equal(t, 3, s.Stats().Count(http.MethodGet, http.StatusTooManyRequests))
}

func TestRateLimitHeadersOnEveryAnswer(t *testing.T) {
	t.Parallel()
	// Two a second, burst 1: one request every 500ms.
	tt, s := newTester(t, WithNow(epoch), WithFaults(Faults{RateLimit: 2, RateWindow: time.Second, RateBurst: 1, RateLimitHeaders: true}))
	r := tt.do(http.MethodGet, invitesPath, "")
	require.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "1", r.header.Get("x-ratelimit-limit-requests"))
	assert.Equal(t, "0", r.header.Get("x-ratelimit-remaining-requests"))
	assert.Equal(t, "500ms", r.header.Get("x-ratelimit-reset-requests"))
	assert.Empty(t, r.header.Get("retry-after-ms"), "only a 429 asks for a wait")

	s.Advance(100 * time.Millisecond)
	r = tt.do(http.MethodGet, invitesPath, "")
	require.Equal(t, http.StatusTooManyRequests, r.status)
	assert.Equal(t, "400", r.header.Get("retry-after-ms"))
	assert.Equal(t, "1", r.header.Get("Retry-After"))
	assert.Equal(t, "0", r.header.Get("x-ratelimit-remaining-requests"))
	assert.Equal(t, "400ms", r.header.Get("x-ratelimit-reset-requests"))
	assert.Contains(t, r.apiError(t).Message, "Please try again after 0.400 seconds.")

	r = tt.do(http.MethodPost, invitesPath, `{"email":"not an email","role":"reader"}`)
	require.Equal(t, http.StatusBadRequest, r.status)
	assert.Equal(t, "500ms", r.header.Get("x-ratelimit-reset-requests"), "a refused request counts, and says so too")

	s.FailNextFor(http.MethodGet, FaultServerError, 1)
	r = tt.do(http.MethodGet, invitesPath, "")
	require.Equal(t, http.StatusInternalServerError, r.status)
	assert.Equal(t, "400ms", r.header.Get("x-ratelimit-reset-requests"), "a scripted fault reports the bucket without spending it")
	s.Advance(400 * time.Millisecond)
	assert.Equal(t, http.StatusOK, tt.do(http.MethodGet, invitesPath, "").status)
}

func TestRateLimitHeadersCountDownABurst(t *testing.T) {
	t.Parallel()
	// 7 a minute in bursts of 3: one every 60/7 seconds.
	tt, _ := newTester(t, WithNow(epoch), WithFaults(Faults{RateLimit: 7, RateBurst: 3, RateLimitHeaders: true}))
	var got [][2]string
	for range 4 {
		r := tt.do(http.MethodGet, invitesPath, "")
		got = append(got, [2]string{r.header.Get("x-ratelimit-remaining-requests"), r.header.Get("x-ratelimit-reset-requests")})
	}
	assert.Equal(t, [][2]string{{"2", "8.572s"}, {"1", "17.143s"}, {"0", "25.715s"}, {"0", "25.715s"}}, got)
}

func TestServerErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		faults Faults
		status int
	}{
		{Faults{ErrorRate: 1}, http.StatusInternalServerError},
		{Faults{UnavailableRate: 1}, http.StatusServiceUnavailable},
	} {
		tt, s := newTester(t, WithFaults(c.faults))
		for _, m := range []string{http.MethodGet, http.MethodPost} {
			r := tt.do(m, invitesPath, `{"email":"a@example.com","role":"reader"}`)
			assertError(t, r, c.status, typeServer, "", "")
		}
		assert.Empty(t, s.Invites(), "a failed create stores nothing")
		s.SetFaults(Faults{})
		assert.Equal(t, http.StatusOK, tt.do(http.MethodGet, invitesPath, "").status)
	}
}

// statuses sends n lists and records what each got (0 for no answer).
func statuses(tt *tester, n int) []int {
	out := make([]int, n)
	for i := range out {
		if r, err := tt.send(http.MethodGet, invitesPath, ""); err == nil {
			out[i] = r.status
		}
	}
	return out
}

func TestRandomFaultsFollowTheSeed(t *testing.T) {
	t.Parallel()
	f := Faults{ErrorRate: 0.2, UnavailableRate: 0.1, DropRate: 0.1, TruncateRate: 0.1}
	run := func(seed int64) []int {
		tt, _ := newTester(t, WithSeed(seed), WithFaults(f))
		// A fresh connection each time: Go's transport re-sends a GET
		// dropped on a reused one, which would depend on timing.
		tt.c.Transport.(validating).base.(*http.Transport).DisableKeepAlives = true
		return statuses(tt, 60)
	}
	a := run(5)
	assert.Equal(t, a, run(5), "same seed, same faults")
	assert.NotEqual(t, a, run(6), "another seed, other faults")
	counts := map[int]int{}
	for _, s := range a {
		counts[s]++
	}
	for _, s := range []int{0, 200, 500, 503} {
		assert.Positive(t, counts[s], "status %d among %v", s, a)
	}
}

func TestFailNext(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t)
	s.FailNext(FaultServerError, 2)
	s.FailNextFor(http.MethodPost, FaultUnavailable, 1)
	s.FailNextFor("get", FaultRateLimit, 1)
	s.FailNextFor("delete", FaultForbidden, 1)
	got := []int{}
	for _, m := range []string{"GET", "POST", "POST", "GET", "GET", "POST"} {
		got = append(got, tt.do(m, invitesPath, `{"email":"x@example.com","role":"reader"}`).status)
	}
	assert.Equal(t, []int{500, 500, 503, 429, 200, 200}, got)
	assert.Equal(t, 1, s.Stats().Count(http.MethodPost, 200))
	r := tt.do(http.MethodDelete, invitesPath+"/"+s.Invites()[0].ID, "")
	assertError(t, r, http.StatusForbidden, typeInvalidRequest, "", "insufficient_permissions")
	assert.Len(t, s.Invites(), 1, "a forbidden delete deletes nothing")
	s.FailNext(FaultDrop, 0)
	assert.Equal(t, http.StatusOK, tt.do(http.MethodGet, invitesPath, "").status, "n=0 scripts nothing")
}

func TestFailNth(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t)
	s.FailNth(http.MethodPost, FaultServerError, 3)
	s.FailNth("", FaultUnavailable, 2)
	s.FailNth("", FaultDrop, 0) // nothing: there is no 0th request
	got := []int{}
	for i, m := range []string{"POST", "GET", "POST", "POST", "POST"} {
		got = append(got, tt.do(m, invitesPath, fmt.Sprintf(`{"email":"n%d@example.com","role":"reader"}`, i)).status)
	}
	assert.Equal(t, []int{200, 503, 200, 500, 200}, got)
}

func TestScriptedRateLimitAnnouncesRetryAfter(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithFaults(Faults{RetryAfter: 250 * time.Millisecond, RateLimitHeaders: true}))
	s.FailNext(FaultRateLimit, 1)
	r := tt.do(http.MethodGet, invitesPath, "")
	assert.Contains(t, r.apiError(t).Message, "Please try again after 0.250 seconds.")
	assert.Equal(t, "250", r.header.Get("retry-after-ms"))
	assert.Empty(t, r.header.Get("x-ratelimit-limit-requests"), "no limit configured")
}

func TestDrop(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t)
	s.FailNext(FaultDrop, 1)
	_, err := tt.send(http.MethodGet, invitesPath, "")
	require.Error(t, err)
	assert.Equal(t, http.StatusOK, tt.do(http.MethodGet, invitesPath, "").status)
	assert.Equal(t, 1, s.Stats().Count(http.MethodGet, 0))
}

func TestDropWithoutHijack(t *testing.T) {
	t.Parallel()
	h := NewHandler()
	h.FailNext(FaultDrop, 1)
	req := httptest.NewRequestWithContext(t.Context(), http.MethodGet, "/v1"+invitesPath, nil)
	req.Header.Set("Authorization", "Bearer "+h.Key())
	assert.PanicsWithValue(t, http.ErrAbortHandler, func() { h.ServeHTTP(httptest.NewRecorder(), req) })
	assert.Equal(t, 1, h.Stats().Count(http.MethodGet, 0))
}

func TestAmbiguousCreate(t *testing.T) {
	t.Parallel()
	for _, kind := range []FaultKind{FaultAmbiguousError, FaultAmbiguousDrop} {
		t.Run(kind.String(), func(t *testing.T) {
			t.Parallel()
			tt, s := newTester(t)
			s.FailNextFor(http.MethodPost, kind, 1)
			r, err := tt.send(http.MethodPost, invitesPath, `{"email":"lost@example.com","role":"reader"}`)
			if kind == FaultAmbiguousError {
				require.NoError(t, err)
				assertError(t, r, http.StatusInternalServerError, typeServer, "", "")
			} else {
				require.Error(t, err)
			}
			assert.Len(t, s.Invites(), 1, "the create was applied")
			assert.Equal(t, 1, s.CreatedFor("lost@example.com"))
			retry := tt.do(http.MethodPost, invitesPath, `{"email":"lost@example.com","role":"reader"}`)
			assertError(t, retry, http.StatusBadRequest, typeInvalidRequest, "email", codeDuplicate)
		})
	}
}

func TestRandomAmbiguousCreatesOnlyHitCreates(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithFaults(Faults{AmbiguousCreateRate: 1}))
	assert.Equal(t, []int{200, 200}, statuses(tt, 2))
	r, err := tt.send(http.MethodPost, invitesPath, `{"email":"a@example.com","role":"reader"}`)
	if err == nil {
		assert.Equal(t, http.StatusInternalServerError, r.status)
	}
	assert.Len(t, s.Invites(), 1)
}

func TestTruncate(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t)
	s.FailNextFor(http.MethodPost, FaultTruncate, 1)
	r, err := tt.send(http.MethodPost, invitesPath, `{"email":"cut@example.com","role":"reader"}`)
	require.ErrorIs(t, err, io.ErrUnexpectedEOF)
	assert.Equal(t, http.StatusOK, r.status)
	assert.Len(t, s.Invites(), 1)
}

func TestStallUntilClientGivesUp(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t)
	s.FailNext(FaultStall, 1)
	// The stall lasts minutes; the client's timeout only needs the request
	// to reach the fake first, which 50ms did not always allow a loaded
	// machine (the fake then never saw a request to count).
	tt.c.Timeout = 500 * time.Millisecond
	_, err := tt.send(http.MethodGet, invitesPath, "")
	var ne interface{ Timeout() bool }
	require.ErrorAs(t, err, &ne)
	assert.True(t, ne.Timeout())
	require.Eventually(t, func() bool { return s.Stats().Count(http.MethodGet, 0) == 1 }, 5*time.Second, 5*time.Millisecond)
}

func TestStallBody(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithFaults(Faults{Stall: 20 * time.Millisecond}))
	s.FailNext(FaultStallBody, 1)
	start := time.Now()
	inv := tt.create("slow@example.com")
	assert.GreaterOrEqual(t, time.Since(start), 20*time.Millisecond)
	assert.Equal(t, "slow@example.com", inv.Email, "the whole body arrives after the stall")

	s.SetFaults(Faults{})
	s.FailNext(FaultStallBody, 1)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, tt.url+invitesPath, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+tt.key)
	resp, err := tt.c.Transport.(validating).base.RoundTrip(req)
	require.NoError(t, err, "headers arrive before the stall")
	defer resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	time.AfterFunc(20*time.Millisecond, cancel)
	_, err = io.ReadAll(resp.Body)
	require.Error(t, err, "the body never completes before the client gives up")
}

func TestStallForDuration(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t, WithFaults(Faults{Stall: 20 * time.Millisecond}))
	s.FailNext(FaultStall, 1)
	start := time.Now()
	assert.Equal(t, http.StatusOK, tt.do(http.MethodGet, invitesPath, "").status)
	assert.GreaterOrEqual(t, time.Since(start), 20*time.Millisecond)
}

func TestCloseEndsStalls(t *testing.T) {
	t.Parallel()
	s, err := Start("127.0.0.1:0")
	require.NoError(t, err)
	s.FailNext(FaultStall, 1)
	tt := &tester{t: t, c: newClient(t), url: s.URL(), key: s.Key()}
	errc := make(chan error, 1)
	go func() {
		_, err := tt.send(http.MethodGet, invitesPath, "")
		errc <- err
	}()
	require.Eventually(t, func() bool { // the stall has begun
		s.mu.Lock()
		defer s.mu.Unlock()
		return len(s.script) == 0
	}, 5*time.Second, time.Millisecond)
	s.Close()
	assert.Equal(t, 1, s.Stats().Count(http.MethodGet, 0), "Close returned after the stalled handler did")
	s.Close()
	select {
	case err := <-errc:
		require.Error(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("a stalled request outlived Close")
	}
}

func TestLatency(t *testing.T) {
	t.Parallel()
	tt, _ := newTester(t, WithFaults(Faults{Latency: 15 * time.Millisecond}))
	start := time.Now()
	assert.Equal(t, http.StatusOK, tt.do(http.MethodGet, invitesPath, "").status)
	assert.GreaterOrEqual(t, time.Since(start), 15*time.Millisecond)

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	h := NewHandler(WithFaults(Faults{Latency: time.Hour}))
	assert.False(t, h.wait(ctx, time.Hour), "a gone client ends the wait")
}

func TestJitterFollowsTheSeed(t *testing.T) {
	t.Parallel()
	f := Faults{Latency: time.Millisecond, Jitter: 10 * time.Millisecond}
	a, b := NewHandler(WithFaults(f)), NewHandler(WithFaults(f))
	varied := map[time.Duration]bool{}
	for range 20 {
		pa, pb := a.planFor("GET", "x"), b.planFor("GET", "x")
		assert.Equal(t, pa.latency, pb.latency)
		assert.GreaterOrEqual(t, pa.latency, f.Latency)
		assert.Less(t, pa.latency, f.Latency+f.Jitter)
		varied[pa.latency] = true
	}
	assert.Greater(t, len(varied), 1)
}

func TestFaultKindNames(t *testing.T) {
	t.Parallel()
	for k := FaultServerError; k <= FaultStaleList; k++ {
		got, err := ParseFaultKind(strings.ToUpper(k.String()))
		require.NoError(t, err)
		assert.Equal(t, k, got)
	}
	_, err := ParseFaultKind("meltdown")
	require.Error(t, err)
	assert.Equal(t, "FaultKind(99)", FaultKind(99).String())
}

// raw sends a request past the validating transport, for answers the spec
// would reject on purpose.
func (tt *tester) raw(method, path, body string) reply {
	tt.t.Helper()
	req, err := http.NewRequestWithContext(tt.t.Context(), method, tt.url+path, strings.NewReader(body))
	require.NoError(tt.t, err)
	req.Header.Set("Authorization", "Bearer "+tt.key)
	req.Header.Set("Content-Type", "application/json")
	resp, err := tt.c.Transport.(validating).base.RoundTrip(req)
	require.NoError(tt.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(tt.t, err, "the answer itself is whole")
	require.Equal(tt.t, int64(len(b)), resp.ContentLength, "Content-Length matches what was sent")
	return reply{status: resp.StatusCode, header: resp.Header, body: b}
}

func TestTruncateJSON(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t)
	s.FailNextFor(http.MethodPost, FaultTruncateJSON, 1)
	r := tt.raw(http.MethodPost, invitesPath, `{"email":"cut@example.com","role":"reader"}`)
	assert.Equal(t, http.StatusOK, r.status)
	assert.NotEmpty(t, r.body)
	assert.False(t, json.Valid(r.body), "the JSON is cut: %s", r.body)
	assert.Contains(t, string(r.body), `"email":"cut@example.com"`, "what is left is the start of the invite")
	require.Len(t, s.Invites(), 1, "the create was applied")

	s.FailNext(FaultTruncateJSON, 1)
	r = tt.raw(http.MethodGet, invitesPath+"/invite-missing", "")
	assert.Equal(t, http.StatusNotFound, r.status)
	assert.True(t, json.Valid(r.body), "a failure passes whole")

	s.SetFaults(Faults{TruncateJSONRate: 1})
	assert.False(t, json.Valid(tt.raw(http.MethodGet, invitesPath, "").body), "drawn at random as well")
}

// inviteIDs lists a page's invite IDs, in order.
func inviteIDs(l gen.InviteListResponse) []string {
	out := make([]string, len(l.Data))
	for i, inv := range l.Data {
		out[i] = inv.ID
	}
	return out
}

func TestStaleListMissesTheNewestInvite(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t)
	older, newest := tt.create("older@example.com"), tt.create("newest@example.com")

	s.FailNextFor(http.MethodGet, FaultStaleList, 1)
	stale := tt.list("")
	assert.Equal(t, []string{older.ID}, inviteIDs(stale), "the newest is not there yet")
	assert.Equal(t, older.ID, *stale.FirstID)
	assert.Equal(t, older.ID, *stale.LastID)
	assert.False(t, stale.HasMore)
	assert.Equal(t, []string{newest.ID, older.ID}, inviteIDs(tt.list("")), "once: the next list sees it")

	s.FailNext(FaultStaleList, 3)
	r := tt.do(http.MethodPost, invitesPath, `{"email":"newest@example.com","role":"reader"}`)
	assertError(t, r, http.StatusBadRequest, typeInvalidRequest, "email", codeDuplicate)
	assert.Equal(t, http.StatusOK, tt.do(http.MethodGet, invitesPath+"/"+newest.ID, "").status, "a read of one invite sees it")
	assert.Equal(t, []string{older.ID}, inviteIDs(tt.list("?limit=1")), "only lists are stale")
	assert.Equal(t, 1, s.CreatedFor("newest@example.com"))
}

func TestStaleListPagesAsTheReplicaSeesThem(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t)
	var created []string
	for i := range 3 {
		created = append(created, tt.create(fmt.Sprintf("u%d@example.com", i)).ID)
	}
	s.SetFaults(Faults{StaleListRate: 1})
	first := tt.list("?limit=1")
	assert.Equal(t, []string{created[1]}, inviteIDs(first))
	assert.True(t, first.HasMore)
	assert.Equal(t, []string{created[0]}, inviteIDs(tt.list("?limit=1&after="+created[1])))
	assert.Equal(t, []string{created[1], created[0]}, inviteIDs(tt.list("?after="+created[2])), "a cursor at the unseen invite still works")
	s.SetFaults(Faults{})
	assert.Len(t, tt.list("").Data, 3)
}

func TestStaleListOnAnEmptyFake(t *testing.T) {
	t.Parallel()
	tt, s := newTester(t)
	s.FailNext(FaultStaleList, 1)
	assert.Empty(t, tt.list("").Data)
}
