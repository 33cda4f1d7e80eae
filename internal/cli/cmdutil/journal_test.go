package cmdutil_test

import (
	"path/filepath"
	"testing"

	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/journal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The journal is where $INVITES_JOURNAL says, else the user's state
// directory's, both read from the environment Run was given; --fake's
// is beside it; and the help says which.
func TestJournalPath(t *testing.T) {
	t.Parallel()
	factory := func(env map[string]string, fake bool) *cmdutil.Factory {
		f := cmdutil.NewFactory(clitest.NewTestIO("").IOStreams, func(k string) string { return env[k] })
		f.Flags.Fake = fake
		return f
	}
	named := filepath.Join("var", "lib", "invites", "journal.jsonl")
	state := map[string]string{"XDG_STATE_HOME": filepath.Join(t.TempDir(), "state"), "HOME": t.TempDir(), "LocalAppData": t.TempDir()}
	byDefault, err := journal.DefaultPathFrom(func(k string) string { return state[k] })
	require.NoError(t, err)

	for _, tc := range []struct {
		env        map[string]string
		fake       bool
		want, help string
	}{
		{map[string]string{cmdutil.JournalEnv: named}, false, named, "$INVITES_JOURNAL, " + named + "; with --fake, fake-journal.jsonl beside it"},
		{map[string]string{cmdutil.JournalEnv: named}, true, filepath.Join(filepath.Dir(named), "fake-journal.jsonl"), ""},
		{state, false, byDefault, "$INVITES_JOURNAL, else " + byDefault + "; with --fake, fake-journal.jsonl beside it"},
		{state, true, filepath.Join(filepath.Dir(byDefault), "fake-journal.jsonl"), ""},
	} {
		f := factory(tc.env, tc.fake)
		got, err := f.JournalPath()
		require.NoError(t, err)
		assert.Equal(t, tc.want, got)
		if tc.help != "" {
			assert.Equal(t, tc.help, f.JournalDefault())
		}
	}

	f := factory(nil, false)
	_, err = f.JournalPath()
	require.ErrorIs(t, err, journal.ErrNoHome)
	assert.Contains(t, err.Error(), "(set INVITES_JOURNAL=FILE)")
	assert.Equal(t, "$INVITES_JOURNAL, else under the user's state directory, which this environment does not name; with --fake, fake-journal.jsonl beside it", f.JournalDefault())
}
