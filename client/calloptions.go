// calloptions.go lets one call differ from the Client's settings, as
// openai-go's RequestOption does, so that a caller never builds a second
// Client for one request with a shorter deadline or a tracing header.

package client

import (
	"context"
	"net/http"
	"time"
)

// CallOption changes one call. Every method takes them last; in All and the
// look-ups (FindByEmail, Ensure, a Create's recovery) they apply to each
// request the call makes.
type CallOption func(*callConfig)

type callConfig struct {
	timeout time.Duration
	header  http.Header // canonical names; replaces the Client's of the same name
	err     error       // the first option that cannot be honoured
}

// WithCallTimeout bounds the whole call, its retries and waits included, as
// context.WithTimeout on ctx would; d <= 0 adds no bound. Each attempt is
// still bounded by WithAttemptTimeout.
func WithCallTimeout(d time.Duration) CallOption {
	return func(c *callConfig) { c.timeout = d }
}

// WithCallHeader sets a header on the call's requests, replacing one of the
// same name given to WithHeader. The headers WithHeader cannot set are left
// out here too; a name or value that cannot go in a header fails the call
// with a *ValidationError before anything is sent.
func WithCallHeader(name, value string) CallOption {
	return func(c *callConfig) {
		if err := checkHeader(name, value); err != nil {
			if c.err == nil {
				c.err = invalid("header", name, err.Error())
			}
			return
		}
		if c.header == nil {
			c.header = http.Header{}
		}
		addHeader(c.header, name, value)
	}
}

// noCall is the configuration of a call given no options.
var noCall = &callConfig{}

// newCall applies opts.
func newCall(opts []CallOption) (*callConfig, error) {
	if len(opts) == 0 {
		return noCall, nil
	}
	call := &callConfig{}
	for _, opt := range opts {
		opt(call)
	}
	return call, call.err
}

// bound applies the call's timeout to ctx; the caller must call cancel.
// Bounding a context again, as a look-up inside a call does, changes
// nothing: the earlier deadline stays.
func (call *callConfig) bound(ctx context.Context) (context.Context, context.CancelFunc) {
	if call.timeout <= 0 {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, call.timeout)
}
