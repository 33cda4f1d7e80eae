// The facts of one schema, with nullability brought to one spelling and
// named component schemas kept by name.

package specfacts

import (
	"fmt"
	"slices"
	"strings"
)

const schemaRef = "#/components/schemas/"

// schemaBudget bounds the schemas written out for one document, so that
// $refs that fan out (each part referring to the next twice) end in an error
// rather than in exponential work. OpenAI's whole document, every path of
// it, gives under 20,000 facts.
const schemaBudget = 100_000

// scalars are the schema keywords recorded as they are.
var scalars = []string{
	"format", "pattern", "default", "minimum", "maximum", "multipleOf",
	"minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
	"contentMediaType", "contentEncoding",
}

// flags are the schema keywords recorded only when true, false being their
// default.
var flags = []string{"uniqueItems", "readOnly", "writeOnly", "deprecated"}

// schema records the facts of node under key. seen holds the $refs being
// written out on the way here, so that a schema inlined into itself is an
// error, not a hang.
func (e *extractor) schema(key string, node any, seen []string) {
	if e.budget--; e.budget < 0 {
		e.fail("%s: more schemas than %d to write out; does the document reference one part many times over?", key, schemaBudget)
		return
	}
	switch node := node.(type) {
	case nil: // no schema: any value
		e.facts.set(Key(key, "type"), "any")
		return
	case bool: // 3.1: true allows anything, false nothing
		e.facts.set(Key(key, "type"), map[bool]string{true: "any", false: "none"}[node])
		return
	}
	m := asMap(node)
	if m == nil {
		e.fail("%s: a schema must be a mapping, not %T", key, node)
		return
	}
	if ref, ok := m["$ref"].(string); ok {
		e.ref(key, ref, without(m, "$ref"), seen)
		return
	}
	if merged, ok := e.withoutNull(m); ok {
		e.schema(key, merged, seen)
		return
	}
	if merged, ok := loneRef(m); ok {
		e.schema(key, merged, seen)
		return
	}
	e.keywords(key, m, seen, true)
}

// ref records a $ref: by name when it names a component schema not to be
// inlined, written out otherwise. siblings are the keywords beside it.
func (e *extractor) ref(key, ref string, siblings map[string]any, seen []string) {
	if name, ok := strings.CutPrefix(ref, schemaRef); ok && !strings.Contains(name, "/") {
		name = decodeStep(name)
		if !slices.Contains(e.scope.Inline, name) {
			e.facts.set(Key(key, "$ref"), name)
			e.reach(name)
			e.keywords(key, siblings, seen, false)
			return
		}
	}
	if slices.Contains(seen, ref) {
		e.fail("%s: $ref %s contains itself and cannot be written out", key, ref)
		return
	}
	target := e.lookup(ref)
	if e.err != nil {
		return
	}
	if t, ok := target.(map[string]any); ok {
		target = overlay(t, siblings)
	}
	e.schema(key, target, append(seen, ref))
}

// withoutNull rewrites 3.1's `anyOf: [T, {type: null}]` (or oneOf) as T with
// `nullable: true`. It reports false when m has no null alternative.
func (e *extractor) withoutNull(m map[string]any) (map[string]any, bool) {
	for _, comb := range []string{"anyOf", "oneOf"} {
		alts, ok := m[comb].([]any)
		if !ok {
			continue
		}
		rest := slices.DeleteFunc(slices.Clone(alts), e.isNull)
		if len(rest) == len(alts) {
			continue
		}
		out := without(m, comb)
		out["nullable"] = true
		_, shaped := out["type"]
		switch {
		case len(rest) == 0:
			out["type"] = "null"
		case len(rest) == 1 && !shaped:
			if alt, ok := rest[0].(map[string]any); ok {
				return overlay(alt, out), true
			}
			out[comb] = rest
		default:
			out[comb] = rest
		}
		return out, true
	}
	return nil, false
}

// loneRef rewrites `allOf: [{$ref: X}]` and the keywords beside it as
// `$ref: X` with those keywords, which is what it means: 3.0 ignores
// keywords beside a $ref, so a 3.0 document says "X or null" (3.1's anyOf:
// [X, {type: null}]) as `allOf: [$ref]` with `nullable: true`. It reports
// false for anything else.
func loneRef(m map[string]any) (map[string]any, bool) {
	alts, ok := m["allOf"].([]any)
	if !ok || len(alts) != 1 {
		return nil, false
	}
	alt, ok := alts[0].(map[string]any)
	if _, isRef := alt["$ref"].(string); !ok || !isRef || len(alt) != 1 {
		return nil, false
	}
	return overlay(without(m, "allOf"), alt), true
}

