// grants.go holds the one comparison of project grants: every caller that
// asks whether an invite already grants what it wants (Ensure here, the
// roster package's plans) must agree on it, or a sync and an Ensure would
// disagree about the same invite.

package client

import "slices"

// SameGrants reports whether a and b grant the same projects with the same
// roles. They compare as sets, since the API does not promise an order. nil
// and an empty slice are equal here (both grant nothing); whether a nil
// CreateParams.Projects (the default project) matches an invite is for the
// caller to decide.
func SameGrants(a, b []ProjectGrant) bool {
	if len(a) != len(b) {
		return false
	}
	key := func(g ProjectGrant) string { return g.ID + "\x00" + string(g.Role) }
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i := range a {
		ka[i], kb[i] = key(a[i]), key(b[i])
	}
	slices.Sort(ka)
	slices.Sort(kb)
	return slices.Equal(ka, kb)
}

// ProjectGrant is one project an invitee joins on accepting.
type ProjectGrant struct {
	ID   string
	Role ProjectRole
}
