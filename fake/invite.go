// The fake shows what it holds in its own plain types, so that a test reads
// an invite's role or a member's email as a string and never learns the
// generated models' pointers and enums, which change with the spec.

package fake

import (
	"fmt"
	"time"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/internal/rules"
)

// Invite is an invite as the API would show it when asked: its status is
// the one it has now (a pending invite past its expiry reads "expired").
type Invite struct {
	ID    string
	Email string
	// Role is "reader" or "owner".
	Role string
	// Status is "pending", "accepted" or "expired".
	Status string
	// Projects are the project grants the invite carries; empty for none.
	Projects []ProjectGrant
	// CreatedAt is when the invite was sent.
	CreatedAt time.Time
	// ExpiresAt is when a pending invite expires; the zero time for none.
	ExpiresAt time.Time
	// AcceptedAt is when the invite was accepted; the zero time until then.
	AcceptedAt time.Time
}

// ProjectGrant is one project an invite gives access to, and the role in
// it ("member" or "owner").
type ProjectGrant struct {
	ID   string `json:"id"`
	Role string `json:"role"`
}

// checkGrant refuses a grant an invite could not carry.
func checkGrant(g ProjectGrant) error {
	if err := rules.ProjectID(g.ID); err != nil {
		return fmt.Errorf("ID %q %w", g.ID, err)
	}
	if err := rules.ProjectRole(g.Role); err != nil {
		return fmt.Errorf("%q: role %q %w", g.ID, g.Role, err)
	}
	return nil
}

// inviteOf is inv as the API shows it at now, in the fake's own type.
func inviteOf(inv gen.Invite, now time.Time) Invite {
	inv = view(inv, now)
	out := Invite{
		ID: inv.ID, Email: inv.Email, Role: string(inv.Role), Status: string(inv.Status),
		Projects:   make([]ProjectGrant, 0, len(inv.Projects)),
		CreatedAt:  unixTime(&inv.CreatedAt),
		ExpiresAt:  unixTime(inv.ExpiresAt),
		AcceptedAt: unixTime(inv.AcceptedAt),
	}
	for _, p := range inv.Projects {
		out.Projects = append(out.Projects, ProjectGrant{ID: p.ID, Role: string(p.Role)})
	}
	return out
}

// grantsOf is grants as an invite records them.
func grantsOf(grants []ProjectGrant) []gen.InviteProject {
	out := make([]gen.InviteProject, 0, len(grants))
	for _, g := range grants {
		out = append(out, gen.InviteProject{ID: g.ID, Role: gen.ProjectRole(g.Role)})
	}
	return out
}

// maxTime is the later of a and b.
func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// unixTime is the time of a Unix-seconds field, UTC; the zero time for
// none.
func unixTime(sec *int64) time.Time {
	if sec == nil {
		return time.Time{}
	}
	return time.Unix(*sec, 0).UTC()
}
