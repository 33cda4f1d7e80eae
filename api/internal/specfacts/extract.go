// Walking a document from its operations: which operations are in scope, and
// the facts of each (parameters, bodies, responses, security), with every
// $ref they reach followed.

package specfacts

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Scope says which part of a document to reduce. Without PathPrefixes and
// Paths, every path is kept.
type Scope struct {
	// PathPrefixes keeps the operations on each of these paths and on every
	// path below it, so that a new path there is a new fact.
	PathPrefixes []string
	// Paths keeps the operations on exactly these paths, for a resource
	// whose paths below are not mirrored.
	Paths []string
	// Schemas are component schemas to include even if no operation in scope
	// reaches them.
	Schemas []string
	// Inline are component schemas written out wherever they are used rather
	// than kept by name.
	Inline []string
}

// Mirrored is the part of OpenAI's published spec this project mirrors: the
// invites operations, the users operations (not the role assignments below
// them), the projects and their members (not the API keys, service
// accounts, rate limits, groups and roles below a project), and the error
// envelope, which the published spec defines but does not link to the
// invites and users operations (it documents only their 200 answers).
var Mirrored = Scope{
	PathPrefixes: []string{"/organization/invites"},
	Paths: []string{
		"/organization/users", "/organization/users/{user_id}",
		"/organization/projects", "/organization/projects/{project_id}",
		"/organization/projects/{project_id}/archive",
		"/organization/projects/{project_id}/users", "/organization/projects/{project_id}/users/{user_id}",
	},
	Schemas: []string{"ErrorResponse"},
}

var methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}

type extractor struct {
	root    map[string]any
	scope   Scope
	facts   Facts
	named   map[string]bool // component schemas reached, written once each
	queue   []string
	schemes map[string]bool // security schemes reached
	budget  int             // schemas still allowed; see schemaBudget
	err     error
}

// Extract reduces the document rooted at root to the facts in scope.
func Extract(root map[string]any, scope Scope) (Facts, error) {
	e := &extractor{root: root, scope: scope, facts: Facts{}, named: map[string]bool{}, schemes: map[string]bool{},
		budget: schemaBudget}
	paths := asMap(root["paths"])
	for _, path := range sortedKeys(paths) {
		if !e.inScope(path) {
			continue
		}
		item := e.resolve(paths[path], nil)
		params := asList(item["parameters"])
		for _, method := range methods {
			if op, ok := item[method]; ok {
				e.operation(strings.ToUpper(method)+" "+path, asMap(op), params)
			}
		}
	}
	for _, name := range scope.Schemas {
		e.reach(name)
	}
	for len(e.queue) > 0 && e.err == nil {
		name := e.queue[0]
		e.queue = e.queue[1:]
		node, ok := asMap(asMap(root["components"])["schemas"])[name]
		if !ok {
			e.fail("schema %s is not defined in components.schemas", name)
			break
		}
		e.schema(Key("schema", name), node, nil)
	}
	for _, name := range sortedKeys(e.schemes) {
		e.securityScheme(name)
	}
	if e.err != nil {
		return nil, e.err
	}
	return e.facts, nil
}

func (e *extractor) inScope(path string) bool {
	if len(e.scope.PathPrefixes) == 0 && len(e.scope.Paths) == 0 {
		return true
	}
	for _, p := range e.scope.PathPrefixes {
		if path == p || strings.HasPrefix(path, strings.TrimSuffix(p, "/")+"/") {
			return true
		}
	}
	return slices.Contains(e.scope.Paths, path)
}

func (e *extractor) fail(format string, args ...any) {
	if e.err == nil {
		e.err = fmt.Errorf(format, args...)
	}
}

// reach queues a named schema to be written once.
func (e *extractor) reach(name string) {
	if !e.named[name] {
		e.named[name] = true
		e.queue = append(e.queue, name)
	}
}

func (e *extractor) operation(key string, op map[string]any, pathParams []any) {
	if id, ok := op["operationId"]; ok {
		e.facts.set(key, id)
	} else {
		e.facts.set(key, nil)
	}
	e.security(key, op)
	e.parameters(key, pathParams, asList(op["parameters"]))
	if body, ok := op["requestBody"]; ok {
		body := e.resolve(body, nil)
		if body["required"] == true {
			e.facts.set(Key(key, "body", "required"), true)
		}
		e.content(Key(key, "body"), asMap(body["content"]))
	}
	responses := asMap(op["responses"])
	for _, status := range sortedKeys(responses) {
		resp := e.resolve(responses[status], nil)
		rkey := Key(key, "response", status)
		e.content(rkey, asMap(resp["content"]))
		headers := asMap(resp["headers"])
		for _, name := range sortedKeys(headers) {
			h := e.resolve(headers[name], nil)
			hkey := Key(rkey, "header", strings.ToLower(name))
			if h["required"] == true {
				e.facts.set(Key(hkey, "required"), true)
			}
			e.schema(Key(hkey, "schema"), h["schema"], nil)
		}
	}
}

