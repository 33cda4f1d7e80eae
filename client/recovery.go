// recovery.go is the one create-recovery step. The API has no idempotency
// keys, so after an attempt that may have reached the server, the only safe
// way to know whether a create made the invite is to look for it; the run
// loop takes this step wherever an answer leaves that open, and never
// sends a create again before it.

package client

import (
	"context"
	"fmt"
)

// lookForCreated runs a create's look-up for what an earlier attempt may
// have created; a failed look-up leaves the outcome unknown. Calls other
// than creates have nothing to look for.
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
