// Package api holds the project's OpenAPI document as hand-maintained
// fragments (common.yaml, the root, then one file per resource) and bundles
// them into the one document that gen/ is generated from.
//
// oapi-codegen reads one document per run, and two runs into one package
// would each generate the client, the error envelope and the shared answers
// again. Bundling first gives one run, one embedded spec for the fake, and
// each component defined, and generated, once: a fragment refers to what
// another holds by file ("common.yaml#/components/..."), and Bundle turns
// those into local references.
package api

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed *.yaml
var files embed.FS

// Fragments are the files of the document, in the order they are bundled;
// the first is the root, whose info and servers the bundle keeps.
var Fragments = []string{"common.yaml", "invites.yaml", "users.yaml", "projects.yaml"}

// Bundle returns the fragments as one self-contained OpenAPI document, in
// YAML.
func Bundle() ([]byte, error) { return bundle(files, Fragments) }

// header opens the bundle: it is generated, and says from what.
const header = "# Code generated from api/%s by `make generate`; DO NOT EDIT.\n"

// bundle merges the named files of fsys: the root whole, then the paths,
// components and tags of each fragment after it. Any other top-level key
// of a fragment (its info, say) describes the fragment alone and is left
// out; a name defined twice, a reference that does not resolve and a YAML
// file in fsys but not in names are errors.
func bundle(fsys fs.FS, names []string) ([]byte, error) {
	if len(names) == 0 {
		return nil, errors.New("bundle: no fragments")
	}
	if err := allListed(fsys, names); err != nil {
		return nil, err
	}
	docs := make(map[string]*yaml.Node, len(names))
	for _, name := range names {
		doc, err := parse(fsys, name)
		if err != nil {
			return nil, err
		}
		docs[name] = doc
	}
	// References are checked against the files as written, then all made
	// local, before any file is merged into another.
	for _, name := range names {
		if err := localize(docs, name, docs[name]); err != nil {
			return nil, err
		}
	}
	out := docs[names[0]]
	for _, name := range names[1:] {
		if err := merge(out, docs[name], name); err != nil {
			return nil, err
		}
	}
	if err := checkRefs(out); err != nil {
		return nil, err
	}
	order(out)
	var b bytes.Buffer
	fmt.Fprintf(&b, header, strings.Join(names, ", api/"))
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(out); err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	return b.Bytes(), nil
}

// allListed fails on a YAML file that is not a fragment: a file added
// beside the others but not bundled would be edited to no effect.
func allListed(fsys fs.FS, names []string) error {
	found, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return fmt.Errorf("bundle: %w", err)
	}
	for _, f := range found {
		if !slices.Contains(names, f) {
			return fmt.Errorf("bundle: %s is not one of the fragments %v: add it to api.Fragments or remove it", f, names)
		}
	}
	return nil
}

// parse reads one fragment, without its comments (they document the
// fragment, and would land in odd places in the bundle).
func parse(fsys fs.FS, name string) (*yaml.Node, error) {
	raw, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("bundle: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("bundle: %s: %w", name, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("bundle: %s: not an OpenAPI document (the top level is not a mapping)", name)
	}
	root := doc.Content[0]
	walk(root, func(n *yaml.Node) { n.HeadComment, n.LineComment, n.FootComment = "", "", "" })
	return root, nil
}

// walk calls f on n and every node below it.
func walk(n *yaml.Node, f func(*yaml.Node)) {
	f(n)
	for _, c := range n.Content {
		walk(c, f)
	}
}

// refs calls f on the value node of every $ref below n.
func refs(n *yaml.Node, f func(ref *yaml.Node) error) error {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if k, v := n.Content[i], n.Content[i+1]; k.Value == "$ref" && v.Kind == yaml.ScalarNode {
				if err := f(v); err != nil {
					return err
				}
			}
		}
	}
	for _, c := range n.Content {
		if err := refs(c, f); err != nil {
			return err
		}
	}
	return nil
}

// localize turns every reference in the fragment name into a local one,
// after checking that it resolves in the file it names: a reference without
// a file must resolve in the fragment itself, so each one says where its
// target is written.
func localize(docs map[string]*yaml.Node, name string, root *yaml.Node) error {
	return refs(root, func(ref *yaml.Node) error {
		file, pointer, ok := strings.Cut(ref.Value, "#")
		if !ok {
			return fmt.Errorf("bundle: %s: $ref %q has no #/pointer", name, ref.Value)
		}
		target := name
		if file != "" {
			target = strings.TrimPrefix(file, "./")
		}
		doc, ok := docs[target]
		if !ok {
			return fmt.Errorf("bundle: %s: $ref %q names %s, which is not a fragment", name, ref.Value, file)
		}
		if _, err := resolve(doc, pointer); err != nil {
			return fmt.Errorf("bundle: %s: $ref %q: %w in %s", name, ref.Value, err, target)
		}
		ref.Value = "#" + pointer
		return nil
	})
}

// checkRefs proves the bundle self-contained: every reference resolves in it.
func checkRefs(root *yaml.Node) error {
	return refs(root, func(ref *yaml.Node) error {
		if _, err := resolve(root, strings.TrimPrefix(ref.Value, "#")); err != nil {
			return fmt.Errorf("bundle: $ref %q: %w in the bundle", ref.Value, err)
		}
		return nil
	})
}

