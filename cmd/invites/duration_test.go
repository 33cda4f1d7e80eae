package main

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
		"30d":     30 * day,
		"1d12h":   day + 12*time.Hour,
		"36h":     36 * time.Hour,
		"90m":     90 * time.Minute,
		"0d":      0,
		" 7d ":    7 * day,
		"2d30m0s": 2*day + 30*time.Minute,
	}
	for in, want := range good {
		got, err := parseAge(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"", "d", "30", "-1h", "1w", "3x", "d30", "999999d", "1d-2h"} {
		_, err := parseAge(bad)
		assert.Error(t, err, "%q", bad)
	}
}
