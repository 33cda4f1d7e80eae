// The program is checked on the synthetic upstream in api/testdata: its
// output is reproduced byte for byte, a recorded source is kept only for
// the same document, and JSON gives the facts YAML gives.

package main

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

const (
	upstream = "../testdata/upstream.yaml"
	golden   = "../testdata/upstream.facts.json"
	source   = "synthetic: api/testdata/upstream.yaml"
)

var update = flag.Bool("update", false, "rewrite "+golden)

func TestFingerprintIsReproduced(t *testing.T) {
	t.Parallel()
	if *update {
		require.NoError(t, run(upstream, source, golden))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "facts.json")
	require.NoError(t, run(upstream, source, out))
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "go test ./api/officialfacts -update rewrites the golden file")
}

func TestRecordedSourceIsKeptForTheSameDocument(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "facts.json")
	require.NoError(t, run(upstream, source, out))
	before, err := os.ReadFile(out)
	require.NoError(t, err)
	require.NoError(t, run(upstream, "", out))
	after, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, string(before), string(after))
}

func TestNewDocumentNeedsItsSource(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	other := filepath.Join(dir, "other.json")
	require.NoError(t, os.WriteFile(other, []byte(`{"sha256": "0000", "source": "old", "facts": {}}`), 0o600))
	for name, out := range map[string]string{
		"no previous file":   filepath.Join(dir, "absent.json"),
		"another document":   other,
		"to standard output": "",
	} {
		_, err := fingerprint(upstream, "", out)
		assert.ErrorContains(t, err, "-source", name)
	}
}

func TestJSONGivesTheFactsOfYAML(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(upstream)
	require.NoError(t, err)
	var tree any
	require.NoError(t, yaml.Unmarshal(raw, &tree))
	asJSON, err := json.MarshalIndent(tree, "", "\t")
	require.NoError(t, err)
	in := filepath.Join(t.TempDir(), "upstream.json")
	require.NoError(t, os.WriteFile(in, asJSON, 0o600))

	fromYAML, err := fingerprint(upstream, source, "")
	require.NoError(t, err)
	fromJSON, err := fingerprint(in, source, "")
	require.NoError(t, err)
	assert.Equal(t, fromYAML.Facts, fromJSON.Facts)
	assert.NotEqual(t, fromYAML.SHA256, fromJSON.SHA256)
}

func TestBadInputIsAnError(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, body := range map[string]string{
		"not a document": "- a\n- b\n",
		"swagger 2":      "swagger: \"2.0\"\npaths: {}\n",
		"broken yaml":    "openapi: 3.1.0\npaths: [\n",
		"broken json":    `{"openapi": "3.1.0",`,
		"missing $ref": "openapi: 3.1.0\npaths:\n  /organization/invites:\n    get:\n      responses:\n" +
			"        \"200\": {content: {application/json: {schema: {$ref: \"#/components/schemas/Nope\"}}}}\n",
	} {
		in := filepath.Join(dir, "doc")
		require.NoError(t, os.WriteFile(in, []byte(body), 0o600))
		_, err := fingerprint(in, source, "")
		require.Error(t, err, name)
	}
	_, err := fingerprint(filepath.Join(dir, "absent.yaml"), source, "")
	assert.Error(t, err)
}
