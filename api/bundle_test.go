// Bundling is tried on small fragments made up for each case: what it
// merges, what it rewrites, and each mistake it refuses with the file and
// name at fault.

package api

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

const rootYAML = `# The root.
openapi: 3.0.3
info: {title: Root, version: "1"}
servers: [{url: https://example.test/v1}]
paths: {}
components:
  schemas:
    Error: {type: object}
`

const thingsYAML = `openapi: 3.0.3
info: {title: Things alone, version: "0"}
tags: [{name: Things}]
paths:
  /things:
    get:
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Thing"}
        "400":
          content:
            application/json:
              schema: {$ref: "root.yaml#/components/schemas/Error"}
components:
  schemas:
    Thing: {type: object} # a comment the bundle leaves out
`

func bundleOf(t *testing.T, files map[string]string, names ...string) (string, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	out, err := bundle(fsys, names)
	return string(out), err
}

func TestBundleMergesFragmentsIntoTheRoot(t *testing.T) {
	t.Parallel()
	out, err := bundleOf(t, map[string]string{"root.yaml": rootYAML, "things.yaml": thingsYAML}, "root.yaml", "things.yaml")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(out, "# Code generated from api/root.yaml, api/things.yaml by `make generate`; DO NOT EDIT.\n"), out)
	assert.NotContains(t, out, "comment", "the fragments' comments are left out")
	assert.NotContains(t, out, "Things alone", "a fragment's info describes it alone")

	var doc struct {
		Info    struct{ Title string }
		Tags    []struct{ Name string }
		Paths   map[string]any
		Servers []struct{ URL string }
	}
	require.NoError(t, yaml.Unmarshal([]byte(out), &doc))
	assert.Equal(t, "Root", doc.Info.Title)
	assert.Equal(t, "https://example.test/v1", doc.Servers[0].URL)
	assert.Equal(t, "Things", doc.Tags[0].Name)
	assert.Contains(t, doc.Paths, "/things")
	assert.Contains(t, out, `$ref: "#/components/schemas/Error"`, "a reference to another file becomes local")
	assert.NotContains(t, out, "root.yaml#")
	keys := []string{}
	for _, line := range strings.Split(out, "\n") {
		if line != "" && line[0] != ' ' && line[0] != '#' && line[0] != '-' {
			keys = append(keys, strings.SplitN(line, ":", 2)[0])
		}
	}
	assert.Equal(t, []string{"openapi", "info", "servers", "tags", "paths", "components"}, keys)
}

func TestBundleRefusesMistakes(t *testing.T) {
	t.Parallel()
	replace := func(s, old, with string) string {
		require.Contains(t, s, old)
		return strings.Replace(s, old, with, 1)
	}
	cases := map[string]struct {
		files map[string]string
		want  string
	}{
		"a component defined twice": {
			files: map[string]string{"things.yaml": replace(thingsYAML, "Thing: {type: object}", "Thing: {type: object}\n    Error: {type: string}")},
			want:  "things.yaml: schema Error is defined in another fragment too",
		},
		"a path defined twice": {
			files: map[string]string{"root.yaml": replace(rootYAML, "paths: {}", "paths: {/things: {}}")},
			want:  "things.yaml: path /things is defined in another fragment too",
		},
		"a tag defined twice": {
			files: map[string]string{"root.yaml": replace(rootYAML, "paths: {}", "tags: [{name: Things}]\npaths: {}")},
			want:  "things.yaml: tag Things is defined in another fragment too",
		},
		"a reference to a file that is not a fragment": {
			files: map[string]string{"things.yaml": replace(thingsYAML, "root.yaml#", "other.yaml#")},
			want:  `things.yaml: $ref "other.yaml#/components/schemas/Error" names other.yaml, which is not a fragment`,
		},
		"a reference to nothing": {
			files: map[string]string{"things.yaml": replace(thingsYAML, "schemas/Error", "schemas/Eror")},
			want:  `things.yaml: $ref "root.yaml#/components/schemas/Eror": "Eror" not found in root.yaml`,
		},
		"a local reference to another file's component": {
			files: map[string]string{"things.yaml": replace(thingsYAML, "root.yaml#", "#")},
			want:  `things.yaml: $ref "#/components/schemas/Error": "Error" not found in things.yaml`,
		},
		"a reference without a pointer": {
			files: map[string]string{"things.yaml": replace(thingsYAML, "root.yaml#/components/schemas/Error", "root.yaml")},
			want:  `things.yaml: $ref "root.yaml" has no #/pointer`,
		},
		"another openapi version": {
			files: map[string]string{"things.yaml": replace(thingsYAML, "openapi: 3.0.3", "openapi: 3.1.0")},
			want:  `things.yaml: openapi "3.1.0" differs from the root's`,
		},
		"a key that belongs in the root": {
			files: map[string]string{"things.yaml": thingsYAML + "security: [{Key: []}]\n"},
			want:  "things.yaml: security belongs in the root, not in a fragment",
		},
		"a YAML file that is not a fragment": {
			files: map[string]string{"stray.yaml": rootYAML},
			want:  "stray.yaml is not one of the fragments",
		},
		"not a mapping": {
			files: map[string]string{"things.yaml": "- a\n- b\n"},
			want:  "things.yaml: not an OpenAPI document",
		},
		"broken YAML": {
			files: map[string]string{"things.yaml": "paths: [\n"},
			want:  "things.yaml: yaml:",
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			files := map[string]string{"root.yaml": rootYAML, "things.yaml": thingsYAML}
			for f, body := range c.files {
				files[f] = body
			}
			_, err := bundleOf(t, files, "root.yaml", "things.yaml")
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
	_, err := bundleOf(t, map[string]string{"root.yaml": rootYAML}, "root.yaml", "absent.yaml")
	require.ErrorContains(t, err, "absent.yaml")
	_, err = bundleOf(t, nil)
	assert.ErrorContains(t, err, "no fragments")
}

// TestBundleOfTheFragmentsIsSelfContained checks the real fragments: one
// document, every reference inside it.
func TestBundleOfTheFragmentsIsSelfContained(t *testing.T) {
	t.Parallel()
	out, err := Bundle()
	require.NoError(t, err)
	for _, name := range Fragments {
		assert.NotContains(t, string(out), name+"#", "a reference to %s survived", name)
	}
	var doc yaml.Node
	require.NoError(t, yaml.Unmarshal(out, &doc))
	require.NoError(t, checkRefs(doc.Content[0]))
}
