// retry.go holds the one retry decision: after each attempt, whether the
// call is over, whether to look for what a create may have made, and how
// long to wait before the next attempt. The rules differ by method because
// only GET and DELETE are safe to repeat: a create is re-sent only when it
// certainly did not reach the server, or after a look-up found that it
// created nothing.

package client

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"time"
)

// maxRateLimited bounds the 429s one call sits out: they spend no retry,
// but a server answering 429 this many times to a paced client is not
// pacing it, it is refusing it.
const maxRateLimited = 30

// next is what follows an attempt.
type next struct {
	done bool  // the call is over, with err (nil: success)
	err  error // when done; after a look-up that finds nothing, too
	// look: a create that may have been applied is looked for first (after
	// the wait, when the call goes on); finding it ends the call.
	look  bool
	wait  time.Duration // before the next attempt
	paced bool          // the pacer sits the wait out, not the call
}

// decide is the one retry decision: what follows attempt a, whose error
// (nil on success) is err. It counts the attempt against the call's
// budgets: a 429 that the pacer sits out spends no retry, up to
// maxRateLimited; any other failure spends one. A 429 that ends the call
// ends it as a *RateLimitError saying why.
func (c *Client) decide(ctx context.Context, o *op, st *callState, a *attempt, err error) next {
	if err == nil {
		return next{done: true}
	}
	rule := retryRuleFor(o, a)
	earlier := st.ambiguous // an attempt before this one may have been applied
	st.ambiguous = earlier || rule.mayHaveApplied() || mayBeApplied(a)
	switch {
	case ended(ctx) != nil:
		return next{done: true, err: st.contextEnded(o, ended(ctx), err)}
	case earlier && gone(o, a):
		return next{done: true} // the earlier attempt deleted it
	case rule == recoverOnly:
		return next{done: true, look: true, err: o.recover.unknown(fmt.Sprintf("the server answered %d, so an attempt %%s, but looking for it found nothing", a.status), err)}
	}
	look := rule == checkThenRetry || earlier && refusedAgain(o, a)
	paced := c.pacer != nil && rule == retry && a.status == http.StatusTooManyRequests && a.asked
	if paced {
		st.limited++
	} else {
		st.failures++
	}
	wait := c.delay(a, st.failures)
	stop, why := rule == stop, RateLimitAnswered
	if !stop {
		stop, why = c.spent(ctx, st, a, wait)
	}
	if !stop {
		return next{wait: wait, paced: paced, look: look}
	}
	return next{done: true, look: look, err: gaveUp(a, why, err)}
}

// gone reports whether a is a removal's answer that what it removes is not
// there: a 404, or a project's refusal to remove someone it does not list
// (ErrNotInProject). After an attempt that may have removed it, the removal
// is done.
func gone(o *op, a *attempt) bool {
	return o.method == http.MethodDelete &&
		(a.status == http.StatusNotFound || a.apiErr != nil && errors.Is(a.apiErr, ErrNotInProject))
}

// refusedAgain reports whether a is a create's 400 or 409, which after an
// attempt that may have created its object may be the server refusing a
// duplicate of it.
func refusedAgain(o *op, a *attempt) bool {
	return o.recover.set() && (a.status == http.StatusBadRequest || a.status == http.StatusConflict)
}

// gaveUp is the error of a call that stops after attempt a: a 429 ends it
// as a *RateLimitError saying why, anything else with err as it is.
func gaveUp(a *attempt, why RateLimitReason, err error) error {
	if a.status != http.StatusTooManyRequests {
		return err
	}
	return &RateLimitError{Reason: why, RetryAfter: a.wait, Source: a.source, Err: err}
}

// spent reports whether the call has spent what it may on failures, and
// which limit it met: its retries or its 429s (the server's answer stands),
// or a wait longer than WithMaxRetryWait or its context's deadline allow.
func (c *Client) spent(ctx context.Context, st *callState, a *attempt, wait time.Duration) (bool, RateLimitReason) {
	switch {
	case st.failures > c.maxRetries || st.limited > maxRateLimited:
		return true, RateLimitAnswered
	case a.asked && wait > c.maxRetryWait:
		return true, RateLimitPastMaxWait
	case outlasts(ctx, wait):
		return true, RateLimitPastDeadline
	}
	return false, 0
}

// outlasts reports whether waiting d would take past ctx's deadline: then
// the caller gets the error now rather than when the context ends.
func outlasts(ctx context.Context, d time.Duration) bool {
	deadline, ok := ctx.Deadline()
	return ok && time.Until(deadline) < d
}

// retryRule is what may follow a failed attempt.
type retryRule int

const (
	stop           retryRule = iota // the failure is final
	retry                           // safe to send again
	checkThenRetry                  // a create that may have been applied: look before sending again
	recoverOnly                     // a create answered 2xx: applied, so look, and never send again
)

// mayHaveApplied reports whether the rule is a create's whose attempt may
// have been applied.
func (r retryRule) mayHaveApplied() bool { return r == checkThenRetry || r == recoverOnly }

// retryRuleFor says what may follow a failed attempt of o.
func retryRuleFor(o *op, a *attempt) retryRule {
	idempotent := o.method != http.MethodPost || o.repeatable
	if a.err != nil && a.status >= 200 && a.status <= 299 { // the body was cut off, malformed, closed or too large
		switch {
		case !idempotent: // whatever made it unreadable, a 2xx to a create made its object
			return recoverOnly
		case errors.Is(a.err, errTooLarge): // it would be as large again
			return stop
		}
		return retry
	}
	if !a.came() {
		switch {
		case a.notSent || idempotent:
			return retry
		default:
			return checkThenRetry
		}
	}
	switch a.shouldRetry {
	case "false":
		return stop
	case "true":
		if idempotent || a.status == http.StatusTooManyRequests {
			return retry
		}
		return checkThenRetry
	}
	switch {
	case a.status == http.StatusTooManyRequests:
		return retry
	case !retryableStatus(a.status) && a.status >= 300:
		return stop
	case idempotent:
		return retry
	}
	return checkThenRetry // a 408 or 5xx to a create
}

func retryableStatus(s int) bool {
	switch s {
	case http.StatusRequestTimeout, http.StatusTooManyRequests, http.StatusInternalServerError,
		http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// mayBeApplied reports whether the server may have carried out the attempt.
func mayBeApplied(a *attempt) bool {
	if !a.came() {
		return !a.notSent
	}
	return a.status == http.StatusRequestTimeout || a.status >= 500 || a.err != nil
}

// notSent reports whether err came before the request could reach the
// server: the connection was never made (a dial that failed, or that the
// context cut short). Any other failure, a TLS handshake or a wait for a
// pooled connection cut short included, may have come after bytes left:
// a create is then looked up, never taken for unsent.
func notSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// delay is the wait before the next attempt: the server's, when it asked
// for one, else the backoff after that many failures.
func (c *Client) delay(a *attempt, failures int) time.Duration {
	if a.asked {
		return a.wait
	}
	return backoff(c.backoffBase, failures)
}

// backoff doubles from base, capped at 16 times base (8 s for 0.5 s), less
// up to a quarter at random so that many clients do not retry in step.
func backoff(base time.Duration, n int) time.Duration {
	d := base << min(n-1, 4)
	return d - time.Duration(rand.Int64N(int64(d)/4+1))
}

// sleep waits d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
