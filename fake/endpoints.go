// Endpoints name the fake's operations the way its rate limiter buckets
// them (method and path template), so that a test can script a fault for
// one operation, a role change say, and leave another that shares its
// method, an invite create, alone; and count what each one answered.

package fake

// Endpoint is one operation: its method and its path template under /v1,
// as in "POST /v1/organization/users/{user_id}". The rate limiter keeps
// one bucket per endpoint and names it so in its 429 messages.
type Endpoint string

// The endpoints the fake serves.
const (
	EndpointListInvites    Endpoint = "GET /v1/organization/invites"
	EndpointCreateInvite   Endpoint = "POST /v1/organization/invites"
	EndpointRetrieveInvite Endpoint = "GET /v1/organization/invites/{invite_id}"
	EndpointDeleteInvite   Endpoint = "DELETE /v1/organization/invites/{invite_id}"
	EndpointListUsers      Endpoint = "GET /v1/organization/users"
	EndpointRetrieveUser   Endpoint = "GET /v1/organization/users/{user_id}"
	EndpointModifyUser     Endpoint = "POST /v1/organization/users/{user_id}"
	EndpointDeleteUser     Endpoint = "DELETE /v1/organization/users/{user_id}"

	EndpointListProjects        Endpoint = "GET /v1/organization/projects"
	EndpointCreateProject       Endpoint = "POST /v1/organization/projects"
	EndpointRetrieveProject     Endpoint = "GET /v1/organization/projects/{project_id}"
	EndpointModifyProject       Endpoint = "POST /v1/organization/projects/{project_id}"
	EndpointArchiveProject      Endpoint = "POST /v1/organization/projects/{project_id}/archive"
	EndpointListProjectUsers    Endpoint = "GET /v1/organization/projects/{project_id}/users"
	EndpointCreateProjectUser   Endpoint = "POST /v1/organization/projects/{project_id}/users"
	EndpointRetrieveProjectUser Endpoint = "GET /v1/organization/projects/{project_id}/users/{user_id}"
	EndpointModifyProjectUser   Endpoint = "POST /v1/organization/projects/{project_id}/users/{user_id}"
	EndpointDeleteProjectUser   Endpoint = "DELETE /v1/organization/projects/{project_id}/users/{user_id}"
)

// endpointOf names the operation a routed request asks for.
func endpointOf(method, pathTemplate string) Endpoint {
	return Endpoint(method + " " + basePath + pathTemplate)
}

// FailNextAt is [Handler.FailNext] for requests to endpoint e only.
func (h *Handler) FailNextAt(e Endpoint, kind FaultKind, n int) {
	h.addScript(scripted{endpoint: e, kind: kind, left: n})
}

// FailNthAt is [Handler.FailNth] for requests to endpoint e only: the nth
// request to e from now (1 for the next) meets kind.
func (h *Handler) FailNthAt(e Endpoint, kind FaultKind, nth int) {
	h.addScript(scripted{endpoint: e, kind: kind, skip: nth - 1, left: 1})
}
