// The facts file: one fact a line, sorted, so that a change in the source
// document shows as a few changed lines in review.

package specfacts

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// File is what a facts file holds: where the facts came from, and the facts.
type File struct {
	Note    string `json:"note"`
	Source  string `json:"source"`  // where the document came from, as the maintainer named it
	SHA256  string `json:"sha256"`  // of the document's bytes
	OpenAPI string `json:"openapi"` // the document's openapi version
	Version string `json:"version"` // the document's info.version
	Facts   Facts  `json:"facts"`
}

// Encode writes f as indented JSON, one fact a line, keys sorted.
func (f *File) Encode() []byte {
	var b bytes.Buffer
	b.WriteString("{\n")
	for _, field := range [][2]string{
		{"note", f.Note}, {"source", f.Source}, {"sha256", f.SHA256},
		{"openapi", f.OpenAPI}, {"version", f.Version},
	} {
		fmt.Fprintf(&b, "  %s: %s,\n", encode(field[0]), encode(field[1]))
	}
	b.WriteString("  \"facts\": {")
	for i, k := range f.Facts.Keys() {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n    %s: %s", encode(k), f.Facts[k])
	}
	b.WriteString("\n  }\n}\n")
	return b.Bytes()
}

// DecodeFile reads what Encode wrote.
func DecodeFile(raw []byte) (*File, error) {
	var f struct {
		File
		Facts map[string]json.RawMessage `json:"facts"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, fmt.Errorf("decoding facts file: %w", err)
	}
	out := f.File
	out.Facts = make(Facts, len(f.Facts))
	for k, v := range f.Facts {
		var b bytes.Buffer
		if err := json.Compact(&b, v); err != nil {
			return nil, fmt.Errorf("fact %q: %w", k, err)
		}
		out.Facts[k] = b.String()
	}
	return &out, nil
}