// resolve follows a JSON pointer ("/components/schemas/User") from root.
func resolve(root *yaml.Node, pointer string) (*yaml.Node, error) {
	if pointer == "" {
		return root, nil
	}
	steps, ok := strings.CutPrefix(pointer, "/")
	if !ok {
		return nil, fmt.Errorf("pointer %q does not start with /", pointer)
	}
	cur := root
	for _, step := range strings.Split(steps, "/") {
		step = strings.NewReplacer("~1", "/", "~0", "~").Replace(step)
		var next *yaml.Node
		switch cur.Kind {
		case yaml.MappingNode:
			next = value(cur, step)
		case yaml.SequenceNode:
			if i, err := strconv.Atoi(step); err == nil && i >= 0 && i < len(cur.Content) {
				next = cur.Content[i]
			}
		}
		if next == nil {
			return nil, fmt.Errorf("%q not found", step)
		}
		cur = next
	}
	return cur, nil
}

// value is the value of key in mapping m, or nil.
func value(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// child is the mapping or sequence under key in m, added empty if m has
// none.
func child(m *yaml.Node, key string, kind yaml.Kind) (*yaml.Node, error) {
	if v := value(m, key); v != nil {
		if v.Kind != kind {
			return nil, fmt.Errorf("%s is not a %s", key, kindName(kind))
		}
		return v, nil
	}
	v := &yaml.Node{Kind: kind, Tag: map[yaml.Kind]string{yaml.MappingNode: "!!map", yaml.SequenceNode: "!!seq"}[kind]}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, v)
	return v, nil
}

func kindName(k yaml.Kind) string {
	if k == yaml.SequenceNode {
		return "list"
	}
	return "mapping"
}

// topLevel is the order of an OpenAPI document's keys in the bundle;
// others follow them.
var topLevel = []string{"openapi", "info", "servers", "security", "tags", "paths", "components"}

// order sorts the root's keys into topLevel's order, so that the tags the
// fragments bring come before the paths that use them.
func order(root *yaml.Node) {
	type pair struct{ k, v *yaml.Node }
	pairs := make([]pair, 0, len(root.Content)/2)
	for i := 0; i+1 < len(root.Content); i += 2 {
		pairs = append(pairs, pair{root.Content[i], root.Content[i+1]})
	}
	rank := func(p pair) int {
		if i := slices.Index(topLevel, p.k.Value); i >= 0 {
			return i
		}
		return len(topLevel)
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return rank(a) - rank(b) })
	root.Content = root.Content[:0]
	for _, p := range pairs {
		root.Content = append(root.Content, p.k, p.v)
	}
}

// merge adds fragment frag (named name) to the bundle out.
func merge(out, frag *yaml.Node, name string) error {
	for i := 0; i+1 < len(frag.Content); i += 2 {
		key, val := frag.Content[i].Value, frag.Content[i+1]
		var err error
		switch key {
		case "openapi":
			if root := value(out, "openapi"); root == nil || root.Value != val.Value {
				err = fmt.Errorf("openapi %q differs from the root's", val.Value)
			}
		case "info", "servers":
			// The fragment's own; the root's describe the bundle.
		case "paths":
			err = mergeNamed(out, "paths", val, "path")
		case "components":
			err = mergeComponents(out, val)
		case "tags":
			err = mergeTags(out, val)
		default:
			err = fmt.Errorf("%s belongs in the root, not in a fragment", key)
		}
		if err != nil {
			return fmt.Errorf("bundle: %s: %w", name, err)
		}
	}
	return nil
}

// mergeNamed adds the entries of mapping from to out's mapping at key,
// refusing a name already there.
func mergeNamed(out *yaml.Node, key string, from *yaml.Node, what string) error {
	if from.Kind != yaml.MappingNode {
		return fmt.Errorf("%s is not a mapping", key)
	}
	into, err := child(out, key, yaml.MappingNode)
	if err != nil {
		return err
	}
	into.Style &^= yaml.FlowStyle // an empty "{}" in the root must not make the bundle one line
	for i := 0; i+1 < len(from.Content); i += 2 {
		if value(into, from.Content[i].Value) != nil {
			return fmt.Errorf("%s %s is defined in another fragment too", what, from.Content[i].Value)
		}
		into.Content = append(into.Content, from.Content[i], from.Content[i+1])
	}
	return nil
}

func mergeComponents(out, from *yaml.Node) error {
	if from.Kind != yaml.MappingNode {
		return errors.New("components is not a mapping")
	}
	comps, err := child(out, "components", yaml.MappingNode)
	if err != nil {
		return err
	}
	for i := 0; i+1 < len(from.Content); i += 2 {
		kind := from.Content[i].Value
		if err := mergeNamed(comps, kind, from.Content[i+1], strings.TrimSuffix(kind, "s")); err != nil {
			return err
		}
	}
	return nil
}

func mergeTags(out, from *yaml.Node) error {
	if from.Kind != yaml.SequenceNode {
		return errors.New("tags is not a list")
	}
	tags, err := child(out, "tags", yaml.SequenceNode)
	if err != nil {
		return err
	}
	for _, t := range from.Content {
		name := value(t, "name")
		if name == nil {
			return errors.New("a tag has no name")
		}
		for _, have := range tags.Content {
			if n := value(have, "name"); n != nil && n.Value == name.Value {
				return fmt.Errorf("tag %s is defined in another fragment too", name.Value)
			}
		}
		tags.Content = append(tags.Content, t)
	}
	return nil
}
