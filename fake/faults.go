// Faults reproduce the real API's bad days on demand, because a client's
// retry and recovery code is only as good as the failures it was tested
// against. Random faults are drawn from the seed, so a failing test replays;
// scripted ones (FailNext) fire on exact requests.

package fake

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"
)

// MaxStall caps every stall and latency, so a fake never holds a request
// forever.
const MaxStall = 2 * time.Minute

// Faults configures random misbehaviour. The zero value is a well-behaved
// server. Rates are probabilities from 0 to 1, drawn per request from the
// seed; plain fields so command-line flags can fill them.
type Faults struct {
	// Latency delays every answer to an authenticated request for a known
	// operation; Jitter adds a random extra up to itself.
	Latency time.Duration
	Jitter  time.Duration

	// RateLimit allows this many requests per RateWindow (default one
	// minute) to each endpoint (method and path), refilled evenly (one every
	// RateWindow/RateLimit), with bursts of up to RateBurst (default
	// RateLimit) at once; a request beyond them is answered 429 with code
	// rate_limit_exceeded. "2 a second, burst 1" is RateLimit 2, RateWindow
	// one second, RateBurst 1. Time follows the fake's clock.
	RateLimit  int
	RateWindow time.Duration
	RateBurst  int
	// RateLimitHeaders sends x-ratelimit-limit-requests (the burst),
	// x-ratelimit-remaining-requests and x-ratelimit-reset-requests (until
	// the burst is whole again) on every answer to a limited endpoint, and
	// retry-after-ms and Retry-After on 429s, as OpenAI's API does; without
	// it the wait is only in the 429's message ("... Please try again after
	// 6.937 seconds."), as the real Admin API often does.
	RateLimitHeaders bool
	// RetryAfter is the wait a scripted 429 announces (default one second).
	RetryAfter time.Duration

	// ErrorRate answers 500, UnavailableRate 503, DropRate closes the
	// connection without an answer, StallRate holds the request for Stall
	// (0: until the client gives up, at most MaxStall) before answering.
	// Go's transport quietly re-sends a GET dropped on a reused
	// connection, so a client may never see some drops; Stats counts them
	// (status 0).
	ErrorRate       float64
	UnavailableRate float64
	DropRate        float64
	StallRate       float64
	Stall           time.Duration

	// AmbiguousCreateRate applies a POST (an invite create, a member's role
	// change), then loses the answer: half the time a 500, half the time a
	// dropped connection.
	AmbiguousCreateRate float64
	// TruncateRate sends the full Content-Length but only half the body.
	TruncateRate float64
	// TruncateJSONRate cuts a success's JSON in half but sends it as a
	// whole answer (its Content-Length matches): valid HTTP, broken JSON,
	// and the request was applied. Other answers pass whole.
	TruncateJSONRate float64
	// StallBodyRate sends the headers and half the body, then holds the
	// rest for Stall (as StallRate does), testing body-read timeouts.
	StallBodyRate float64
	// StaleListRate answers a list without the newest invite, as a replica
	// that has not yet seen the last create would: a client looking for
	// what it may just have created can miss it, and must not take the
	// miss for proof that nothing was created. Creates, deletes and reads
	// of one invite see every invite.
	StaleListRate float64
}

// check reports rates outside [0, 1] and negative durations or limits.
func (f Faults) check() error {
	var errs []error
	for name, rate := range map[string]float64{
		"error rate": f.ErrorRate, "unavailable rate": f.UnavailableRate, "drop rate": f.DropRate,
		"stall rate": f.StallRate, "ambiguous create rate": f.AmbiguousCreateRate, "truncate rate": f.TruncateRate,
		"stall body rate": f.StallBodyRate, "truncate json rate": f.TruncateJSONRate,
		"stale list rate": f.StaleListRate,
	} {
		if rate < 0 || rate > 1 {
			errs = append(errs, fmt.Errorf("fake: %s %v is not between 0 and 1", name, rate))
		}
	}
	for name, d := range map[string]time.Duration{
		"latency": f.Latency, "jitter": f.Jitter, "rate window": f.RateWindow, "retry after": f.RetryAfter, "stall": f.Stall,
	} {
		if d < 0 {
			errs = append(errs, fmt.Errorf("fake: %s %v is negative", name, d))
		}
	}
	if f.RateLimit < 0 {
		errs = append(errs, fmt.Errorf("fake: rate limit %d is negative", f.RateLimit))
	}
	if f.RateBurst < 0 {
		errs = append(errs, fmt.Errorf("fake: rate burst %d is negative", f.RateBurst))
	}
	if interval, burst := f.rate(); burst > 0 && int64(burst) > math.MaxInt64/int64(interval) {
		errs = append(errs, fmt.Errorf("fake: rate burst %d is too large for a rate of one per %v", burst, interval))
	}
	return errors.Join(errs...)
}

