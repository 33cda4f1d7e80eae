package cmdutil

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConfirmRemoval(t *testing.T) {
	t.Parallel()
	show := func(w io.Writer) error { _, err := fmt.Fprintln(w, "user-a  ada@example.com"); return err }
	run := func(stdin string, terminal, yes bool) (bool, string, error) {
		var stderr bytes.Buffer
		ios := NewStreams(strings.NewReader(stdin), io.Discard, &stderr)
		ios.SetTerminal(terminal, terminal)
		ok, err := ConfirmRemoval(ios, yes, show, "Remove these 1 member(s)?")
		return ok, stderr.String(), err
	}

	ok, stderr, err := run("y\n", true, false)
	require.NoError(t, err)
	assert.True(t, ok)
	assert.Equal(t, "To remove (this cannot be undone):\nuser-a  ada@example.com\nRemove these 1 member(s)? This cannot be undone. [y/N] ", stderr)

	ok, stderr, err = run("\n", true, false)
	require.NoError(t, err)
	assert.False(t, ok, "no answer is no")
	assert.True(t, strings.HasSuffix(stderr, "Nothing removed.\n"))

	ok, stderr, err = run("", false, false)
	assert.False(t, ok)
	var usage *UsageError
	require.ErrorAs(t, err, &usage, "without a terminal and --yes: refused")
	require.ErrorContains(t, err, "pass --yes")
	assert.Contains(t, stderr, "user-a", "shown all the same")

	ok, stderr, err = run("", false, true)
	require.NoError(t, err)
	assert.True(t, ok, "--yes asks nothing")
	assert.NotContains(t, stderr, "[y/N]")

	failing := func(io.Writer) error { return errors.New("broken pipe") }
	var stderrBuf bytes.Buffer
	ok, err = ConfirmRemoval(NewStreams(strings.NewReader(""), io.Discard, &stderrBuf), true, failing, "?")
	assert.False(t, ok)
	require.EqualError(t, err, "broken pipe")
}
