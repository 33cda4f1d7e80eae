// call.go holds what every method of every service does the same way: it
// begins its call (begin, the one way a call starts), then runs it as a
// series of attempts (run), in steps a reader can follow: send under the
// pacer (send), decide what follows (decide, in retry.go), wait, look for
// what a create may have made (recovery.go), go again. So every method
// waits, gives up, logs and reports its Response alike.

package client

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// service is what every resource's service is: the Client that sends its
// calls, which all services share (one pacer, one transport).
type service struct{ client *Client }

// begin is how every call starts: it refuses a nil context and a Client
// New did not make (an error, not a panic, as go-github does), applies
// opts and bounds ctx by WithCallTimeout. A call made of other calls
// (FindByEmail's pages, Ensure's look-up and create) begins each of them
// too; bounding a context again changes nothing, as the earlier deadline
// stays. The caller must call cancel, even on an error.
func (s *service) begin(ctx context.Context, opts []CallOption) (context.Context, *callConfig, context.CancelFunc, error) {
	switch {
	case s == nil || s.client == nil || s.client.doer == nil:
		return ctx, nil, func() {}, ErrZeroClient
	case ctx == nil:
		return ctx, nil, func() {}, ErrNilContext
	}
	call, err := newCall(opts)
	if err != nil {
		return ctx, nil, func() {}, err
	}
	ctx, cancel := call.bound(ctx)
	return ctx, call, cancel, nil
}

// do begins a call and runs o as it.
func (s *service) do(ctx context.Context, opts []CallOption, o *op) (*Response, error) {
	ctx, call, cancel, err := s.begin(ctx, opts)
	defer cancel()
	if err != nil {
		return nil, err
	}
	o.call = call
	return s.client.run(ctx, o)
}

// op describes one call: how to build its request and how to recover.
type op struct {
	name   string // the operation, as gen names it: what the pacer paces
	method string
	build  func(server string) (*http.Request, error) // one of gen's request builders
	call   *callConfig
	limit  int64 // cap on a 2xx body
	// repeatable marks a POST that is the same change however often it is
	// sent (a role change): retried as a GET is, with no look-up.
	repeatable bool
	// decode reads a 2xx body into the call's result, replacing what an
	// earlier attempt left; nil discards the body.
	decode func([]byte) error
	// recover, set for creates only, is how to look for what an attempt
	// that may have been applied created (recovery.go).
	recover recovery
}

// callState is what a call knows across its attempts.
type callState struct {
	resp      Response
	failures  int   // failed attempts, each spending a retry
	limited   int   // 429s sat out through the pacer, which spend none
	ambiguous bool  // an attempt before the last may have been applied
	sent      bool  // a request of the call may have left the process
	last      error // the last failed attempt's error
}

// record sets the call's Response from attempt n and returns the
// attempt's error, nil on success.
func (st *callState) record(a *attempt, n int) error {
	st.sent = st.sent || !a.notSent
	r := &st.resp
	r.Attempts = n
	r.StatusCode, r.Header, r.RequestID = a.status, a.header, a.requestID
	r.RateLimit, r.RetryAfter = a.rateLimit, a.wait
	switch {
	case a.apiErr == nil: // no answer, or a 2xx: err is nil or says what failed
		return a.err
	case a.err != nil:
		return fmt.Errorf("%w (%w)", a.apiErr, a.err)
	}
	return a.apiErr
}

// run makes attempts until one succeeds (o.decode has then filled the
// call's result), the failure is final, retries run out, or the context
// ends. A nil error may also mean that o.recover found the result of an
// earlier attempt.
func (c *Client) run(ctx context.Context, o *op) (*Response, error) {
	st := &callState{}
	for n := 1; ; n++ {
		a, err := c.send(ctx, o, &st.resp)
		if err != nil { // not sent: the pacer said no, or the context ended
			return &st.resp, st.stopped(ctx, o, err, st.last)
		}
		err = st.record(&a, n)
		next := c.decide(ctx, o, st, &a, err)
		c.log(ctx, o, &a, n, next.wait, err)
		if !next.done && !next.paced {
			if werr := c.backOff(ctx, next.wait, &st.resp); werr != nil {
				return &st.resp, st.stopped(ctx, o, werr, err)
			}
		}
		if next.look {
			if found, lerr := o.recover.look(ctx); found || lerr != nil {
				return &st.resp, lerr
			}
		}
		if next.done {
			return &st.resp, next.err
		}
		st.last = err
	}
}

// send makes one attempt under the pacer, which is taken and given back
// here alone: it takes a turn (waiting as the pace asks), sends, and gives
// the turn back with what the answer taught. A context already done takes
// nothing.
func (c *Client) send(ctx context.Context, o *op, resp *Response) (attempt, error) {
	if err := ended(ctx); err != nil {
		return attempt{}, err
	}
	t, err := c.pacer.take(ctx, o.name, c.maxRetryWait, c.onWait)
	resp.Waited += t.waited
	if err != nil {
		return attempt{}, err
	}
	a := c.exchange(ctx, o)
	t.giveBack(&a)
	return a, nil
}

// backOff waits d before the next attempt, unless the context ends first.
func (c *Client) backOff(ctx context.Context, d time.Duration, resp *Response) error {
	if d > 0 {
		c.onWait(Wait{Duration: d, Reason: WaitBackoff})
	}
	start := time.Now()
	err := sleep(ctx, d)
	resp.Waited += time.Since(start)
	return err
}

// stopped is the error of a call that err stopped before its next attempt
// (or during its last, whose error is last): a pacer's *RateLimitError as
// it is, or the context's error (see contextEnded).
func (st *callState) stopped(ctx context.Context, o *op, err, last error) error {
	if ended(ctx) == nil {
		return andLast(err, last)
	}
	return st.contextEnded(o, err, last)
}

// contextEnded is the error of a call its context ended: the context's
// error ctxErr, with the last attempt's. A create that may have made its
// object says so (an *OutcomeUnknownError); a call none of whose requests
// left the process says that (ErrNotSent).
func (st *callState) contextEnded(o *op, ctxErr, last error) error {
	err := andLast(ctxErr, last)
	switch {
	case st.ambiguous && o.recover.set():
		return o.recover.unknown("a request that may have %s was sent, and the context ended before the client could look for it", err)
	case !st.sent:
		return fmt.Errorf("%w: %w", ErrNotSent, err)
	}
	return err
}

// ended is ctx's error, or context.DeadlineExceeded from the moment its
// deadline passes: a context's timer may fire a moment late, and that
// moment is no time to wait or send in.
func ended(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if deadline, ok := ctx.Deadline(); ok && !time.Now().Before(deadline) {
		return context.DeadlineExceeded
	}
	return nil
}

// andLast adds the last attempt's error to the one that ended the call.
func andLast(err, last error) error {
	if last == nil {
		return err
	}
	return fmt.Errorf("%w (last attempt: %w)", err, last)
}

// log writes one debug line per attempt; it never sees a header.
func (c *Client) log(ctx context.Context, o *op, a *attempt, n int, wait time.Duration, err error) {
	if !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("method", o.method),
		slog.String("path", a.path()),
		slog.Int("status", a.status),
		slog.Int("attempt", n),
		slog.Duration("wait", wait),
		slog.Duration("duration", a.took),
		slog.String("request_id", a.requestID),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "client: attempt", attrs...)
}