// rateHeader is q's headers, when f asks for them and there is something
// to announce.
func (f Faults) rateHeader(q quota) http.Header {
	if !f.RateLimitHeaders || (q.limit == 0 && q.wait == 0) {
		return nil
	}
	return q.header()
}

func (f Faults) window() time.Duration {
	if f.RateWindow > 0 {
		return f.RateWindow
	}
	return time.Minute
}

func (f Faults) retryAfter() time.Duration {
	if f.RetryAfter > 0 {
		return f.RetryAfter
	}
	return time.Second
}

// FaultKind names one misbehaviour, for [Handler.FailNext].
type FaultKind int

// The faults a request can meet. The Ambiguous kinds apply the request
// first, so the caller cannot tell whether it took effect.
const (
	FaultServerError    FaultKind = iota + 1 // 500
	FaultUnavailable                         // 503
	FaultRateLimit                           // 429 announcing Faults.RetryAfter
	FaultDrop                                // connection closed, no answer
	FaultStall                               // held for Faults.Stall, or until the client gives up
	FaultTruncate                            // applied; body cut short
	FaultAmbiguousError                      // applied; then 500
	FaultAmbiguousDrop                       // applied; then connection closed
	FaultStallBody                           // applied; headers and half the body, then a stall
	FaultForbidden                           // 403, as for a key without the needed permission
	FaultTruncateJSON                        // applied; a 2xx's JSON cut short, Content-Length to match
	// FaultStaleList answers a list without the newest invite, as a replica
	// behind the last create would (see Faults.StaleListRate); any other
	// request meeting it is served as usual.
	FaultStaleList
)

var faultNames = map[FaultKind]string{
	FaultServerError:    "server-error",
	FaultUnavailable:    "unavailable",
	FaultRateLimit:      "rate-limit",
	FaultDrop:           "drop",
	FaultStall:          "stall",
	FaultTruncate:       "truncate",
	FaultAmbiguousError: "ambiguous-error",
	FaultAmbiguousDrop:  "ambiguous-drop",
	FaultStallBody:      "stall-body",
	FaultForbidden:      "forbidden",
	FaultTruncateJSON:   "truncate-json",
	FaultStaleList:      "stale-list",
}

// String returns the kind's name as [ParseFaultKind] reads it.
func (k FaultKind) String() string {
	if s, ok := faultNames[k]; ok {
		return s
	}
	return fmt.Sprintf("FaultKind(%d)", int(k))
}

// ParseFaultKind reads a kind's name, such as "drop" or "ambiguous-error".
func ParseFaultKind(s string) (FaultKind, error) {
	for k, name := range faultNames {
		if strings.EqualFold(s, name) {
			return k, nil
		}
	}
	return 0, fmt.Errorf("fake: unknown fault kind %q", s)
}

// applies reports whether the request is carried out before the fault.
func (k FaultKind) applies() bool {
	return k == FaultTruncate || k == FaultAmbiguousError || k == FaultAmbiguousDrop || k == FaultStallBody || k == FaultTruncateJSON
}

// scripted is a FailNext or FailNth entry: after skip requests with method
// ("" for any) to endpoint ("" for any), the next left ones meet kind.
type scripted struct {
	method   string
	endpoint Endpoint
	kind     FaultKind
	skip     int
	left     int
}

// plan is what one request will meet, decided under the lock so the draws
// from the seed happen in request order.
type plan struct {
	latency time.Duration
	kind    FaultKind
	limited *apiError   // the 429 to send, for FaultRateLimit
	header  http.Header // x-ratelimit-* and retry-after headers, if asked
}

// FailNext makes the next n requests (any method, once routed and
// authenticated) meet kind. Scripted faults come before the rate limit and
// random faults, and do not count toward the limit; when two are due on the
// same request, the one scripted first fires and the other waits.
func (h *Handler) FailNext(kind FaultKind, n int) { h.FailNextFor("", kind, n) }

// FailNextFor is FailNext for requests with the given method only.
func (h *Handler) FailNextFor(method string, kind FaultKind, n int) {
	h.addScript(scripted{method: strings.ToUpper(method), kind: kind, left: n})
}

// FailNth makes only the nth request from now (1 for the next) with the
// given method ("" for any) meet kind: for a client that runs many
// requests on its own, such as a bulk import.
func (h *Handler) FailNth(method string, kind FaultKind, nth int) {
	h.addScript(scripted{method: strings.ToUpper(method), kind: kind, skip: nth - 1, left: 1})
}

func (h *Handler) addScript(s scripted) {
	if s.left <= 0 || s.skip < 0 {
		return
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.script = append(h.script, s)
}

// SetFaults replaces the random faults; pending FailNext entries stay.
func (h *Handler) SetFaults(f Faults) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.faults = f
}

