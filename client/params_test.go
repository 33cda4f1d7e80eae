package client

import (
	"reflect"
	"testing"

	"github.com/goinvites/invites/gen"
	"github.com/stretchr/testify/assert"
)

func TestListParamsReachGenByName(t *testing.T) {
	t.Parallel()
	assert.Equal(t, &gen.ListInvitesParams{}, listParams(ListParams{}), "zero fields are left out")
	limit, after := 7, "invite-9"
	assert.Equal(t, &gen.ListInvitesParams{Limit: &limit, After: &after}, listParams(ListParams{Limit: 7, After: "invite-9"}))
	assert.Panics(t, func() {
		paramFields(reflect.TypeFor[struct{ Cursor string }](), reflect.TypeFor[gen.ListInvitesParams]())
	}, "a field without a twin in gen cannot go unnoticed")
}
