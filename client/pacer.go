// pacer.go spaces a Client's requests so that the rate limit answers 429 as
// the exception, not the rule. The Admin API allows a few requests a minute
// per endpoint and often says so only in a 429's message; a client that
// learns the limit only by hitting it wastes half its requests, and workers
// sharing a Client would race each other for every slot. So the one pacer a
// Client has learns the pace from what the server says and hands out
// start times, one request at a time, to every goroutine. Until it knows
// an endpoint's pace, it lets one request to it out at a time: workers
// starting together would otherwise all hit the limit before anyone had
// heard of it.

package client

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// Bounds on what the pacer learns from a 429. The Admin API's limits are
// per minute: a slower pace than one request a minute, or one learned from
// a request more than a minute old, says more about idleness than the limit.
const (
	maxLearnedInterval = time.Minute
	paceMargin         = 50 // the interval learned, plus 1/paceMargin, absorbs jitter
	blockSlack         = 5 * time.Millisecond
	// A server that answers this many requests to an endpoint without a
	// rate-limit header or a 429 is taken to set no pace: holding its
	// callers to one at a time any longer would only slow them down.
	maxAnswersWithoutPace = 10
)

// pacer keeps what it knows per endpoint: the API limits each on its own.
type pacer struct {
	mu        sync.Mutex
	endpoints map[string]*endpointPace
}

// endpointPace is what the pacer knows of one endpoint.
type endpointPace struct {
	interval     time.Duration // learned spacing between request starts
	next         time.Time     // earliest start the next reservation may have
	blockedUntil time.Time     // no request starts before this: a 429's wait
	blockSource  WaitSource    // where the wait behind blockedUntil came from
	lastOK       time.Time     // start of the last request not answered 429
	// blockEndTaken is the last blockedUntil that a request went out at or
	// after: that request took the slot the block's end opened.
	blockEndTaken time.Time
	answers       int // answers heard, counted while no pace is known
	// inFlight, while no pace is known, is the one request in flight's:
	// closed when it is answered or lost, so that the next caller may go.
	inFlight chan struct{}
}

// paceUnknown reports whether no pace is known yet: then each answer may
// be the one that teaches it, and requests go one at a time.
func (l *endpointPace) paceUnknown() bool {
	return l.interval == 0 && l.blockedUntil.IsZero() && l.answers < maxAnswersWithoutPace
}

// letNextGo lets the next caller held while the pace is unknown go.
func (l *endpointPace) letNextGo() {
	if l.inFlight != nil {
		close(l.inFlight)
		l.inFlight = nil
	}
}

func newPacer() *pacer { return &pacer{endpoints: map[string]*endpointPace{}} }

func (p *pacer) endpoint(name string) *endpointPace {
	l := p.endpoints[name]
	if l == nil {
		l = &endpointPace{}
		p.endpoints[name] = l
	}
	return l
}

// reserve books the next start for endpoint name at or after now, unless
// it is more than bound away (ok false: nothing is booked), and says whether
// a 429's block (rather than the pace) set it.
func (p *pacer) reserve(name string, now time.Time, bound time.Duration) (t time.Time, blocked, ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.endpoint(name)
	t = now
	if l.next.After(t) {
		t = l.next
	}
	if blocked = l.blockedUntil.After(t); blocked {
		t = l.blockedUntil
	}
	if t.Sub(now) > bound {
		return t, blocked, false
	}
	l.next = t.Add(l.interval)
	return t, blocked, true
}

// takeTurn lets a caller to name go when the endpoint's pace is known or
// no request to it is in flight, and returns what it then holds: the
// in-flight slot, while the pace is unknown (nil when it is known). Else
// it returns what to wait on before asking again.
func (p *pacer) takeTurn(name string) (held chan struct{}, busy <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.endpoint(name)
	switch {
	case !l.paceUnknown():
		return nil, nil
	case l.inFlight != nil:
		return nil, l.inFlight
	}
	l.inFlight = make(chan struct{})
	return l.inFlight, nil
}

// noAnswer takes in that a request to name got no answer: it taught nothing,
// and the next caller may try.
func (p *pacer) noAnswer(name string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.endpoint(name).letNextGo()
}

// unblocked reports whether a request to name may start at now: a 429 that
// came while the caller waited may have moved the block past its
// reservation.
func (p *pacer) unblocked(name string, now time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return !p.endpoint(name).blockedUntil.After(now)
}

