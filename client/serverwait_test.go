package client

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestServerWaitParsing(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		status  int
		headers []string
		message string
		want    time.Duration
		asked   bool
	}{
		{"nothing", 429, nil, "Rate limit reached", 0, false},
		{"ms wins", 429, []string{"retry-after-ms", "1500", "retry-after", "9"}, "", 1500 * time.Millisecond, true},
		{"seconds", 503, []string{"retry-after", "7"}, "", 7 * time.Second, true},
		{"http date", 429, []string{"retry-after", "Fri, 02 Jan 2026 03:04:35 GMT"}, "", 30 * time.Second, true},
		{"past date", 429, []string{"retry-after", "Fri, 02 Jan 2026 03:00:00 GMT"}, "", 0, true},
		{"garbage header, message", 429, []string{"retry-after", "soon"}, "Please try again after 6.937 seconds.", 6937 * time.Millisecond, true},
		{"message on a non-429 is ignored", 503, nil, "Please try again after 6.937 seconds.", 0, false},
		{"negative", 429, []string{"retry-after-ms", "-5"}, "", 0, false},
	} {
		h := http.Header{}
		for i := 0; i < len(tc.headers); i += 2 {
			h.Set(tc.headers[i], tc.headers[i+1])
		}
		got, source, asked := serverWait(tc.status, h, tc.message, now)
		assert.Equal(t, tc.want, got, tc.name)
		assert.Equal(t, tc.asked, asked, tc.name)
		switch {
		case !asked:
			assert.Zero(t, source, tc.name)
		case tc.message != "":
			assert.Equal(t, WaitFromMessage, source, tc.name)
		default:
			assert.Equal(t, WaitFromHeader, source, tc.name)
		}
	}
}

// TestA429sMessageIsReadWhole: every form of a duration a 429's message
// may hold is read whole, in any case. Read as the old pattern did, "2
// minutes" was 2 s, "1.5m" 1 s (a millisecond unit's "m"), and
// "1m12.748s" was not recognised.
func TestA429sMessageIsReadWhole(t *testing.T) {
	t.Parallel()
	for message, want := range map[string]time.Duration{
		"Rate limit reached for requests. Please try again after 6.937 seconds.": 6937 * time.Millisecond,
		"Please try again in 20s.":                                    20 * time.Second,
		"please try again in 150ms":                                   150 * time.Millisecond,
		"Please TRY AGAIN IN 150MS.":                                  150 * time.Millisecond,
		"Please try again in 1m12.748s.":                              time.Minute + 12748*time.Millisecond,
		"Please try again in 1.5m.":                                   90 * time.Second,
		"Please try again in 2 minutes.":                              2 * time.Minute,
		"Please try again in 1 minute.":                               time.Minute,
		"Please try again in 1 minute and 30 seconds.":                90 * time.Second,
		"Please try again in 1 min, 5 secs":                           65 * time.Second,
		"Please try again after 1 hour":                               time.Hour,
		"Please try again after 2h30m":                                150 * time.Minute,
		"Please try again after 250 milliseconds.":                    250 * time.Millisecond,
		"Please try again after 7.":                                   7 * time.Second,
		"Please try again after 0 seconds.":                           0,
		"Please try again in 12 or so.":                               12 * time.Second,
		"You hit the limit. Try  again   in 1s?":                      0, // a no-break space is not a space here: nothing is read
		"try again later, or try again in 3s":                         3 * time.Second,
		"Please try again in 1m and 5 or so":                          time.Minute,
		"Please try again in 2.5 Minutes":                             150 * time.Second,
		"Please try again in 500µs":                                   500 * time.Microsecond,
		"Please try again in 99999999999999999999 hours":              0, // overflows: no wait is read
		"Please try again after a while.":                             0,
		"Please try again after some 5 seconds.":                      0,
		"Please try again in .5s":                                     0, // no leading digit: not a number here
		"Please try again in 1.5.5s":                                  1500 * time.Millisecond,
		"Please try again in 3 s":                                     3 * time.Second,
		"Please try again in 45sec":                                   45 * time.Second,
		"Please try again in 1hr 2mins":                               time.Hour + 2*time.Minute,
		"Please try again in 10ns":                                    10,
		"Please try again in 4us":                                     4 * time.Microsecond,
		"Rate limit reached, try again in 6.937 seconds, not earlier": 6937 * time.Millisecond,
	} {
		got, asked := messageWait(message)
		assert.Equal(t, want, got, message)
		if want > 0 {
			assert.True(t, asked, message)
		}
	}
	for _, message := range []string{"Please try again after a while.", "Rate limit reached", "try again soon", ""} {
		_, asked := messageWait(message)
		assert.False(t, asked, message)
	}
}

// FuzzMessageWait feeds messages to the parser: it never panics, never
// reads a negative wait, and reads any duration Go prints, after "try
// again in", back exactly.
func FuzzMessageWait(f *testing.F) {
	f.Add("Please try again after 6.937 seconds.", int64(6937*time.Millisecond))
	f.Add("try again in 1m12.748s", int64(time.Minute))
	f.Add("TRY AGAIN IN 2 MINUTES", int64(2*time.Hour+3))
	f.Add("try again in 1.5m", int64(1))
	f.Fuzz(func(t *testing.T, message string, n int64) {
		if d, asked := messageWait(message); d < 0 || (!asked && d != 0) {
			t.Fatalf("messageWait(%q) = %v, %t", message, d, asked)
		}
		if n < 0 {
			n = -(n + 1)
		}
		want := time.Duration(n)
		for _, text := range []string{"Please try again in " + want.String() + ".", "try again after " + strings.ToUpper(want.String())} {
			got, asked := messageWait(text)
			if !asked || got != want {
				t.Fatalf("messageWait(%q) = %v, %t; want %v", text, got, asked, want)
			}
		}
	})
}
