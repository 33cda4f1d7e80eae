// Invites expire after days, so prune's --older-than takes days ("30d") on
// top of everything time.ParseDuration reads.
package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var leadingDays = regexp.MustCompile(`^(\d+)d`)

// parseAge reads a Go duration with an optional leading whole number of days:
// "30d", "1d12h", "36h", "90m".
func parseAge(s string) (time.Duration, error) {
	rest := strings.TrimSpace(s)
	if rest == "" {
		return 0, fmt.Errorf("duration %q: empty", s)
	}
	var days time.Duration
	if m := leadingDays.FindStringSubmatch(rest); m != nil {
		n, err := strconv.Atoi(m[1])
		if err != nil || n > 100*365 {
			return 0, fmt.Errorf("duration %q: too many days", s)
		}
		days = time.Duration(n) * 24 * time.Hour
		rest = rest[len(m[0]):]
	}
	if rest == "" {
		return days, nil
	}
	d, err := time.ParseDuration(rest)
	if err != nil {
		return 0, fmt.Errorf("duration %q: want a number of days (30d) or a Go duration (36h, 1d12h)", s)
	}
	if d < 0 {
		return 0, fmt.Errorf("duration %q: must not be negative", s)
	}
	return days + d, nil
}

// ageValue is a pflag.Value for flags that take parseAge's syntax.
type ageValue struct {
	d   *time.Duration
	set bool
}

func (v *ageValue) String() string {
	if v.d == nil || !v.set {
		return ""
	}
	return v.d.String()
}

func (v *ageValue) Set(s string) error {
	d, err := parseAge(s)
	if err != nil {
		return err
	}
	*v.d, v.set = d, true
	return nil
}

func (v *ageValue) Type() string { return "duration" }
