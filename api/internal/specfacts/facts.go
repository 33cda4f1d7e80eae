// The facts themselves and the one way a value is written, so that equal
// facts are equal strings whichever document they came from.

package specfacts

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
)

// Facts maps a fact's key to its value in compact JSON.
type Facts map[string]string

// Keys returns the keys in sorted order.
func (f Facts) Keys() []string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Key joins steps into a fact's key.
func Key(steps ...string) string { return strings.Join(steps, " ") }

// encode writes v as compact JSON without HTML escaping. Values come from a
// decoded document, so they always encode.
func encode(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return `"unencodable"`
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// set records one fact.
func (f Facts) set(key string, v any) { f[key] = encode(v) }

// setList records a list whose order carries no meaning (enum values,
// media types, security alternatives) in one order.
func (f Facts) setList(key string, values []any) {
	enc := make([]string, len(values))
	for i, v := range values {
		enc[i] = encode(v)
	}
	slices.Sort(enc)
	f[key] = "[" + strings.Join(enc, ",") + "]"
}
