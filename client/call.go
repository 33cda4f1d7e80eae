// call.go runs one logical call as a series of HTTP attempts. Everything
// about a call that is not specific to one endpoint lives here, so that every
// method waits, gives up, logs and reports its Response the same way. Every
// attempt's request is built afresh by gen's request builders: the client
// never writes a URL, a query or a body itself.

package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
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
	method string
	build  func() (*http.Request, error) // one of gen's request builders
	call   *callConfig
	limit  int64 // cap on a 2xx body
	// decode reads a 2xx body into the call's result, replacing what an
	// earlier attempt left; nil discards the body.
	decode func(io.Reader) error
	// recover, set for creates, looks for what an ambiguous attempt may have
	// created. It reports whether it found it; the caller keeps the result.
	recover func(context.Context) (bool, error)
}

// attempt is the outcome of one HTTP exchange.
type attempt struct {
	status  int // 0 when no answer came
	header  http.Header
	body    []byte // an error's body, or the start of a 2xx one
	err     error  // sending, or reading the body, failed
	notSent bool   // err came before any byte could reach the server
	url     *url.URL
	took    time.Duration
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
	start := time.Now()
	defer func() { a.took = time.Since(start) }()
	resp, err := c.doer.Do(req)
	if err != nil {
		a.err, a.notSent = err, notSent(err)
		return a
	}
	defer func() { _ = resp.Body.Close() }()
	a.status, a.header = resp.StatusCode, c.redactHeader(resp.Header)
	if a.status < 200 || a.status > 299 {
		if a.body, err = io.ReadAll(io.LimitReader(resp.Body, maxErrorBody)); err != nil {
			a.err = fmt.Errorf("reading the %d response: %w", a.status, err)
		}
		return a
	}
	body := &bodyReader{limited: io.LimitedReader{R: resp.Body, N: o.limit + 1}, keep: maxErrorExcerpt + len(c.key)}
	var derr error
	if o.decode != nil {
		derr = o.decode(body)
	} else {
		_, derr = io.Copy(io.Discard, body)
	}
	a.body = body.head
	switch {
	case body.limited.N <= 0:
		a.err = c.decodeError(a.status, header(a.header, "X-Request-Id"), a.body, fmt.Errorf("body larger than %d bytes", o.limit))
	case body.err != nil:
		a.err = fmt.Errorf("reading the %d response: %w", a.status, body.err)
	case derr != nil:
		a.err = c.decodeError(a.status, header(a.header, "X-Request-Id"), a.body, derr)
	}
	return a
}

// bodyReader reads a 2xx body for decoding as it streams in, keeping its
// start for an error message, and telling the connection's failures
// (err) from the decoder's.
type bodyReader struct {
	limited io.LimitedReader
	head    []byte
	keep    int
	err     error
}

func (b *bodyReader) Read(p []byte) (int, error) {
	n, err := b.limited.Read(p)
	if room := b.keep - len(b.head); room > 0 && n > 0 {
		b.head = append(b.head, p[:min(n, room)]...)
	}
	if err != nil && !errors.Is(err, io.EOF) && b.err == nil {
		b.err = err
	}
	return n, err
}

// run makes attempts until one succeeds (o.decode has then filled the
// call's result), the failure is final, retries run out, or the context
// ends. A nil error may also mean that o.recover found the result of an
// earlier attempt.
func (c *Client) run(ctx context.Context, o *op) (*Response, error) {
	resp := &Response{}
	ambiguous := false // an earlier attempt may have been applied
	for n := 1; ; n++ {
		a := c.exchange(ctx, o)
		err := c.note(resp, &a, n)
		if err == nil {
			c.log(ctx, o, &a, n, 0, nil)
			return resp, nil
		}
		if ctx.Err() != nil {
			c.log(ctx, o, &a, n, 0, err)
			return resp, fmt.Errorf("%w (last attempt: %w)", ctx.Err(), err)
		}
		if ambiguous {
			if done, rerr := c.afterAmbiguous(ctx, o, &a); done || rerr != nil {
				c.log(ctx, o, &a, n, 0, rerr)
				return resp, rerr
			}
		}
		v := judge(o, &a)
		wait, asked := c.delay(&a, resp, n)
		if v == stop || n > c.maxRetries || (asked && wait > c.maxRetryWait) || outlasts(ctx, wait) {
			c.log(ctx, o, &a, n, 0, err)
			if v == checkThenRetry {
				if found, rerr := c.check(ctx, o); found || rerr != nil {
					return resp, rerr
				}
			}
			return resp, err
		}
		c.log(ctx, o, &a, n, wait, err)
		if serr := sleep(ctx, wait); serr != nil {
			return resp, fmt.Errorf("%w (last attempt: %w)", serr, err)
		}
		ambiguous = ambiguous || v != retry || mayBeApplied(&a)
		if v == checkThenRetry {
			if found, rerr := c.check(ctx, o); found || rerr != nil {
				return resp, rerr
			}
		}
	}
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
		return c.check(ctx, o)
	}
	return false, nil
}

// check runs the create's look-up; a failed look-up leaves the outcome unknown.
func (c *Client) check(ctx context.Context, o *op) (bool, error) {
	if o.recover == nil {
		return false, nil
	}
	found, err := o.recover(ctx)
	if err != nil {
		return false, fmt.Errorf("%w: an earlier attempt may have created the invite, and looking for it failed: %w", ErrOutcomeUnknown, err)
	}
	return found, nil
}

// note records an attempt in resp and returns its error, nil on success.
func (c *Client) note(resp *Response, a *attempt, n int) error {
	resp.Attempts = n
	resp.StatusCode = a.status
	resp.Header = a.header
	if a.header == nil {
		resp.RequestID, resp.RateLimit, resp.RetryAfter = "", RateLimit{}, 0
		return fmt.Errorf("invites: %w", a.err)
	}
	resp.RequestID = header(a.header, "X-Request-Id")
	resp.RateLimit = parseRateLimit(a.header)
	if a.status >= 200 && a.status <= 299 {
		resp.RetryAfter, _ = serverWait(a.status, a.header, "", c.now())
		if a.err != nil {
			var de *DecodeError
			if errors.As(a.err, &de) {
				return de
			}
			return c.decodeError(a.status, resp.RequestID, a.body, a.err)
		}
		return nil
	}
	e := apiError(a.status, a.header, a.body, c.now())
	e.Message, e.Body = c.redact(e.Message), c.bodyExcerpt(a.body)
	resp.RetryAfter = e.RetryAfter
	if a.err != nil {
		return fmt.Errorf("%w (%w)", e, a.err)
	}
	return e
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
		slog.String("request_id", header(a.header, "X-Request-Id")),
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "invites: attempt", attrs...)
}
