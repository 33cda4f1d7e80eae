package cmdutil_test

import (
	"testing"

	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A question needs someone to read it (stderr) and to answer it (stdin):
// with either side a pipe or a file, nothing is asked and nothing waits.
func TestAQuestionIsAskedOnlyWhenStdinAndStderrAreTerminals(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name          string
		stdin, stderr bool
		why           string // "" when a question may be asked
	}{
		{"both terminals", true, true, ""},
		{"stderr into a pipe (2>&1 | tail)", true, false, "stderr, where the question would go, is not a terminal (a pipe or a file)"},
		{"stdin from a pipe", false, true, "stdin is not a terminal to ask on"},
		{"neither", false, false, "stdin is not a terminal to ask on"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tio := clitest.NewTestIO("y\n")
			tio.SetTerminal(tc.stdin, tc.stderr)
			assert.Equal(t, tc.why == "", tio.CanPrompt())
			yes, err := tio.Confirm("Go on?")
			if tc.why == "" {
				require.NoError(t, err)
				assert.True(t, yes)
				assert.Equal(t, "Go on? [y/N] ", tio.Stderr.String())
				return
			}
			require.Error(t, err)
			assert.False(t, yes)
			assert.Empty(t, tio.Stderr.String(), "no question written where no one answers it")
			refusal := tio.RefuseWithoutPrompt("remove", "pass --yes")
			require.EqualError(t, refusal, "refusing to remove without confirmation: "+tc.why+"; pass --yes")
			assert.Equal(t, cmdutil.ExitUsage, cmdutil.ExitCode(t.Context(), refusal, true))
		})
	}
}

func TestAStdinTakenAnswersNoQuestion(t *testing.T) {
	t.Parallel()
	tio := clitest.NewTestIO("email\n").Terminal()
	_, err := tio.TakeStdin("--file -")
	require.NoError(t, err)
	assert.False(t, tio.CanPrompt())
	require.EqualError(t, tio.RefuseWithoutPrompt("change the organization", "pass --yes"),
		"refusing to change the organization without confirmation: stdin is read by --file -; pass --yes")
}
