// call.go runs one logical call as a series of HTTP attempts. Everything
// about a call that is not specific to one endpoint lives here, so that every
// method waits, gives up, logs and reports its Response the same way. Every
// attempt's request is built afresh by gen's request builders: the client
// never writes a URL, a query or a body itself.

package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Caps on what the client reads from a body: lists can be large, one invite
// cannot, and an error body is only read for its message.
const (
	maxListBody   = 10 << 20
	maxInviteBody = 1 << 20
	maxErrorBody  = 64 << 10
)

// op describes one call: how to build its request and how to recover.
type op struct {
	name   string // the operation, as gen names it: what the pacer paces
	method string
	build  func() (*http.Request, error) // one of gen's request builders
	call   *callConfig
	limit  int64 // cap on a 2xx body
	// repeatable marks a POST that is the same change however often it is
	// sent (a role change): retried as a GET is, with no look-up.
	repeatable bool
	// decode reads a 2xx body into the call's result, replacing what an
	// earlier attempt left; nil discards the body.
	decode func([]byte) error
	// recover, set for creates, looks for what an ambiguous attempt may have
	// created. It reports whether it found it; the caller keeps the result.
	recover func(context.Context) (bool, error)
}

// attempt is one HTTP exchange: what was sent, and the answer if one came.
type attempt struct {
	answer         // the zero answer when none came
	err      error // sending, or reading the body, failed; a 2xx's is a *DecodeError
	notSent  bool  // err came before any byte could reach the server
	url      *url.URL
	sent     time.Time // when the request went out
	answered time.Time // when the answer's headers came
	took     time.Duration
}

func (a *attempt) path() string {
	if a.url == nil {
		return ""
	}
	return a.url.EscapedPath()
}

// exchange sends one attempt and reads its whole body within the attempt's
// timeout. The result is named so that the deferred timing lands in it.
func (c *Client) exchange(ctx context.Context, o *op) (a attempt) {
	actx, cancel := context.WithTimeout(ctx, c.attemptTimeout)
	defer cancel()
	req, err := o.build()
	if err != nil {
		a.err, a.notSent = err, true
		return a
	}
	req = req.WithContext(actx)
	c.editRequest(req, o.call)
	a.url = req.URL
	a.sent = time.Now()
	defer func() { a.took = time.Since(a.sent) }()
	resp, err := c.doer.Do(req)
	a.answered = time.Now()
	if err != nil {
		a.err, a.notSent = err, notSent(err)
		return a
	}
	defer func() { _ = resp.Body.Close() }()
	status, h := resp.StatusCode, c.redactHeader(resp.Header)
	if status < 200 || status > 299 {
		body, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		if err != nil {
			a.err = fmt.Errorf("reading the %d response: %w", status, err)
		}
		a.answer = c.readAnswer(status, h, body, a.answered)
		return a
	}
	a.answer = c.readAnswer(status, h, nil, a.answered)
	if o.decode == nil { // a 2xx is the whole answer: its body cannot undo it
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, o.limit))
		return a
	}
	buf := bodies.Get().(*bytes.Buffer)
	defer putBody(buf)
	if n := resp.ContentLength; n > 0 && n <= o.limit {
		buf.Grow(int(n) + bytes.MinRead) // ReadFrom wants MinRead spare to meet EOF
	}
	limited := io.LimitedReader{R: resp.Body, N: o.limit + 1}
	_, err = buf.ReadFrom(&limited)
	switch {
	case limited.N <= 0:
		err = fmt.Errorf("%w: more than %d bytes", errTooLarge, o.limit)
	case err != nil:
		err = fmt.Errorf("reading the %d response: %w", status, err)
	default:
		err = o.decode(buf.Bytes())
	}
	if err != nil {
		a.err = c.decodeError(status, a.requestID, buf.Bytes(), err)
	}
	return a
}

// errTooLarge is a 2xx body past the op's limit: asking again would only
// bring the same body.
var errTooLarge = errors.New("body too large")

// bodies holds the buffers 2xx bodies are read into. Reading a body whole
// into a reused buffer and decoding it with json.Unmarshal measured 10% of
// a Get and of a List faster than decoding from the stream (make bench),
// and keeps a List's memory below plain net/http's; decoded values never
// point into the buffer.
var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putBody returns a buffer to the pool, unless a large list made it too big
// to keep around.
func putBody(b *bytes.Buffer) {
	if b.Cap() <= maxInviteBody {
		b.Reset()
		bodies.Put(b)
	}
}

// runByID runs o, a call about the one invite or member id names: it
// checks id before anything is sent, and bounds the call by opts.
func (c *Client) runByID(ctx context.Context, id string, opts []CallOption, o *op) (*Response, error) {
	if err := ValidateID(id); err != nil {
		return nil, err
	}
	ctx, call, cancel, err := startCall(ctx, opts)
	defer cancel()
	if err != nil {
		return nil, err
	}
	o.call = call
	return c.run(ctx, o)
}

// maxRateLimited bounds the 429s one call sits out: they spend no retry,
// but a server answering 429 this many times to a paced client is not
// pacing it, it is refusing it.
const maxRateLimited = 30