// content records the media types under key, and each one's schema.
func (e *extractor) content(key string, content map[string]any) {
	types := sortedKeys(content)
	list := make([]any, len(types))
	for i, t := range types {
		list[i] = t
		e.schema(Key(key, t), asMap(content[t])["schema"], nil)
	}
	e.facts.setList(key, list)
}

// parameters records the operation's parameters, the path item's included
// unless the operation overrides them.
func (e *extractor) parameters(key string, pathParams, opParams []any) {
	byPlace := map[string]map[string]any{}
	for _, p := range slices.Concat(pathParams, opParams) {
		p := e.resolve(p, nil)
		name, _ := p["name"].(string)
		in, _ := p["in"].(string)
		if in == "header" {
			name = strings.ToLower(name)
		}
		byPlace[Key(in, name)] = p
	}
	for _, place := range sortedKeys(byPlace) {
		p := byPlace[place]
		pkey := Key(key, "param", place)
		for _, flag := range []string{"required", "deprecated", "allowEmptyValue"} {
			if p[flag] == true {
				e.facts.set(Key(pkey, flag), true)
			}
		}
		for _, field := range []string{"style", "explode"} {
			if v, ok := p[field]; ok {
				e.facts.set(Key(pkey, field), v)
			}
		}
		if content, ok := p["content"]; ok {
			e.content(Key(pkey, "content"), asMap(content))
		} else {
			e.schema(Key(pkey, "schema"), p["schema"], nil)
		}
	}
}

// security records the alternatives that authorise the operation, the
// document's default applying when it names none.
func (e *extractor) security(key string, op map[string]any) {
	reqs, ok := op["security"]
	if !ok {
		reqs = e.root["security"]
	}
	alternatives := []any{}
	for _, req := range asList(reqs) {
		req := asMap(req)
		var all []string
		for _, name := range sortedKeys(req) {
			e.schemes[name] = true
			scopes := make([]string, 0)
			for _, s := range asList(req[name]) {
				scopes = append(scopes, fmt.Sprint(s))
			}
			slices.Sort(scopes)
			if len(scopes) > 0 {
				name += "[" + strings.Join(scopes, " ") + "]"
			}
			all = append(all, name)
		}
		alternatives = append(alternatives, strings.Join(all, " + "))
	}
	e.facts.setList(Key(key, "security"), alternatives)
}

func (e *extractor) securityScheme(name string) {
	node, ok := asMap(asMap(e.root["components"])["securitySchemes"])[name]
	if !ok {
		e.fail("security scheme %s is not defined in components.securitySchemes", name)
		return
	}
	s := e.resolve(node, nil)
	key := Key("securityScheme", name)
	for _, field := range []string{"type", "in", "name", "bearerFormat", "openIdConnectUrl"} {
		if v, ok := s[field]; ok {
			e.facts.set(Key(key, field), v)
		}
	}
	if v, ok := s["scheme"].(string); ok {
		e.facts.set(Key(key, "scheme"), strings.ToLower(v)) // HTTP auth schemes ignore case
	}
	flows := asMap(s["flows"])
	for _, flow := range sortedKeys(flows) {
		scopes := asMap(asMap(flows[flow])["scopes"])
		list := make([]any, 0, len(scopes))
		for _, s := range sortedKeys(scopes) {
			list = append(list, s)
		}
		e.facts.setList(Key(key, "flow", flow, "scopes"), list)
	}
}

// resolve follows node's $ref, and the target's, to a mapping. seen holds
// the refs already being followed, so that a loop is an error, not a hang.
func (e *extractor) resolve(node any, seen []string) map[string]any {
	m := asMap(node)
	ref, ok := m["$ref"].(string)
	if !ok {
		return m
	}
	if slices.Contains(seen, ref) {
		e.fail("$ref %s refers to itself", ref)
		return nil
	}
	return e.resolve(e.lookup(ref), append(seen, ref))
}

// lookup finds the target of a local $ref (a JSON pointer after '#').
func (e *extractor) lookup(ref string) any {
	pointer, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		e.fail("$ref %s: only references inside the document are followed", ref)
		return nil
	}
	var cur any = e.root
	for _, step := range strings.Split(pointer, "/") {
		step = decodeStep(step)
		switch c := cur.(type) {
		case map[string]any:
			next, ok := c[step]
			if !ok {
				e.fail("$ref %s: %q not found", ref, step)
				return nil
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(step)
			if err != nil || i < 0 || i >= len(c) {
				e.fail("$ref %s: no item %q", ref, step)
				return nil
			}
			cur = c[i]
		default:
			e.fail("$ref %s: %q not found", ref, step)
			return nil
		}
	}
	return cur
}

// decodeStep undoes a JSON pointer step's escapes, and a URI fragment's.
func decodeStep(step string) string {
	if s, err := url.PathUnescape(step); err == nil {
		step = s
	}
	return strings.NewReplacer("~1", "/", "~0", "~").Replace(step)
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
