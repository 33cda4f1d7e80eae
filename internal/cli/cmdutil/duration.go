// Invites expire after days, so prune's --older-than counts in hours, days
// and weeks. Minutes are refused outright: "1m" reads as a month to many
// people and as a minute to Go, and guessing wrong deletes the wrong
// invites.

package cmdutil

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	ageTerm  = regexp.MustCompile(`^(\d+)([a-zA-Z]*)`)
	ageUnits = map[string]time.Duration{"h": time.Hour, "d": 24 * time.Hour, "w": 7 * 24 * time.Hour}
)

// maxAge bounds --older-than well past any invite's life.
const maxAge = 100 * 365 * 24 * time.Hour

// parseAge reads whole numbers of hours, days and weeks, alone or together:
// "36h", "30d", "2w", "1w3d", "1d12h".
func parseAge(s string) (time.Duration, error) {
	rest := strings.TrimSpace(s)
	if rest == "" {
		return 0, fmt.Errorf("duration %q: empty", s)
	}
	var total time.Duration
	for rest != "" {
		m := ageTerm.FindStringSubmatch(rest)
		if m == nil {
			return 0, fmt.Errorf("duration %q: want a number of hours, days or weeks (36h, 30d, 2w)", s)
		}
		unit, known := ageUnits[m[2]]
		switch {
		case strings.HasPrefix(strings.ToLower(m[2]), "m"):
			return 0, fmt.Errorf("duration %q: %q could mean minutes or months; write hours, days or weeks instead (for a month, 30d)", s, m[2])
		case m[2] == "":
			return 0, fmt.Errorf("duration %q: %s needs a unit: h, d or w (36h, 30d, 2w)", s, m[1])
		case !known:
			return 0, fmt.Errorf("duration %q: unknown unit %q (want h, d or w: 36h, 30d, 2w)", s, m[2])
		}
		n, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil || time.Duration(n) > maxAge/unit {
			return 0, fmt.Errorf("duration %q: too long", s)
		}
		total += time.Duration(n) * unit
		rest = rest[len(m[0]):]
	}
	if total > maxAge {
		return 0, fmt.Errorf("duration %q: too long", s)
	}
	return total, nil
}

// AgeValue is a pflag.Value for flags that take parseAge's syntax.
type AgeValue struct {
	d   *time.Duration
	set bool
}

// NewAgeValue is a flag's value that sets *d.
func NewAgeValue(d *time.Duration) *AgeValue { return &AgeValue{d: d} }

// String is the age set, as a time.Duration prints it; "" when unset.
func (v *AgeValue) String() string {
	if v.d == nil || !v.set {
		return ""
	}
	return v.d.String()
}

// Set reads s as parseAge does.
func (v *AgeValue) Set(s string) error {
	d, err := parseAge(s)
	if err != nil {
		return err
	}
	*v.d, v.set = d, true
	return nil
}

// Type names the value in the help: duration.
func (v *AgeValue) Type() string { return "duration" }
