// The command writes what api.Bundle returns, whole, where -o says.

package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goinvites/invites/api"
)

func TestRunWritesTheBundle(t *testing.T) {
	t.Parallel()
	want, err := api.Bundle()
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "openapi.yaml")
	require.NoError(t, run(out))
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got))
	require.Error(t, run(filepath.Join(t.TempDir(), "absent", "openapi.yaml")), "a directory that does not exist")
}
