// exchange.go makes one attempt of a call: one HTTP exchange, its whole
// body read within the attempt's timeout, and the answer read once
// (response.go) for every step after it. Every attempt's request is built
// afresh by gen's request builders: the client never writes a URL, a query
// or a body itself.

package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
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
	req, err := o.build(c.server)
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