// takeScripted counts a request with method to endpoint against every
// entry and fires the first one due.
func (h *Handler) takeScripted(method string, endpoint Endpoint) (FaultKind, bool) {
	due := -1
	for i := range h.script {
		s := &h.script[i]
		switch {
		case s.method != "" && s.method != method, s.endpoint != "" && s.endpoint != endpoint:
		case s.skip > 0:
			s.skip--
		case due < 0:
			due = i
		}
	}
	if due < 0 {
		return 0, false
	}
	s := &h.script[due]
	s.left--
	k := s.kind
	if s.left == 0 {
		h.script = slices.Delete(h.script, due, due+1)
	}
	return k, true
}

// planFor decides the fate of an authenticated request to endpoint.
func (h *Handler) planFor(method, endpoint string) plan {
	h.mu.Lock()
	defer h.mu.Unlock()
	f := h.faults
	p := plan{latency: f.Latency}
	if f.Jitter > 0 {
		p.latency += time.Duration(h.faultRNG.Int64N(int64(f.Jitter)))
	}
	if k, ok := h.takeScripted(method, Endpoint(endpoint)); ok {
		p.kind = k
		q := h.limiter.peek(endpoint, h.clock.now(), f)
		if k == FaultRateLimit {
			q.remaining, q.reset, q.wait = 0, f.retryAfter(), f.retryAfter()
			p.limited = rateLimited(endpoint, q.wait)
		}
		p.header = f.rateHeader(q)
		return p
	}
	q := h.limiter.take(endpoint, h.clock.now(), f)
	p.header = f.rateHeader(q)
	if q.wait > 0 {
		p.kind, p.limited = FaultRateLimit, rateLimited(endpoint, q.wait)
		return p
	}
	p.kind = pick(h.faultRNG.Float64(), []weighted{
		{f.ErrorRate, FaultServerError},
		{f.UnavailableRate, FaultUnavailable},
		{f.DropRate, FaultDrop},
		{f.StallRate, FaultStall},
	})
	if p.kind == 0 && method == http.MethodPost && h.faultRNG.Float64() < f.AmbiguousCreateRate {
		p.kind = FaultAmbiguousError
		if h.faultRNG.IntN(2) == 1 {
			p.kind = FaultAmbiguousDrop
		}
	}
	if p.kind == 0 {
		p.kind = pick(h.faultRNG.Float64(), []weighted{
			{f.TruncateRate, FaultTruncate}, {f.StallBodyRate, FaultStallBody}, {f.TruncateJSONRate, FaultTruncateJSON},
		})
	}
	// Drawn only when asked for, so that the draws of fakes without it,
	// and so what a seed gives them, stay as they were.
	if p.kind == 0 && method == http.MethodGet && f.StaleListRate > 0 && h.faultRNG.Float64() < f.StaleListRate {
		p.kind = FaultStaleList
	}
	return p
}

// staleListKey marks a request that met FaultStaleList, for the list
// operation behind the generated handler to see.
type staleListKey struct{}

func withStaleList(ctx context.Context) context.Context {
	return context.WithValue(ctx, staleListKey{}, true)
}

func isStaleList(ctx context.Context) bool { return ctx.Value(staleListKey{}) != nil }

type weighted struct {
	rate float64
	kind FaultKind
}

// pick returns the kind whose band of [0,1) holds u, or 0 for none.
func pick(u float64, ws []weighted) FaultKind {
	for _, w := range ws {
		if u < w.rate {
			return w.kind
		}
		u -= w.rate
	}
	return 0
}

// wait sleeps for d (at most MaxStall) and reports whether the request is
// still wanted: false when the client gave up or the server is closing.
func (h *Handler) wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(min(d, MaxStall))
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-h.done:
		return false
	}
}

// hold is wait for a fault's delay on a request, first pushing the
// connection's deadlines back by that delay when the fake's own Server
// serves it, so that its timeouts never cut a configured stall short.
func (h *Handler) hold(w http.ResponseWriter, r *http.Request, d time.Duration) bool {
	if t := h.deadlines; t != nil && d > 0 {
		rc := http.NewResponseController(w)
		now := time.Now()
		_ = rc.SetReadDeadline(now.Add(min(d, MaxStall) + t.Read))
		_ = rc.SetWriteDeadline(now.Add(min(d, MaxStall) + t.Write))
	}
	return h.wait(r.Context(), d)
}

// stallFor is how long a stall lasts: Faults.Stall, or until the client
// gives up (MaxStall at most).
func (h *Handler) stallFor() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.faults.Stall > 0 {
		return h.faults.Stall
	}
	return MaxStall
}