// turn is what a call took from the pacer for one attempt: the in-flight
// slot while the endpoint's pace is unknown, and a start time among the
// requests to the endpoint. Every path out of an attempt gives it back:
// giveBack, with what the answer taught; or release, when nothing was
// sent, so that a call that did not use its turn never holds it.
type turn struct {
	p      *pacer // nil: no pacer, nothing to give back
	name   string
	held   chan struct{} // the in-flight slot; nil when none is held
	slot   time.Time     // the start reserved; zero when none is
	waited time.Duration
}

// take waits until a request to name may start, and returns the turn
// taken. A wait longer than limit, or past ctx's deadline, is not begun:
// the error is a *RateLimitError saying which, with the wait. notify hears
// of each wait before it. On an error, nothing stays taken. A nil pacer
// (WithoutPacing) gives a turn at once.
func (p *pacer) take(ctx context.Context, name string, limit time.Duration, notify func(Wait)) (t turn, err error) {
	if p == nil {
		return turn{}, nil
	}
	t = turn{p: p, name: name}
	start := time.Now()
	defer func() {
		t.waited = time.Since(start)
		if err != nil {
			t.release()
		}
	}()
	if t.held, err = p.waitTurn(ctx, name, limit, notify); err != nil {
		return t, err
	}
	for {
		now := time.Now()
		if err := ended(ctx); err != nil {
			return t, err
		}
		bound, past := limit, RateLimitPastMaxWait
		if deadline, ok := ctx.Deadline(); ok && deadline.Sub(now) < bound {
			bound, past = deadline.Sub(now), RateLimitPastDeadline
		}
		slot, blocked, ok := p.reserve(name, now, bound)
		if !ok {
			return t, &RateLimitError{Reason: past, RetryAfter: slot.Sub(now), Source: p.sourceOf(name, blocked)}
		}
		t.slot = slot
		d := slot.Sub(now)
		if d <= 0 {
			return t, nil
		}
		reason := WaitPace
		if blocked {
			reason = WaitRateLimited
		}
		notify(Wait{Duration: d, Reason: reason})
		if err := sleep(ctx, d); err != nil {
			return t, err
		}
		if p.unblocked(name, time.Now()) {
			return t, nil
		}
		// A 429 that came meanwhile moved the block past the slot: give
		// the slot back and queue again behind the block.
		p.unbook(name, t.slot)
		t.slot = time.Time{}
	}
}

// giveBack ends the turn of attempt a: the pacer learns from its answer,
// or hears that none came; a request that never left gives the turn back
// unused.
func (t turn) giveBack(a *attempt) {
	switch {
	case t.p == nil:
	case a.came():
		t.p.learn(t.name, a.sent, a.answered, &a.answer)
	case a.notSent:
		t.release()
	default:
		t.p.noAnswer(t.name)
	}
}

// release gives back a turn not used: the in-flight slot, if it is still
// this turn's, and the start reserved, when no later one was booked after
// it.
func (t turn) release() {
	if t.p == nil {
		return
	}
	t.p.mu.Lock()
	defer t.p.mu.Unlock()
	l := t.p.endpoint(t.name)
	if t.held != nil && l.inFlight == t.held {
		l.letNextGo()
	}
	l.unbook(t.slot)
}

// unbook gives back the start slot reserved on name.
func (p *pacer) unbook(name string, slot time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.endpoint(name).unbook(slot)
}

// unbook gives back slot, when it is the last one reserved: the next
// reservation may then have it.
func (l *endpointPace) unbook(slot time.Time) {
	if !slot.IsZero() && l.next.Equal(slot.Add(l.interval)) {
		l.next = slot
	}
}

