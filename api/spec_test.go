// These tests keep the fragments honest: bundled, they must be a valid
// OpenAPI 3.0 document and carry everything client/ and fake/ rely on.
// Faithfulness to OpenAI's published spec is official_test.go's job.
package api_test

import (
	"context"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goinvites/invites/api"
)

// bundled is the document the fragments make, as gen/ is generated from it.
func bundled(t *testing.T) []byte {
	t.Helper()
	doc, err := api.Bundle()
	require.NoError(t, err)
	return doc
}

func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(bundled(t))
	require.NoError(t, err, "loading the bundle")
	return doc
}

func TestSpecIsValid(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)
	require.NoError(t, doc.Validate(context.Background()), "kin-openapi validation of the bundle")
	assert.Equal(t, "3.0.3", doc.OpenAPI)
}

// TestSpecHasWhatTheCodeRelies names every operation, parameter, response and
// schema that client/ and fake/ are built on, so a spec edit that removes one
// fails here with a clear message rather than as a compile error in gen/.
func TestSpecHasWhatTheCodeReliesOn(t *testing.T) {
	t.Parallel()
	doc := loadSpec(t)

	require.Len(t, doc.Servers, 1)
	assert.Equal(t, "https://api.openai.com/v1", doc.Servers[0].URL)
	scheme := doc.Components.SecuritySchemes["AdminApiKeyAuth"]
	require.NotNil(t, scheme, "security scheme AdminApiKeyAuth")
	assert.Equal(t, "http", scheme.Value.Type)
	assert.Equal(t, "bearer", scheme.Value.Scheme)

	errorStatuses := map[string][]string{
		"list-invites":    {"400", "401", "403", "429", "500", "503"},
		"inviteUser":      {"400", "401", "403", "409", "429", "500", "503"},
		"retrieve-invite": {"400", "401", "403", "404", "429", "500", "503"},
		"delete-invite":   {"400", "401", "403", "404", "429", "500", "503"},
		"list-users":      {"400", "401", "403", "429", "500", "503"},
		"retrieve-user":   {"400", "401", "403", "404", "429", "500", "503"},
		"modify-user":     {"400", "401", "403", "404", "429", "500", "503"},
		"delete-user":     {"400", "401", "403", "404", "429", "500", "503"},
	}
	for _, id := range []string{"list-projects", "create-project"} {
		errorStatuses[id] = []string{"400", "401", "403", "429", "500", "503"}
	}
	for _, id := range []string{"retrieve-project", "modify-project", "archive-project", "list-project-users",
		"create-project-user", "retrieve-project-user", "modify-project-user", "delete-project-user"} {
		errorStatuses[id] = []string{"400", "401", "403", "404", "429", "500", "503"}
	}
	const projectPath, projectUserPath = "/organization/projects/{project_id}", "/organization/projects/{project_id}/users/{user_id}"
	ops := []struct {
		path, method, id string
		params           []string
		success          map[string]string // status -> schema
	}{
		{"/organization/invites", "GET", "list-invites", []string{"limit", "after"},
			map[string]string{"200": "InviteListResponse"}},
		{"/organization/invites", "POST", "inviteUser", nil,
			map[string]string{"200": "Invite", "201": "Invite"}},
		{"/organization/invites/{invite_id}", "GET", "retrieve-invite", []string{"invite_id"},
			map[string]string{"200": "Invite"}},
		{"/organization/invites/{invite_id}", "DELETE", "delete-invite", []string{"invite_id"},
			map[string]string{"200": "InviteDeleteResponse"}},
		{"/organization/users", "GET", "list-users", []string{"limit", "after", "emails"},
			map[string]string{"200": "UserListResponse"}},
		{"/organization/users/{user_id}", "GET", "retrieve-user", []string{"user_id"},
			map[string]string{"200": "User"}},
		{"/organization/users/{user_id}", "POST", "modify-user", []string{"user_id"},
			map[string]string{"200": "User"}},
		{"/organization/users/{user_id}", "DELETE", "delete-user", []string{"user_id"},
			map[string]string{"200": "UserDeleteResponse"}},
		{"/organization/projects", "GET", "list-projects", []string{"limit", "after", "include_archived"},
			map[string]string{"200": "ProjectListResponse"}},
		{"/organization/projects", "POST", "create-project", nil, map[string]string{"200": "Project"}},
		{projectPath, "GET", "retrieve-project", []string{"project_id"}, map[string]string{"200": "Project"}},
		{projectPath, "POST", "modify-project", []string{"project_id"}, map[string]string{"200": "Project"}},
		{projectPath + "/archive", "POST", "archive-project", []string{"project_id"}, map[string]string{"200": "Project"}},
		{projectPath + "/users", "GET", "list-project-users", []string{"project_id", "limit", "after"},
			map[string]string{"200": "ProjectUserListResponse"}},
		{projectPath + "/users", "POST", "create-project-user", []string{"project_id"}, map[string]string{"200": "ProjectUser"}},
		{projectUserPath, "GET", "retrieve-project-user", []string{"project_id", "user_id"}, map[string]string{"200": "ProjectUser"}},
		{projectUserPath, "POST", "modify-project-user", []string{"project_id", "user_id"}, map[string]string{"200": "ProjectUser"}},
		{projectUserPath, "DELETE", "delete-project-user", []string{"project_id", "user_id"},
			map[string]string{"200": "ProjectUserDeleteResponse"}},
	}
	for _, want := range ops {
		t.Run(want.id, func(t *testing.T) {
			t.Parallel()
			item := doc.Paths.Find(want.path)
			require.NotNil(t, item, "path %s", want.path)
			op := item.GetOperation(want.method)
			require.NotNil(t, op, "%s %s", want.method, want.path)
			assert.Equal(t, want.id, op.OperationID)
			require.NotNil(t, op.Security, "per-operation security")
			require.Len(t, *op.Security, 1)
			assert.Contains(t, (*op.Security)[0], "AdminApiKeyAuth")

			var names []string
			for _, p := range op.Parameters {
				names = append(names, p.Value.Name)
			}
			assert.ElementsMatch(t, want.params, names)

			for status, schema := range want.success {
				resp := op.Responses.Value(status)
				require.NotNil(t, resp, "%s answers %s", want.id, status)
				assert.Contains(t, resp.Value.Headers, "x-request-id", "%s %s header", want.id, status)
				media := resp.Value.Content.Get("application/json")
				require.NotNil(t, media)
				assert.Equal(t, "#/components/schemas/"+schema, media.Schema.Ref)
			}
			for _, status := range errorStatuses[want.id] {
				resp := op.Responses.Value(status)
				require.NotNil(t, resp, "%s answers %s", want.id, status)
				assert.Contains(t, resp.Value.Headers, "x-request-id", "%s %s header", want.id, status)
				media := resp.Value.Content.Get("application/json")
				require.NotNil(t, media, "%s %s is JSON", want.id, status)
				assert.Equal(t, "#/components/schemas/ErrorResponse", media.Schema.Ref)
			}
		})
	}

	for _, list := range []string{"/organization/invites", "/organization/users", "/organization/projects", "/organization/projects/{project_id}/users"} {
		limit := doc.Paths.Find(list).Get.Parameters.GetByInAndName("query", "limit")
		require.NotNil(t, limit, list)
		require.NotNil(t, limit.Schema.Value.Min, list)
		require.NotNil(t, limit.Schema.Value.Max, list)
		assert.InDelta(t, 1, *limit.Schema.Value.Min, 0, list)
		assert.InDelta(t, 100, *limit.Schema.Value.Max, 0, list)
		assert.InDelta(t, 20, limit.Schema.Value.Default, 0, list)
	}
	emails := doc.Paths.Find("/organization/users").Get.Parameters.GetByInAndName("query", "emails")
	require.NotNil(t, emails)
	assert.True(t, emails.Schema.Value.Type.Is("array"), "emails is a list, sent as repeated emails=")

	rateLimited := doc.Components.Responses["RateLimited"]
	require.NotNil(t, rateLimited)
	for _, h := range []string{"Retry-After", "retry-after-ms", "x-ratelimit-limit-requests",
		"x-ratelimit-remaining-requests", "x-ratelimit-reset-requests", "x-request-id"} {
		assert.Contains(t, rateLimited.Value.Headers, h)
	}

	invite := doc.Components.Schemas["Invite"].Value
	for _, p := range []string{"created_at", "invited_at", "expires_at", "accepted_at"} {
		require.Contains(t, invite.Properties, p)
	}
	for _, p := range []string{"expires_at", "accepted_at"} {
		assert.True(t, invite.Properties[p].Value.Nullable, "%s is nullable", p)
		assert.Equal(t, false, invite.Properties[p].Value.Extensions["x-omitempty"],
			"%s keeps an explicit null on the wire", p)
	}
	user := doc.Components.Schemas["User"].Value
	assert.ElementsMatch(t, []string{"object", "id", "added_at"}, user.Required)
	for _, p := range []string{"email", "name", "role"} {
		require.Contains(t, user.Properties, p)
		assert.True(t, user.Properties[p].Value.Nullable, "User.%s is nullable", p)
		assert.Equal(t, false, user.Properties[p].Value.Extensions["x-omitempty"],
			"User.%s keeps an explicit null on the wire", p)
	}
	assert.Empty(t, user.Properties["role"].Value.Enum, "a member's role is whatever comes")
	for _, p := range []string{"is_service_account", "is_scim_managed"} {
		require.Contains(t, user.Properties, p)
		assert.True(t, user.Properties[p].Value.Type.Is("boolean"), p)
	}
	role := doc.Components.Schemas["UserRoleUpdateRequest"].Value.Properties["role"].Value
	assert.Equal(t, []any{"owner", "reader"}, role.Enum, "a role change sends owner or reader")
	for _, s := range []string{"ProjectUserCreateRequest", "ProjectUserUpdateRequest"} {
		role := doc.Components.Schemas[s].Value.Properties["role"].Value
		assert.Equal(t, []any{"member", "owner"}, role.Enum, "%s sends a project's role", s)
	}
	projectUser := doc.Components.Schemas["ProjectUser"].Value
	assert.Empty(t, projectUser.Properties["role"].Value.Enum, "a project member's role is whatever comes")
	for _, p := range []string{"email", "name"} {
		assert.True(t, projectUser.Properties[p].Value.Nullable, "ProjectUser.%s is nullable", p)
		assert.Equal(t, false, projectUser.Properties[p].Value.Extensions["x-omitempty"], "ProjectUser.%s keeps an explicit null", p)
	}
	project := doc.Components.Schemas["Project"].Value
	assert.Equal(t, false, project.Properties["archived_at"].Value.Extensions["x-omitempty"], "an active project's archived_at is null")
	residency := doc.Components.Schemas["ProjectCreateRequest"].Value.Properties["residency"].Value
	assert.True(t, residency.Nullable, "a residency may be sent as null")
	require.Len(t, residency.AllOf, 1)
	assert.Equal(t, "#/components/schemas/PublicProjectResidency", residency.AllOf[0].Ref)
	for _, s := range []string{"Invite", "InviteRequest", "InviteProject", "InviteListResponse",
		"InviteDeleteResponse", "User", "UserListResponse", "UserDeleteResponse", "UserRoleUpdateRequest",
		"Project", "ProjectListResponse", "ProjectCreateRequest", "ProjectUpdateRequest", "ProjectUser",
		"ProjectUserListResponse", "ProjectUserCreateRequest", "ProjectUserUpdateRequest", "ProjectUserDeleteResponse",
		"PublicProjectResidency", "Error", "ErrorResponse"} {
		assert.Contains(t, doc.Components.Schemas, s)
	}
	for _, s := range []string{"Invite", "InviteRequest"} {
		email := doc.Components.Schemas[s].Value.Properties["email"].Value
		assert.Equal(t, "email", email.Format, "%s.email format", s)
	}
}
