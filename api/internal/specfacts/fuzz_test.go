// Whatever a document holds, reducing it answers facts or an error, never a
// panic or a hang.

package specfacts

import (
	"os"
	"testing"
)

func FuzzExtract(f *testing.F) {
	seed, err := os.ReadFile("../../testdata/upstream.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte(`{"openapi": "3.0.3", "paths": {"/a": {"get": {"responses": {"200": {"content": {"a/b": {"schema": {"anyOf": [{"type": "null"}]}}}}}}}}}`))
	f.Add([]byte("openapi: 3.1.0\npaths: {/a: {parameters: [{$ref: '#/paths/~1a/parameters/0'}], get: {}}}\n"))
	f.Fuzz(func(_ *testing.T, raw []byte) {
		doc, err := Parse(raw)
		if err != nil {
			return
		}
		if _, err := Extract(doc.Root, Scope{Inline: []string{"Invite"}}); err != nil {
			return
		}
		_, _ = Extract(doc.Root, Mirrored)
	})
}
