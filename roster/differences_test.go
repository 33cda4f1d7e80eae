package roster

import (
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
)

func TestDifferencesTreatsAnEmptyCellAsAnyProjects(t *testing.T) {
	t.Parallel()
	inv := client.Invite{Role: client.RoleReader, Projects: []client.ProjectGrant{{ID: "proj_default", Role: client.ProjectRoleMember}}}
	assert.Empty(t, differences(rosterfile.Entry{Role: client.RoleReader}, inv))
	assert.Equal(t, []string{"projects proj_default:member -> none"}, differences(rosterfile.Entry{Role: client.RoleReader, Projects: []client.ProjectGrant{}}, inv))
	assert.Equal(t, []string{"role reader -> owner"}, differences(rosterfile.Entry{Role: client.RoleOwner}, inv))
	assert.Empty(t, rosterfile.FormatProjects(nil))
}
