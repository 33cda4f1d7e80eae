// serverwait.go reads the wait a server asks for before the next request:
// from retry-after-ms, from Retry-After, or, where the Admin API gives it
// nowhere else, from a 429's message ("... Please try again after 6.937
// seconds."). The message is read whole, in every form a person or Go's
// time package writes a duration: a wait read short only buys another 429.

package client

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// WaitSource says where a wait the server asked for came from.
type WaitSource int

// Where a wait comes from.
const (
	WaitFromHeader  WaitSource = iota + 1 // retry-after-ms, Retry-After or x-ratelimit-reset-requests
	WaitFromMessage                       // the text of a 429's message
	WaitFromPace                          // the pace the client learned from earlier answers
)

// String returns "header", "message" or "pace".
func (s WaitSource) String() string {
	switch s {
	case WaitFromHeader:
		return "header"
	case WaitFromMessage:
		return "message"
	case WaitFromPace:
		return "pace"
	}
	return "server"
}

// serverWait is the wait the server asks for, where it asked it, and
// whether it asked; a Retry-After date counts from now.
func serverWait(status int, h http.Header, message string, now time.Time) (time.Duration, WaitSource, bool) {
	if d, ok := parseWait(header(h, "Retry-After-Ms"), time.Millisecond); ok {
		return d, WaitFromHeader, true
	}
	if v := header(h, "Retry-After"); v != "" {
		if d, ok := parseWait(v, time.Second); ok {
			return d, WaitFromHeader, true
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(t.Sub(now), 0), WaitFromHeader, true
		}
	}
	if status == http.StatusTooManyRequests {
		if d, ok := messageWait(message); ok {
			return d, WaitFromMessage, true
		}
	}
	return 0, 0, false
}

// parseWait reads a duration written as Go does ("1m0s", "6.937s", "20ms")
// or as a bare number in unit.
func parseWait(s string, unit time.Duration) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 0 || f > float64(1<<62)/float64(unit) {
			return 0, false
		}
		return time.Duration(f * float64(unit)), true
	}
	d, err := time.ParseDuration(s)
	return d, err == nil && d >= 0
}

// messageWait reads the wait in a 429's message: what follows "try again
// after" or "try again in", in any case, read whole: "6.937 seconds",
// "20s", "150ms", "1m12.748s", "1.5m", "2 minutes", "1 minute and 30
// seconds". A bare number is seconds.
func messageWait(message string) (time.Duration, bool) {
	rest, ok := afterTryAgain(strings.ToLower(message))
	if !ok {
		return 0, false
	}
	// Each part becomes Go's spelling ("1m", "12.748s"), and the whole is
	// read by time.ParseDuration, which is exact and knows overflow.
	var goForm strings.Builder
	for {
		number, unit, next := durationPart(rest)
		if number == "" {
			break
		}
		goUnit, known := spokenUnits[unit]
		if !known {
			if goForm.Len() == 0 { // a bare number is seconds, and ends the wait
				goForm.WriteString(number + "s")
			}
			break // after a duration, "and 5 or so" is not one
		}
		goForm.WriteString(number + goUnit)
		rest = strings.TrimPrefix(strings.TrimLeft(next, " ,"), "and ")
	}
	if goForm.Len() == 0 {
		return 0, false
	}
	d, err := time.ParseDuration(goForm.String())
	return d, err == nil
}

// afterTryAgain returns what follows "try again after" or "try again in"
// (spaces between the words as they come) in lower-case text.
func afterTryAgain(s string) (string, bool) {
	for {
		i := strings.Index(s, "try again")
		if i < 0 {
			return "", false
		}
		s = strings.TrimLeft(s[i+len("try again"):], " ")
		for _, word := range []string{"after", "in"} {
			if rest, ok := strings.CutPrefix(s, word); ok && strings.HasPrefix(rest, " ") {
				return strings.TrimLeft(rest, " "), true
			}
		}
	}
}

// durationPart splits s into a leading number ("12", "6.937"), the unit
// word after it (spaces between allowed) and what follows; number is ""
// when s does not begin with one.
func durationPart(s string) (number, unit, rest string) {
	n := digitsFrom(s, 0)
	if n > 0 && n+1 < len(s) && s[n] == '.' && isDigit(s[n+1]) {
		n = digitsFrom(s, n+1)
	}
	if n == 0 {
		return "", "", s
	}
	rest = strings.TrimLeft(s[n:], " ")
	u := strings.IndexFunc(rest, func(r rune) bool { return (r < 'a' || r > 'z') && r != 'µ' && r != 'μ' })
	if u < 0 {
		u = len(rest)
	}
	return s[:n], rest[:u], rest[u:]
}

// digitsFrom is the index of the first byte of s at or after i that is
// not a digit.
func digitsFrom(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// spokenUnits maps the units a message may use to Go's.
var spokenUnits = map[string]string{
	"ns": "ns", "nanosecond": "ns", "nanoseconds": "ns",
	"us": "us", "µs": "us", "μs": "us", "microsecond": "us", "microseconds": "us",
	"ms": "ms", "msec": "ms", "msecs": "ms", "millisecond": "ms", "milliseconds": "ms",
	"s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
	"m": "m", "min": "m", "mins": "m", "minute": "m", "minutes": "m",
	"h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
}
