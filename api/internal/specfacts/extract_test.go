// The normalisations the faithfulness tests rely on: what means the same in
// 3.0 and 3.1, or with and without a $ref, gives the same facts.

package specfacts

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// extract reduces a document whose only path is /x, GET, with schema as its
// 200 answer's body, plus components.
func extract(t *testing.T, op, components string) Facts {
	t.Helper()
	doc, err := Parse([]byte("openapi: 3.1.0\npaths:\n  /x:\n    get:\n" + op + "components:\n" + components))
	require.NoError(t, err)
	f, err := Extract(doc.Root, Scope{})
	require.NoError(t, err)
	return f
}

func bodySchema(schema string) string {
	return "      responses:\n        \"200\": {content: {application/json: {schema: " + schema + "}}}\n"
}

func TestNullableHasOneSpelling(t *testing.T) {
	t.Parallel()
	want := extract(t, bodySchema("{type: integer, format: unixtime, nullable: true}"), "  {}\n")
	require.Equal(t, "true", want["GET /x response 200 application/json nullable"])
	for _, s := range []string{
		"{anyOf: [{type: integer, format: unixtime}, {type: 'null'}]}",
		"{oneOf: [{type: 'null'}, {type: integer, format: unixtime}]}",
		"{type: [integer, 'null'], format: unixtime}",
		"{anyOf: [{$ref: '#/components/schemas/T'}, {type: 'null'}]}",
	} {
		components := "  schemas:\n    T: {type: integer, format: unixtime}\n"
		got := extract(t, bodySchema(s), components)
		if got["GET /x response 200 application/json $ref"] != "" {
			assert.Equal(t, "true", got["GET /x response 200 application/json nullable"], s)
			assert.Equal(t, `"integer"`, got["schema T type"], s)
			continue
		}
		assert.Equal(t, want, got, s)
	}
}

// A nullable named schema: 3.1's anyOf [$ref, null] and 3.0's allOf [$ref]
// beside nullable are one fact; an allOf that says more is left as it is.
func TestNullableRefHasOneSpelling(t *testing.T) {
	t.Parallel()
	components := "  schemas:\n    T: {type: string, enum: [a, b]}\n    U: {type: object}\n"
	want := extract(t, bodySchema("{anyOf: [{$ref: '#/components/schemas/T'}, {type: 'null'}]}"), components)
	require.Equal(t, `"T"`, want["GET /x response 200 application/json $ref"])
	require.Equal(t, "true", want["GET /x response 200 application/json nullable"])
	assert.Equal(t, want, extract(t, bodySchema("{allOf: [{$ref: '#/components/schemas/T'}], nullable: true}"), components))

	for _, s := range []string{
		"{allOf: [{$ref: '#/components/schemas/T'}, {$ref: '#/components/schemas/U'}]}",
		"{allOf: [{$ref: '#/components/schemas/T', description: d}]}",
		"{allOf: [{type: string}]}",
	} {
		got := extract(t, bodySchema(s), components)
		assert.Empty(t, got["GET /x response 200 application/json $ref"], s)
		assert.NotEmpty(t, got["GET /x response 200 application/json allOf#0 type"]+got["GET /x response 200 application/json allOf#0 $ref"], s)
	}
}

func TestRefsAreFollowed(t *testing.T) {
	t.Parallel()
	inline := extract(t, `      parameters:
        - {name: id, in: path, required: true, schema: {type: string, minLength: 1}}
      requestBody: {required: true, content: {application/json: {schema: {type: object}}}}
      responses:
        "200": {headers: {X-Request-Id: {schema: {type: string}}}, content: {application/json: {schema: {type: string}}}}
`, "  {}\n")
	viaRefs := extract(t, `      parameters: [{$ref: '#/components/parameters/Id'}]
      requestBody: {$ref: '#/components/requestBodies/Body'}
      responses:
        "200": {$ref: '#/components/responses/OK'}
`, `  parameters:
    Id: {$ref: '#/components/parameters/Id2'}
    Id2: {name: id, in: path, required: true, schema: {type: string, minLength: 1}}
  requestBodies:
    Body: {required: true, content: {application/json: {schema: {type: object}}}}
  headers:
    RequestId: {schema: {type: string}}
  responses:
    OK: {headers: {x-request-id: {$ref: '#/components/headers/RequestId'}}, content: {application/json: {schema: {type: string}}}}
`)
	assert.Equal(t, inline, viaRefs)
	assert.Equal(t, "1", inline["GET /x param path id schema minLength"])
}

func TestNamedSchemasStayNamedUnlessInlined(t *testing.T) {
	t.Parallel()
	const components = `  schemas:
    Node: {type: object, properties: {children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}
`
	f := extract(t, bodySchema("{$ref: '#/components/schemas/Node'}"), components)
	assert.Equal(t, `"Node"`, f["schema Node .children [] $ref"], "a recursive named schema is written once")

	doc, err := Parse([]byte("openapi: 3.0.3\npaths:\n  /x:\n    get:\n" +
		bodySchema("{$ref: '#/components/schemas/Node'}") + "components:\n" + components))
	require.NoError(t, err)
	_, err = Extract(doc.Root, Scope{Inline: []string{"Node"}})
	assert.ErrorContains(t, err, "contains itself", "a recursive schema cannot be written out")
}

