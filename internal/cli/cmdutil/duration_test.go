package cmdutil

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseAge(t *testing.T) {
	t.Parallel()
	day := 24 * time.Hour
	good := map[string]time.Duration{
		"30d":   30 * day,
		"1d12h": day + 12*time.Hour,
		"36h":   36 * time.Hour,
		"2w":    14 * day,
		"1w3d":  10 * day,
		"0d":    0,
		" 7d ":  7 * day,
	}
	for in, want := range good {
		got, err := parseAge(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "d", "30", "-1h", "3x", "d30", "999999d", "99999999999999999999w", "1d-2h", "90s", "1.5d", "30d 2h"} {
		_, err := parseAge(bad)
		assert.Error(t, err, "%q", bad)
	}
}

func TestParseAgeRefusesMinutesAndMonths(t *testing.T) {
	t.Parallel()
	for _, in := range []string{"1m", "1mo", "3M", "1d30m", "2months"} {
		_, err := parseAge(in)
		require.Error(t, err, in)
		assert.Contains(t, err.Error(), "could mean minutes or months", in)
		assert.Contains(t, err.Error(), "30d", "the hint shows what to write")
	}
}
