package root_test

import (
	"testing"

	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/stretchr/testify/assert"
)

func TestUsageErrorsExit2WithOneLine(t *testing.T) {
	t.Parallel()
	for name, args := range map[string][]string{
		"unknown flag":    {"version", "--nope"},
		"unknown command": {"frobnicate"},
		"extra argument":  {"version", "x"},
		"bad output":      {"--output", "yaml", "version"},
		"fake and url":    {"--fake", "--base-url", "http://127.0.0.1:1/v1", "version"},
		"bad retries":     {"--max-retries", "-5", "version"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := clitest.CLI{}.Run(t, args...)
			assert.Equal(t, cmdutil.ExitUsage, r.Code, r.Stderr)
			errLines := clitest.Lines(r.Stderr)
			if assert.NotEmpty(t, errLines) {
				assert.Regexp(t, `^invites: `, errLines[0])
			}
			assert.LessOrEqual(t, len(errLines), 2, "an error line and at most a usage hint")
			assert.NotContains(t, r.Stderr, "goroutine")
		})
	}
}

func TestHelpNeedsNothing(t *testing.T) {
	t.Parallel()
	r := clitest.CLI{}.Run(t, "--help")
	assert.Equal(t, 0, r.Code)
	assert.Contains(t, r.Stdout, "OPENAI_ADMIN_KEY")
	assert.Contains(t, r.Stdout, "Exit codes")
}
