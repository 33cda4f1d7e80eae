package client

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/goinvites/invites/gen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListParamsReachGen(t *testing.T) {
	t.Parallel()
	assert.Equal(t, &gen.ListInvitesParams{}, listParams(ListParams{}), "zero fields are left out")
	limit, after := 7, "invite-9"
	assert.Equal(t, &gen.ListInvitesParams{Limit: &limit, After: &after}, listParams(ListParams{Limit: 7, After: "invite-9"}))
}

// TestEveryListParamReachesGen sets each field of ListParams alone and
// looks for it in gen's params, so that a field added without its line in
// listParams cannot go unnoticed. Fields are found through their JSON
// form, which needs no list of them here.
func TestEveryListParamReachesGen(t *testing.T) {
	t.Parallel()
	var fields map[string]any
	require.NoError(t, json.Unmarshal(mustJSON(t, ListParams{}), &fields))
	require.NotEmpty(t, fields)
	for name, zero := range fields {
		var value any
		switch zero.(type) {
		case float64:
			value = 7
		case string:
			value = "x"
		case bool:
			value = true
		default:
			t.Fatalf("ListParams.%s: a %T, which this test cannot set", name, zero)
		}
		var p ListParams
		require.NoError(t, json.Unmarshal(mustJSON(t, map[string]any{name: value}), &p), name)
		var sent map[string]any
		require.NoError(t, json.Unmarshal(mustJSON(t, listParams(p)), &sent), name)
		wire := make([]string, 0, len(sent))
		for param := range sent {
			wire = append(wire, strings.ReplaceAll(param, "_", ""))
		}
		assert.Equal(t, []string{strings.ToLower(name)}, wire, "ListParams.%s set alone: gen's params hold %v", name, sent)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}
