// The clock lets a test move time (expiry, rate-limit windows) without
// sleeping. It is guarded by the Handler's mutex.

package fake

import "time"

type clock struct {
	source func() time.Time
	frozen bool
	at     time.Time     // the frozen time
	offset time.Duration // added to source when not frozen
}

func newClock(c config) clock {
	if c.frozen != nil {
		return clock{frozen: true, at: *c.frozen}
	}
	return clock{source: c.now}
}

func (c *clock) now() time.Time {
	if c.frozen {
		return c.at
	}
	return c.source().Add(c.offset)
}

func (c *clock) advance(d time.Duration) {
	if c.frozen {
		c.at = c.at.Add(d)
		return
	}
	c.offset += d
}

func (c *clock) set(t time.Time) {
	if c.frozen {
		c.at = t
		return
	}
	c.offset = t.Sub(c.source())
}
