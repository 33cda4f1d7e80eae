// What the faithfulness check does when OpenAI changes its document, tried
// on the synthetic upstream in testdata/ (the invites, users and projects
// parts of the published spec, rewritten small): each change to the operations we mirror
// fails with a message naming it, and a change anywhere else changes no
// fact at all.

package api_test

import (
	"slices"
	"testing"

	"github.com/goinvites/invites/api/internal/specfacts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const syntheticUpstream = "testdata/upstream.yaml"

// upstreamFacts reduces the synthetic upstream after change has edited it.
func upstreamFacts(t *testing.T, change func(root map[string]any)) specfacts.Facts {
	t.Helper()
	doc, err := specfacts.Load(syntheticUpstream)
	require.NoError(t, err)
	change(doc.Root)
	facts, err := specfacts.Extract(doc.Root, specfacts.Mirrored)
	require.NoError(t, err)
	return facts
}

// at walks root through mapping keys and list indexes, failing the test if
// the synthetic upstream no longer has what a change expects to edit.
func at(t *testing.T, root map[string]any, steps ...any) map[string]any {
	t.Helper()
	var cur any = root
	for _, s := range steps {
		switch s := s.(type) {
		case string:
			m, ok := cur.(map[string]any)
			require.True(t, ok, "%v: no mapping at %q", steps, s)
			cur = m[s]
		case int:
			l, ok := cur.([]any)
			require.True(t, ok && s < len(l), "%v: no item %d", steps, s)
			cur = l[s]
		}
	}
	m, ok := cur.(map[string]any)
	require.True(t, ok, "%v is not a mapping", steps)
	return m
}

func TestUpstreamChangesFailNamingThem(t *testing.T) {
	t.Parallel()
	ours := oursFacts(t)
	// The synthetic upstream matches ours today. Setting aside its own
	// problems keeps each case about its change alone should ours move on
	// (following OpenAI) without it.
	baseline := unfaithful(upstreamFacts(t, func(map[string]any) {}), ours, departures)
	t.Logf("the unchanged synthetic upstream differs from ours in %d facts", len(baseline))

	cases := []struct {
		name   string
		change func(t *testing.T, root map[string]any)
		want   []string // the new problems, in full
	}{
		{
			name: "a new enum value",
			change: func(t *testing.T, root map[string]any) {
				status := at(t, root, "components", "schemas", "Invite", "properties", "status")
				status["enum"] = append(status["enum"].([]any), "revoked")
			},
			want: []string{`schema Invite .status enum: official ["accepted","expired","pending","revoked"], ours ["accepted","expired","pending"]`},
		},
		{
			name: "a new required property",
			change: func(t *testing.T, root map[string]any) {
				req := at(t, root, "components", "schemas", "InviteRequest")
				at(t, req, "properties")["team"] = map[string]any{"type": "string"}
				req["required"] = append(req["required"].([]any), "team")
			},
			want: []string{
				`schema InviteRequest .team required: official true, ours lacks it`,
				`schema InviteRequest .team type: official "string", ours lacks it`,
			},
		},
		{
			name: "a removed parameter",
			change: func(t *testing.T, root map[string]any) {
				op := at(t, root, "paths", "/organization/invites", "get")
				op["parameters"] = slices.DeleteFunc(op["parameters"].([]any), func(p any) bool {
					return p.(map[string]any)["name"] == "after"
				})
			},
			want: []string{`GET /organization/invites param query after schema type: ours "string", official lacks it and no departure lists it`},
		},
		{
			name: "a changed type",
			change: func(t *testing.T, root map[string]any) {
				at(t, root, "components", "schemas", "Invite", "properties", "created_at")["type"] = "string"
			},
			want: []string{`schema Invite .created_at type: official "string", ours "integer"`},
		},
		{
			name: "a renamed operation",
			change: func(t *testing.T, root map[string]any) {
				at(t, root, "paths", "/organization/invites/{invite_id}", "delete")["operationId"] = "revoke-invite"
			},
			want: []string{`DELETE /organization/invites/{invite_id}: official "revoke-invite", ours "delete-invite"`},
		},
		{
			name: "a users field dropped",
			change: func(t *testing.T, root map[string]any) {
				delete(at(t, root, "components", "schemas", "User", "properties"), "is_scim_managed")
			},
			want: []string{`schema User .is_scim_managed type: ours "boolean", official lacks it and no departure lists it`},
		},
		{
			name: "a member's role made an enum",
			change: func(t *testing.T, root map[string]any) {
				props := at(t, root, "components", "schemas", "User", "properties")
				props["role"] = map[string]any{"anyOf": []any{
					map[string]any{"type": "string", "enum": []any{"owner", "reader", "member"}},
					map[string]any{"type": "null"},
				}}
			},
			want: []string{`schema User .role enum: official ["member","owner","reader"], ours lacks it`},
		},
		{
			name: "the roles of a role change made official",
			change: func(t *testing.T, root map[string]any) {
				at(t, root, "components", "schemas", "UserRoleUpdateRequest", "properties")["role"] = map[string]any{"anyOf": []any{
					map[string]any{"type": "string", "enum": []any{"owner", "reader"}},
					map[string]any{"type": "null"},
				}}
			},
			want: []string{`departure "schema UserRoleUpdateRequest .role enum" excuses nothing: drop it`},
		},
		{
			name: "a project field dropped",
			change: func(t *testing.T, root map[string]any) {
				delete(at(t, root, "components", "schemas", "Project", "properties"), "archived_at")
			},
			want: []string{
				`schema Project .archived_at format: ours "unixtime", official lacks it and no departure lists it`,
				`schema Project .archived_at nullable: ours true, official lacks it and no departure lists it`,
				`schema Project .archived_at type: ours "integer", official lacks it and no departure lists it`,
			},
		},
		{
			name: "a new residency",
			change: func(t *testing.T, root map[string]any) {
				r := at(t, root, "components", "schemas", "PublicProjectResidency")
				r["enum"] = append(r["enum"].([]any), "MARS_STORAGE")
			},
			want: []string{`schema PublicProjectResidency enum: official ["AE_STORAGE","AE_STORAGE_PROCESSING","AU_STORAGE",` +
				`"CA_STORAGE","EU_STORAGE_PROCESSING","GB_STORAGE","GLOBAL","IN_STORAGE","JP_STORAGE","KR_STORAGE",` +
				`"MARS_STORAGE","SG_STORAGE","US_STORAGE_PROCESSING"], ours ["AE_STORAGE","AE_STORAGE_PROCESSING",` +
				`"AU_STORAGE","CA_STORAGE","EU_STORAGE_PROCESSING","GB_STORAGE","GLOBAL","IN_STORAGE","JP_STORAGE",` +
				`"KR_STORAGE","SG_STORAGE","US_STORAGE_PROCESSING"]`},
		},
		{
			name: "a project member added by a field of another name",
			change: func(t *testing.T, root map[string]any) {
				props := at(t, root, "components", "schemas", "ProjectUserCreateRequest", "properties")
				props["member_id"] = props["user_id"]
				delete(props, "user_id")
			},
			want: []string{
				`schema ProjectUserCreateRequest .member_id nullable: official true, ours lacks it`,
				`schema ProjectUserCreateRequest .member_id type: official "string", ours lacks it`,
				`schema ProjectUserCreateRequest .user_id nullable: ours true, official lacks it and no departure lists it`,
				`schema ProjectUserCreateRequest .user_id type: ours "string", official lacks it and no departure lists it`,
			},
		},
		{
			name: "the roles of a project member made official",
			change: func(t *testing.T, root map[string]any) {
				at(t, root, "components", "schemas", "ProjectUserCreateRequest", "properties")["role"] = map[string]any{
					"type": "string", "enum": []any{"owner", "member"},
				}
			},
			want: []string{`departure "schema ProjectUserCreateRequest .role enum" excuses nothing: drop it`},
		},
		{
			name: "a parameter bound made official",
			change: func(t *testing.T, root map[string]any) {
				at(t, root, "paths", "/organization/invites", "get", "parameters", 0, "schema")["maximum"] = 100
			},
			want: []string{`departure "GET /organization/invites param query limit schema maximum" excuses nothing: drop it`},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			official := upstreamFacts(t, func(root map[string]any) { c.change(t, root) })
			got := slices.DeleteFunc(unfaithful(official, ours, departures), func(p string) bool {
				return slices.Contains(baseline, p)
			})
			assert.Equal(t, c.want, got)
		})
	}
}

