// How a document becomes facts, shown on the smallest one that has each kind.

package specfacts_test

import (
	"fmt"

	"github.com/goinvites/invites/api/internal/specfacts"
)

func ExampleExtract() {
	doc, err := specfacts.Parse([]byte(`
openapi: 3.1.0
paths:
  /organization/invites/{invite_id}:
    get:
      operationId: retrieve-invite
      description: Prose like this is left out.
      security: [{AdminApiKeyAuth: []}]
      parameters:
        - {name: invite_id, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Invite"}
components:
  securitySchemes:
    AdminApiKeyAuth: {type: http, scheme: bearer}
  schemas:
    Invite:
      type: object
      properties:
        expires_at: {anyOf: [{type: integer}, {type: "null"}]}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	facts, err := specfacts.Extract(doc.Root, specfacts.Scope{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, k := range facts.Keys() {
		fmt.Println(k, "=", facts[k])
	}
	// Output:
	// GET /organization/invites/{invite_id} = "retrieve-invite"
	// GET /organization/invites/{invite_id} param path invite_id required = true
	// GET /organization/invites/{invite_id} param path invite_id schema type = "string"
	// GET /organization/invites/{invite_id} response 200 = ["application/json"]
	// GET /organization/invites/{invite_id} response 200 application/json $ref = "Invite"
	// GET /organization/invites/{invite_id} security = ["AdminApiKeyAuth"]
	// schema Invite .expires_at nullable = true
	// schema Invite .expires_at type = "integer"
	// schema Invite type = "object"
	// securityScheme AdminApiKeyAuth scheme = "bearer"
	// securityScheme AdminApiKeyAuth type = "http"
}
