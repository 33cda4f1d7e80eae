// Package specfacts reduces an OpenAPI 3.0 or 3.1 document to the structural
// facts a client is built on, so that two documents written differently (3.0
// or 3.1, YAML or JSON, a $ref or the same thing written out) can be compared
// fact by fact, and a change in one shows as a few changed lines.
//
// A fact is a key of space-separated steps and a value in compact JSON:
//
//	"GET /organization/invites": "list-invites"
//	"GET /organization/invites param query limit schema type": "integer"
//	"POST /organization/invites response 200 application/json $ref": "Invite"
//	"schema Invite .expires_at nullable": true
//	"schema Invite .projects [] .role enum": ["member","owner"]
//
// Kept: paths, methods, operation IDs, the effective security, parameters,
// request and response media types, status codes, response headers, and of
// every schema its type, format, nullability, enum or const, required
// properties, bounds, defaults, items, properties, additional properties and
// compositions. Named component schemas stay named (a "$ref" fact, then their
// own "schema NAME" facts once). Dropped: descriptions, summaries, examples,
// titles, tags, x- extensions and anything else that is prose.
//
// Nullability has one spelling: 3.0's `nullable: true`, 3.1's
// `anyOf: [T, {type: null}]` (or oneOf) and `type: [T, "null"]` all become
// T's facts plus "nullable": true.
package specfacts