// run makes attempts until one succeeds (o.decode has then filled the
// call's result), the failure is final, retries run out, or the context
// ends. A nil error may also mean that o.recover found the result of an
// earlier attempt. Each attempt first waits for the pacer; a 429 that says
// how long to wait is sat out through the pacer and spends no retry.
func (c *Client) run(ctx context.Context, o *op) (*Response, error) {
	resp := &Response{}
	ambiguous := false // an earlier attempt may have been applied
	failures, limited := 0, 0
	var last error
	for n := 1; ; n++ {
		if c.pacer != nil {
			waited, err := c.pacer.wait(ctx, o.name, c.maxRetryWait, c.onWait)
			resp.Waited += waited
			if err != nil {
				return resp, andLast(err, last)
			}
		}
		a := c.exchange(ctx, o)
		err := record(resp, &a, n)
		if c.pacer != nil {
			if a.came() {
				c.pacer.learn(o.name, a.sent, a.answered, &a.answer)
			} else {
				c.pacer.noAnswer(o.name)
			}
		}
		if err == nil {
			c.log(ctx, o, &a, n, 0, nil)
			return resp, nil
		}
		if ctx.Err() != nil {
			c.log(ctx, o, &a, n, 0, err)
			return resp, andLast(ctx.Err(), err)
		}
		if ambiguous {
			if done, rerr := c.afterAmbiguous(ctx, o, &a); done || rerr != nil {
				c.log(ctx, o, &a, n, 0, rerr)
				return resp, rerr
			}
		}
		rule := retryRuleFor(o, &a)
		if rule == recoverOnly {
			c.log(ctx, o, &a, n, 0, err)
			return resp, c.recoverApplied(ctx, o, a.status, err)
		}
		paced := c.pacer != nil && rule == retry && a.status == http.StatusTooManyRequests && a.asked
		if paced {
			limited++
		} else {
			failures++
		}
		wait := c.delay(&a, failures)
		if rule == stop || failures > c.maxRetries || limited > maxRateLimited || (a.asked && wait > c.maxRetryWait) || outlasts(ctx, wait) {
			c.log(ctx, o, &a, n, 0, err)
			if rule == checkThenRetry {
				if found, rerr := c.lookForCreated(ctx, o); found || rerr != nil {
					return resp, rerr
				}
			}
			return resp, err
		}
		c.log(ctx, o, &a, n, wait, err)
		if !paced { // else the pacer holds the next attempt until the block ends
			if wait > 0 {
				c.onWait(Wait{Duration: wait, Reason: WaitBackoff})
			}
			start := time.Now()
			serr := sleep(ctx, wait)
			resp.Waited += time.Since(start)
			if serr != nil {
				return resp, andLast(serr, err)
			}
		}
		last = err
		ambiguous = ambiguous || rule != retry || mayBeApplied(&a)
		if rule == checkThenRetry {
			if found, rerr := c.lookForCreated(ctx, o); found || rerr != nil {
				return resp, rerr
			}
		}
	}
}

// andLast adds the last attempt's error to the one that ended the call.
func andLast(err, last error) error {
	if last == nil {
		return err
	}
	return fmt.Errorf("%w (last attempt: %w)", err, last)
}

// recoverApplied handles a create answered 2xx whose body could not be
// read: the invite exists, so it is looked up, never sent again.
func (c *Client) recoverApplied(ctx context.Context, o *op, status int, err error) error {
	found, rerr := c.lookForCreated(ctx, o)
	switch {
	case rerr != nil:
		return rerr
	case found:
		return nil
	}
	return fmt.Errorf("%w: the server answered %d, so the invite was created, but looking for it found nothing (%w)", ErrOutcomeUnknown, status, err)
}

// outlasts reports whether waiting d would take past ctx's deadline: then
// the caller gets the error now rather than when the context ends.
func outlasts(ctx context.Context, d time.Duration) bool {
	deadline, ok := ctx.Deadline()
	return ok && time.Until(deadline) < d
}

// afterAmbiguous reads an answer that follows an attempt that may have been
// applied: a DELETE's 404 means the earlier attempt deleted the invite, and a
// create's 400 or 409 may mean it created the invite.
func (c *Client) afterAmbiguous(ctx context.Context, o *op, a *attempt) (bool, error) {
	switch {
	case o.method == http.MethodDelete && a.status == http.StatusNotFound:
		return true, nil
	case o.recover != nil && (a.status == http.StatusBadRequest || a.status == http.StatusConflict):
		return c.lookForCreated(ctx, o)
	}
	return false, nil
}

// lookForCreated runs a create's look-up for what an earlier attempt may
// have created; a failed look-up leaves the outcome unknown.
func (c *Client) lookForCreated(ctx context.Context, o *op) (bool, error) {
	if o.recover == nil {
		return false, nil
	}
	found, err := o.recover(ctx)
	if err != nil {
		return false, fmt.Errorf("%w: an earlier attempt may have created the invite, and looking for it failed: %w", ErrOutcomeUnknown, err)
	}
	return found, nil
}

// record sets resp from an attempt and returns the attempt's error, nil
// on success.
func record(resp *Response, a *attempt, n int) error {
	resp.Attempts = n
	resp.StatusCode, resp.Header, resp.RequestID = a.status, a.header, a.requestID
	resp.RateLimit, resp.RetryAfter = a.rateLimit, a.wait
	switch {
	case a.apiErr == nil: // no answer, or a 2xx: err is nil or says what failed
		return a.err
	case a.err != nil:
		return fmt.Errorf("%w (%w)", a.apiErr, a.err)
	}
	return a.apiErr
}

// redactHeader returns h, or a copy without the key should a server echo
// it in a header.
func (c *Client) redactHeader(h http.Header) http.Header {
	for _, values := range h {
		for _, v := range values {
			if strings.Contains(v, c.key) {
				return c.redactAll(h)
			}
		}
	}
	return h
}

func (c *Client) redactAll(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for name, values := range h {
		for _, v := range values {
			out[name] = append(out[name], c.redact(v))
		}
	}
	return out
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