// sourceOf says where the wait before a request to name comes from: the
// block a server's wait set, or the pace.
func (p *pacer) sourceOf(name string, blocked bool) WaitSource {
	if !blocked {
		return WaitFromPace
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.endpoint(name).blockSource
}

// waitTurn holds a caller while the endpoint's pace is unknown and another
// request to it is in flight, and returns the slot it then holds (nil when
// the pace is known); how long is not known ahead, so the limit bounds the
// wait rather than refusing it.
func (p *pacer) waitTurn(ctx context.Context, name string, limit time.Duration, notify func(Wait)) (chan struct{}, error) {
	held, busy := p.takeTurn(name)
	if busy == nil {
		return held, nil
	}
	notify(Wait{Reason: WaitLearning})
	expired := time.NewTimer(limit)
	defer expired.Stop()
	for ; busy != nil; held, busy = p.takeTurn(name) {
		select {
		case <-busy:
		case <-expired.C:
			return nil, &RateLimitError{Reason: RateLimitNoAnswer}
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return held, nil
}

// learn takes in what an answer to a request to name, sent at sent and
// answered at answered, says about the pace: its rate-limit headers, and
// the wait a 429 asked for (from headers or its message), if it asked.
func (p *pacer) learn(name string, sent, answered time.Time, a *answer) {
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.endpoint(name)
	l.answers++
	defer l.letNextGo() // after learning: the next caller goes under what was learned
	if !l.blockedUntil.IsZero() && !sent.Before(l.blockedUntil) && l.blockedUntil.After(l.blockEndTaken) {
		l.blockEndTaken = l.blockedUntil // someone took the slot at the block's end
	}
	if a.status != http.StatusTooManyRequests {
		if sent.After(l.lastOK) {
			l.lastOK = sent
		}
		l.fromHeaders(answered, a.rateLimit)
		// The spacing runs from when a request really went out, which may
		// be later than its slot on a busy machine.
		if next := sent.Add(l.interval); next.After(l.next) {
			l.next = next
		}
		return
	}
	if !a.asked {
		return
	}
	wait := a.wait
	// The wait is rounded (to the millisecond in the API's message): a
	// block ending a hair early would only buy another 429.
	// Answers to requests sent together bring blocks ending a few
	// milliseconds apart; moving the end for those would send back to the
	// end of the queue a caller whose slot was already at it (see take).
	until := answered.Add(withMargin(wait) + time.Millisecond)
	if until.After(l.blockedUntil.Add(wait/paceMargin + blockSlack)) {
		l.blockedUntil, l.blockSource = until, a.source
	}
	// With a burst of one, the next slot opens an interval after the last
	// one was taken: by the last request known to have got through, or at
	// the end of the last block (whose taker's answer may not have come
	// back yet: its request raced this one).
	taken := l.lastOK
	if l.blockEndTaken.After(taken) {
		taken = l.blockEndTaken
	}
	if !taken.IsZero() && answered.Sub(taken) <= maxLearnedInterval {
		if est := withMargin(until.Sub(taken)); est > l.interval {
			l.interval = min(est, maxLearnedInterval)
		}
	}
}

// fromHeaders learns from x-ratelimit-*-requests on an answer that got
// through: reset is the time until all of limit is available again, so one
// request's share is reset/(limit-remaining); with none remaining, the
// next may start one share after this answer.
func (l *endpointPace) fromHeaders(answered time.Time, rl RateLimit) {
	if rl.RawLimit == "" || rl.RawRemaining == "" || rl.RawReset == "" || rl.Limit <= rl.Remaining || rl.Remaining < 0 || rl.Reset <= 0 {
		return
	}
	share := rl.Reset / time.Duration(rl.Limit-rl.Remaining)
	l.interval = min(withMargin(share), maxLearnedInterval)
	if rl.Remaining == 0 {
		if until := answered.Add(share); until.After(l.blockedUntil) {
			l.blockedUntil, l.blockSource = until, WaitFromHeader
		}
	}
}

func withMargin(d time.Duration) time.Duration { return d + d/paceMargin }

// Wait is a wait the client is about to take, as WithOnWait hears of it.
type Wait struct {
	Duration time.Duration // 0 when not known ahead (WaitLearning)
	Reason   WaitReason
}

// WaitReason says why the client waits.
type WaitReason int

// Reasons for a wait.
const (
	WaitPace        WaitReason = iota + 1 // the pacer spaces requests at the pace the server set
	WaitRateLimited                       // a 429 asked every request to the endpoint to wait
	WaitBackoff                           // a failed attempt is retried after a backoff or the wait asked
	WaitLearning                          // the endpoint's pace is not known yet: one request goes at a time until it is
)

// String returns "pace", "rate limited", "backoff" or "learning the pace".
func (r WaitReason) String() string {
	switch r {
	case WaitPace:
		return "pace"
	case WaitRateLimited:
		return "rate limited"
	case WaitBackoff:
		return "backoff"
	case WaitLearning:
		return "learning the pace"
	}
	return "none"
}
