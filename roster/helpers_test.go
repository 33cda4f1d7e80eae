package roster_test

import (
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/require"
)

var (
	projA      = client.ProjectGrant{ID: "proj_a", Role: client.ProjectRoleMember}
	projAOwner = client.ProjectGrant{ID: "proj_a", Role: client.ProjectRoleOwner}
	projB      = client.ProjectGrant{ID: "proj_b", Role: client.ProjectRoleOwner}
)

func entry(email string, role client.Role, projects ...client.ProjectGrant) rosterfile.Entry {
	return rosterfile.Entry{Email: email, Role: role, Projects: projects}
}

func invite(id, email string, role client.Role, status client.Status, projects ...client.ProjectGrant) client.Invite {
	return client.Invite{ID: id, Email: email, Role: role, Status: status, Projects: projects}
}

func member(id, email string, role client.Role) client.User {
	return client.User{ID: id, Email: email, Role: role}
}

// kinds is each action's email and kind, for compact assertions.
func kinds(actions []roster.Action) []string {
	var out []string
	for _, a := range actions {
		line := string(a.Kind)
		if a.Email != "" {
			line = a.Email + " " + line
		}
		if id := a.InviteID() + a.UserID(); id != "" {
			line += " " + id
		}
		out = append(out, line)
	}
	return out
}

// newClient is a patient client for srv: the fake's faults are waited out.
func newClient(t *testing.T, srv *fake.Server, opts ...client.Option) *client.Client {
	t.Helper()
	c, err := client.New(append([]client.Option{client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()),
		client.WithMaxRetries(10), client.WithMaxRetryWait(5 * time.Second)}, opts...)...)
	require.NoError(t, err)
	return c
}

// readOrg reads the organization srv holds, through c.
func readOrg(t *testing.T, c *client.Client) roster.Org {
	t.Helper()
	org, err := roster.ReadOrg(t.Context(), c)
	require.NoError(t, err)
	return org
}
