package root_test

import (
	"testing"

	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/stretchr/testify/assert"
)

func TestCompletion(t *testing.T) {
	t.Parallel()
	for _, shell := range []string{"bash", "zsh", "fish"} {
		r := clitest.CLI{}.Run(t, "completion", shell)
		assert.Equal(t, 0, r.Code, shell)
		assert.Contains(t, r.Stdout, "invites", shell)
		assert.Greater(t, len(r.Stdout), 500, shell)
	}
	r := clitest.CLI{}.Run(t, "completion", "tcsh")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
}
