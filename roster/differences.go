// Whether a pending invite is what an entry asks decides between keeping
// and replacing it, so the comparison is one function, read the same by
// the plan and its tests.

package roster

import (
	"fmt"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/rosterfile"
)

// differences says how inv differs from e, one phrase per field; none when
// inv is what e asks. An entry without a role matches any role, and a nil
// e.Projects any projects (see the package doc).
func differences(e rosterfile.Entry, inv client.Invite) []string {
	var diffs []string
	if e.HasRole() && inv.Role != e.Role {
		diffs = append(diffs, fmt.Sprintf("role %s -> %s", inv.Role, e.Role))
	}
	if e.Projects != nil && !client.SameGrants(inv.Projects, e.Projects) {
		diffs = append(diffs, fmt.Sprintf("projects %s -> %s", DescribeProjects(InviteProjects(inv.Projects)), DescribeProjects(e.Projects)))
	}
	return diffs
}
