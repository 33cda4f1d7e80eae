package client

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSameGrantsIgnoresOrder(t *testing.T) {
	t.Parallel()
	a := []ProjectGrant{{"p1", ProjectRoleMember}, {"p2", ProjectRoleOwner}}
	assert.True(t, SameGrants(a, []ProjectGrant{{"p2", ProjectRoleOwner}, {"p1", ProjectRoleMember}}))
	assert.False(t, SameGrants(a, []ProjectGrant{{"p2", ProjectRoleMember}, {"p1", ProjectRoleMember}}))
	assert.False(t, SameGrants(a, a[:1]))
	assert.True(t, SameGrants(nil, []ProjectGrant{}))
}