// addGet adds a path with one GET to root.
func addGet(t *testing.T, root map[string]any, path, operationID string) {
	t.Helper()
	at(t, root, "paths")[path] = map[string]any{"get": map[string]any{
		"operationId": operationID,
		"responses":   map[string]any{"200": map[string]any{"description": "ok"}},
	}}
}

func TestUpstreamChangesElsewhereChangeNoFact(t *testing.T) {
	t.Parallel()
	unchanged := upstreamFacts(t, func(map[string]any) {})
	for name, change := range map[string]func(t *testing.T, root map[string]any){
		"another path's operation": func(t *testing.T, root map[string]any) {
			at(t, root, "paths", "/widgets", "get")["operationId"] = "widgets"
			at(t, root, "components", "schemas", "Widget", "properties")["size"] = map[string]any{"type": "integer"}
		},
		"a new path": func(t *testing.T, root map[string]any) {
			addGet(t, root, "/organization/audit_logs", "list-audit-logs")
		},
		"a projects path we do not mirror": func(t *testing.T, root map[string]any) {
			at(t, root, "paths", "/organization/projects/{project_id}/api_keys", "get")["operationId"] = "keys"
			at(t, root, "components", "schemas", "KeyList", "properties")["next"] = map[string]any{"type": "string"}
			addGet(t, root, "/organization/projects/{project_id}/groups", "list-project-groups")
		},
		"a users path we do not mirror": func(t *testing.T, root map[string]any) {
			at(t, root, "paths", "/organization/users/{user_id}/roles", "get")["operationId"] = "roles"
			at(t, root, "components", "schemas", "RoleList", "properties")["next"] = map[string]any{"type": "string"}
			addGet(t, root, "/organization/users/{user_id}/projects", "list-user-projects")
		},
		"descriptions and summaries": func(t *testing.T, root map[string]any) {
			at(t, root, "components", "schemas", "Invite")["description"] = "Reworded."
			at(t, root, "components", "schemas", "Invite", "properties", "email")["description"] = "Reworded."
			at(t, root, "paths", "/organization/invites", "get")["summary"] = "Reworded."
			at(t, root, "paths", "/organization/invites", "get", "parameters", 1)["description"] = "Reworded."
		},
		"examples and extensions": func(t *testing.T, root map[string]any) {
			at(t, root, "paths", "/organization/invites", "get")["x-meta"] = map[string]any{"example": "other"}
			at(t, root, "components", "schemas", "Invite")["example"] = map[string]any{"id": "x"}
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, unchanged, upstreamFacts(t, func(root map[string]any) { change(t, root) }))
		})
	}
}
