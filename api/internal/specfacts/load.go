// Reading a document: JSON or YAML into one plain tree, so that the rest of
// the package never asks which syntax it came from.

package specfacts

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Document is a decoded OpenAPI document and what identifies its bytes.
type Document struct {
	Root    map[string]any
	SHA256  string // of the bytes read, in hex
	OpenAPI string // the document's openapi field, e.g. "3.1.0"
	Version string // its info.version
}

// Load reads and decodes the OpenAPI document at path.
func Load(path string) (*Document, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc, err := Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return doc, nil
}

// Parse decodes an OpenAPI 3 document written in JSON or YAML.
func Parse(raw []byte) (*Document, error) {
	var tree any
	body := bytes.TrimLeft(bytes.TrimPrefix(raw, []byte("\uFEFF")), " \t\r\n")
	if bytes.HasPrefix(body, []byte("{")) {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if err := dec.Decode(&tree); err != nil {
			return nil, fmt.Errorf("decoding JSON: %w", err)
		}
	} else if err := yaml.Unmarshal(body, &tree); err != nil {
		return nil, fmt.Errorf("decoding YAML: %w", err)
	}
	root, ok := plain(tree).(map[string]any)
	if !ok {
		return nil, errors.New("not an OpenAPI document: the top level is not a mapping")
	}
	version, _ := root["openapi"].(string)
	if !strings.HasPrefix(version, "3.") {
		return nil, fmt.Errorf("not an OpenAPI 3 document (openapi: %q)", version)
	}
	info, _ := root["info"].(map[string]any)
	infoVersion, _ := info["version"].(string)
	sum := sha256.Sum256(raw)
	return &Document{Root: root, SHA256: hex.EncodeToString(sum[:]), OpenAPI: version, Version: infoVersion}, nil
}

// plain turns what either decoder produced into maps with string keys and
// float64 numbers, so that YAML's 20 and JSON's 20 are the same value.
func plain(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = plain(e)
		}
		return v
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[fmt.Sprint(k)] = plain(e)
		}
		return m
	case []any:
		for i, e := range v {
			v[i] = plain(e)
		}
		return v
	case json.Number:
		if f, err := v.Float64(); err == nil {
			return f
		}
		return v.String()
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	default:
		return v
	}
}
