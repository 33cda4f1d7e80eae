package client

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSameGrantsIgnoresOrder(t *testing.T) {
	t.Parallel()
	a := []ProjectGrant{{"p1", ProjectMember}, {"p2", ProjectOwner}}
	assert.True(t, SameGrants(a, []ProjectGrant{{"p2", ProjectOwner}, {"p1", ProjectMember}}))
	assert.False(t, SameGrants(a, []ProjectGrant{{"p2", ProjectMember}, {"p1", ProjectMember}}))
	assert.False(t, SameGrants(a, a[:1]))
	assert.True(t, SameGrants(nil, []ProjectGrant{}))
}