func TestBoundsAndConstHaveOneSpelling(t *testing.T) {
	t.Parallel()
	v30 := extract(t, bodySchema("{type: integer, minimum: 0, exclusiveMinimum: true, enum: [7]}"), "  {}\n")
	v31 := extract(t, bodySchema("{type: integer, exclusiveMinimum: 0, const: 7}"), "  {}\n")
	assert.Equal(t, v30, v31)
}

func TestScopeAndSecurity(t *testing.T) {
	t.Parallel()
	doc, err := Parse([]byte(`openapi: 3.1.0
security: [{Key: []}]
paths:
  /organization/invites: {get: {operationId: a}}
  /organization/invites/{id}: {get: {operationId: b, security: [{Admin: [], Key: []}, {}]}}
  /organization/invites_other: {get: {operationId: c, security: []}}
  /organization/users: {get: {operationId: d}}
  /organization/users/{id}: {get: {operationId: e}}
  /organization/users/{id}/roles: {get: {operationId: f}}
components:
  securitySchemes:
    Key: {type: http, scheme: Bearer}
    Admin: {type: apiKey, in: header, name: X-Admin}
`))
	require.NoError(t, err)
	f, err := Extract(doc.Root, Scope{
		PathPrefixes: []string{"/organization/invites"},
		Paths:        []string{"/organization/users", "/organization/users/{id}"},
	})
	require.NoError(t, err)
	assert.Equal(t, `"a"`, f["GET /organization/invites"])
	assert.Equal(t, `["Key"]`, f["GET /organization/invites security"], "the document's default applies")
	assert.Equal(t, `["","Admin + Key"]`, f["GET /organization/invites/{id} security"])
	assert.NotContains(t, f, "GET /organization/invites_other", "a sibling path is out of scope")
	assert.Equal(t, `"d"`, f["GET /organization/users"])
	assert.Equal(t, `"e"`, f["GET /organization/users/{id}"])
	assert.NotContains(t, f, "GET /organization/users/{id}/roles", "below a path kept exactly is out of scope")
	assert.Equal(t, `"bearer"`, f["securityScheme Key scheme"])
	assert.Equal(t, `"X-Admin"`, f["securityScheme Admin name"])

	all, err := Extract(doc.Root, Scope{})
	require.NoError(t, err)
	assert.Equal(t, `[]`, all["GET /organization/invites_other security"], "an explicit empty list means no auth")
	assert.Equal(t, `"f"`, all["GET /organization/users/{id}/roles"], "no scope keeps every path")
}

func TestBrokenReferencesAreErrors(t *testing.T) {
	t.Parallel()
	for name, doc := range map[string]string{
		"external $ref":  "paths:\n  /x: {get: {responses: {'200': {$ref: 'other.yaml#/R'}}}}\n",
		"missing $ref":   "paths:\n  /x: {get: {parameters: [{$ref: '#/components/parameters/P'}]}}\n",
		"looping $ref":   "paths:\n  /x: {get: {parameters: [{$ref: '#/components/parameters/P'}]}}\ncomponents: {parameters: {P: {$ref: '#/components/parameters/P'}}}\n",
		"missing scheme": "paths:\n  /x: {get: {security: [{Nope: []}]}}\n",
		"bad schema":     "paths:\n  /x: {get: {responses: {'200': {content: {a/b: {schema: 3}}}}}}\n",
	} {
		d, err := Parse([]byte("openapi: 3.1.0\n" + doc))
		require.NoError(t, err, name)
		_, err = Extract(d.Root, Scope{})
		assert.Error(t, err, name)
	}
}

func TestFileRoundTrips(t *testing.T) {
	t.Parallel()
	f := &File{Note: "n", Source: "s & t", SHA256: "00", OpenAPI: "3.1.0", Version: "1",
		Facts: extract(t, bodySchema("{type: string, enum: [b, a, '<&>']}"), "  {}\n")}
	back, err := DecodeFile(f.Encode())
	require.NoError(t, err)
	assert.Equal(t, f, back)
	assert.Equal(t, string(f.Encode()), string(back.Encode()))
	assert.Contains(t, string(f.Encode()), `["<&>","a","b"]`, "sorted, and not HTML-escaped")
}

func TestFanOutEndsInAnError(t *testing.T) {
	t.Parallel()
	doc := "openapi: 3.1.0\npaths:\n  /x: {get: {responses: {'200': {content: {a/b: {schema: {$ref: '#/components/x/s0'}}}}}}}\ncomponents:\n  x:\n"
	for i := range 40 {
		doc += fmt.Sprintf("    s%d: {type: object, properties: {a: {$ref: '#/components/x/s%d'}, b: {$ref: '#/components/x/s%d'}}}\n", i, i+1, i+1)
	}
	doc += "    s40: {type: string}\n"
	d, err := Parse([]byte(doc))
	require.NoError(t, err)
	_, err = Extract(d.Root, Scope{})
	assert.ErrorContains(t, err, "more schemas than")
}