func (e *extractor) isNull(alt any) bool {
	m := asMap(alt)
	if _, ok := m["$ref"]; ok {
		m = e.resolve(m, nil)
	}
	return m["type"] == "null" || slices.Equal(asList(m["type"]), []any{"null"})
}

// keywords records m's own keywords under key; typed says whether to record
// a missing type as "any" (not beside a $ref, which gives the type).
func (e *extractor) keywords(key string, m map[string]any, seen []string, typed bool) {
	var types []any
	switch t := m["type"].(type) {
	case string:
		types = []any{t}
	case []any:
		types = t
	}
	nullable := m["nullable"] == true
	if i := slices.Index(types, any("null")); i >= 0 {
		types = slices.Delete(slices.Clone(types), i, i+1)
		nullable = true
	}
	switch {
	case len(types) == 1:
		e.facts.set(Key(key, "type"), types[0])
	case len(types) > 1:
		e.facts.setList(Key(key, "type"), types)
	case typed:
		e.facts.set(Key(key, "type"), "any")
	}
	if nullable {
		e.facts.set(Key(key, "nullable"), true)
	}
	for _, k := range scalars {
		if v, ok := m[k]; ok {
			e.facts.set(Key(key, k), v)
		}
	}
	for _, k := range flags {
		if m[k] == true {
			e.facts.set(Key(key, k), true)
		}
	}
	e.exclusive(key, m, "exclusiveMinimum", "minimum")
	e.exclusive(key, m, "exclusiveMaximum", "maximum")
	if enum, ok := m["enum"].([]any); ok {
		e.facts.setList(Key(key, "enum"), enum)
	}
	if c, ok := m["const"]; ok { // 3.0 can only say this as a one-value enum
		e.facts.setList(Key(key, "enum"), []any{c})
	}
	if d, ok := asMap(m["discriminator"])["propertyName"]; ok {
		e.facts.set(Key(key, "discriminator"), d)
	}
	for _, r := range asList(m["required"]) {
		e.facts.set(Key(key, property(fmt.Sprint(r)), "required"), true)
	}
	props := asMap(m["properties"])
	for _, name := range sortedKeys(props) {
		e.schema(Key(key, property(name)), props[name], seen)
	}
	if items, ok := m["items"]; ok {
		e.schema(Key(key, "[]"), items, seen)
	}
	for i, item := range asList(m["prefixItems"]) {
		e.schema(Key(key, fmt.Sprintf("[%d]", i)), item, seen)
	}
	switch ap := m["additionalProperties"].(type) {
	case bool:
		e.facts.set(Key(key, "additionalProperties"), ap)
	case map[string]any:
		e.schema(Key(key, "{}"), ap, seen)
	}
	for _, comb := range []string{"allOf", "anyOf", "oneOf"} {
		for i, alt := range asList(m[comb]) {
			e.schema(Key(key, fmt.Sprintf("%s#%d", comb, i)), alt, seen)
		}
	}
	if not, ok := m["not"]; ok {
		e.schema(Key(key, "not"), not, seen)
	}
}

// exclusive records a 3.1 exclusive bound; a 3.0 one (a flag beside the
// bound) becomes the same fact.
func (e *extractor) exclusive(key string, m map[string]any, keyword, bound string) {
	switch v := m[keyword].(type) {
	case float64:
		e.facts.set(Key(key, keyword), v)
	case bool:
		if b, ok := m[bound]; ok && v {
			delete(e.facts, Key(key, bound))
			e.facts.set(Key(key, keyword), b)
		}
	}
}

// property is the step naming a property; spaces are escaped because they
// separate steps.
func property(name string) string { return "." + strings.ReplaceAll(name, " ", "%20") }

// without returns a copy of m lacking key.
func without(m map[string]any, key string) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if k != key {
			out[k] = v
		}
	}
	return out
}

// overlay returns a copy of base with top's keys set over it.
func overlay(base, top map[string]any) map[string]any {
	out := make(map[string]any, len(base)+len(top))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range top {
		out[k] = v
	}
	return out
}
