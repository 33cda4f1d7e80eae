// retry.go decides whether and when to try again. The rules differ by method
// because only GET and DELETE are safe to repeat: a create is re-sent only
// when it certainly did not reach the server, or after a look-up found that
// it created nothing.

package client

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"time"
)

// retryRule is what may follow a failed attempt.
type retryRule int

const (
	stop           retryRule = iota // the failure is final
	retry                           // safe to send again
	checkThenRetry                  // a create that may have been applied: look before sending again
	recoverOnly                     // a create answered 2xx: applied, so look, and never send again
)

// retryRuleFor says what may follow a failed attempt of o.
func retryRuleFor(o *op, a *attempt) retryRule {
	idempotent := o.method != http.MethodPost || o.repeatable
	if a.err != nil && a.status >= 200 && a.status <= 299 { // the body was cut off, malformed or too large
		switch {
		case errors.Is(a.err, errTooLarge): // it would be as large again
			return stop
		case !idempotent:
			return recoverOnly
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
// server: the connection was never made.
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
