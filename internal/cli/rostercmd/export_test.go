package rostercmd_test

import (
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestExportThenSyncCheckFindsNothing(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, rosterProjects(), fake.WithInvites(40),
		fake.WithDefaultProjects(fake.ProjectGrant{ID: "proj_default", Role: "member"})) // the default recorded as a grant
	require.Equal(t, 0, clitest.On(srv).Run(t, "create", "ada@example.com", "--role", "owner", "--project", "proj_b:member", "--project", "proj_a:owner").Code)
	require.Equal(t, 0, clitest.On(srv).Run(t, "create", "bob@example.com", "--role", "reader", "--no-projects").Code)
	require.Equal(t, 0, clitest.On(srv).Run(t, "create", "cy@example.com", "--role", "reader").Code)

	r := clitest.On(srv).Run(t, "export")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "email,role,projects", clitest.Lines(r.Stdout)[0])
	assert.Contains(t, clitest.Lines(r.Stdout), "ada@example.com,owner,proj_b:member;proj_a:owner")
	// An invite that shows no grant reads as one to the default project
	// (see TestExportRoundTripKeepsWhatInvitesGrant); one that shows the
	// default project's grant names it.
	assert.Contains(t, clitest.Lines(r.Stdout), "bob@example.com,reader,")
	assert.Contains(t, clitest.Lines(r.Stdout), "cy@example.com,reader,proj_default:member")
	for _, inv := range srv.Invites() {
		if inv.Status == "expired" {
			assert.NotContains(t, r.Stdout, inv.Email+",", "expired invites are left out")
		}
	}

	file := clitest.WriteFile(t, "roster.csv", r.Stdout)
	r = clitest.On(srv).Run(t, "sync", "--file", file, "--check", "--revoke-missing")
	assert.Equal(t, 0, r.Code, r.Stdout+r.Stderr)
	assert.Contains(t, r.Stdout, "Nothing to do: the organization matches the roster.")
}

// An invite to the default project exports as an empty projects cell (the
// default), never as none: made again from the file, by import in another
// organization or by a sync's resend once it expired, it grants what it
// did, whether the API shows the default project as no grant or as its own
// grant.
func TestExportRoundTripKeepsWhatInvitesGrant(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		opts     []fake.Option
		adasCell string
	}{
		{"the default shown as no grant", nil, ""},
		{"the default shown as its grant", []fake.Option{fake.WithDefaultProjects(fake.ProjectGrant{ID: fake.DefaultProjectID, Role: "member"})}, "proj_default:member"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			org := func() *fake.Server {
				return fake.NewServer(t, append([]fake.Option{
					fake.WithProjects(fake.Project{ID: "proj_a", Name: "Apollo"}),
					fake.WithMembers(fake.Member{Email: "grace@example.com", Role: "owner"}),
				}, tc.opts...)...)
			}
			invite := func(srv *fake.Server) {
				require.Equal(t, 0, clitest.On(srv).Run(t, "create", "ada@example.com", "--role", "reader").Code) // the default project
				require.Equal(t, 0, clitest.On(srv).Run(t, "create", "bob@example.com", "--role", "reader", "--project", "proj_a:owner").Code)
			}
			original := org()
			invite(original)
			r := clitest.On(original).Run(t, "export")
			require.Equal(t, 0, r.Code, r.Stderr)
			assert.Equal(t, []string{"email,role,projects", "grace@example.com,owner,", "bob@example.com,reader,proj_a:owner", "ada@example.com,reader," + tc.adasCell},
				clitest.Lines(r.Stdout))
			file := clitest.WriteFile(t, "roster.csv", r.Stdout)
			check := clitest.On(original).Run(t, "sync", "--file", file, "--check", "--revoke-missing")
			assert.Equal(t, 0, check.Code, "the organization is the file: %s", check.Stdout)
			granted := map[string][]string{"ada@example.com": joinedOnAccepting(t, original, "ada@example.com"), "bob@example.com": joinedOnAccepting(t, original, "bob@example.com")}
			require.Equal(t, []string{"proj_default:member"}, granted["ada@example.com"], "the fake grants the default project")

			// Imported into another organization.
			imported := org()
			r = clitest.On(imported).Run(t, "import", "--file", file)
			require.Equal(t, 0, r.Code, r.Stdout+r.Stderr)
			// Synced into another, then resent by sync once expired.
			resent := org()
			r = clitest.On(resent).Run(t, "sync", "--file", file, "--yes")
			require.Equal(t, 0, r.Code, r.Stdout+r.Stderr)
			resent.Advance(8 * 24 * time.Hour)
			r = clitest.On(resent).Run(t, "sync", "--file", file, "--yes", "-o", "csv")
			require.Equal(t, 0, r.Code, r.Stdout+r.Stderr)
			assert.Equal(t, 2, strings.Count(r.Stdout, ",resend,"), r.Stdout)

			for _, srv := range []*fake.Server{imported, resent} {
				for email, want := range granted {
					assert.Equal(t, want, joinedOnAccepting(t, srv, email), email)
				}
			}
		})
	}
}

// joinedOnAccepting accepts email's pending invite and returns the projects
// it joined by it, as project:role.
func joinedOnAccepting(t *testing.T, srv *fake.Server, email string) []string {
	t.Helper()
	var pending []fake.Invite
	for _, inv := range srv.Invites() {
		if inv.Email == email && inv.Status == "pending" {
			pending = append(pending, inv)
		}
	}
	require.Len(t, pending, 1, "%s's pending invites", email)
	require.NoError(t, srv.Accept(pending[0].ID))
	var joined []string
	for _, p := range []string{fake.DefaultProjectID, "proj_a"} {
		for _, pm := range srv.ProjectMembers(p) {
			if pm.Email == email && !pm.Implicit {
				joined = append(joined, p+":"+pm.Role)
			}
		}
	}
	return joined
}

// export --help says whom export writes and whom it leaves out; the file it
// writes holds exactly those.
func TestExportWritesWhatItsHelpSays(t *testing.T) {
	t.Parallel()
	assert.Regexp(t, `(?m)^  export +Write the members, their project access and the pending invites as a roster file for sync$`, clitest.CLI{}.Run(t, "--help").Stdout)
	help := clitest.CLI{}.Run(t, "export", "--help")
	require.Equal(t, 0, help.Code)
	for _, says := range []string{
		"each member with an email and the role owner or reader",
		"their project access (every active project's members are\n    read)",
		"SCIM-managed members\n    and service accounts with an email are listed too",
		"each email with a pending invite and no member, with the role and\n    projects of its newest pending invite",
		"Left out: members with no email (most service accounts), expired invites,\nand accepted ones",
	} {
		assert.Contains(t, help.Stdout, says)
	}

	srv := fake.NewServer(t, fake.WithMembers(
		fake.Member{Email: "grace@example.com", Role: "owner"},
		fake.Member{Email: "sso@example.com", SCIMManaged: true},
		fake.Member{Email: "bot@example.com", ServiceAccount: true},
		fake.Member{Name: "CI", ServiceAccount: true},
		fake.Member{Email: "odd@example.com", Role: "member"}, // a role no roster holds
	))
	for _, email := range []string{"gone@example.com", "later@example.com", "joined@example.com"} {
		require.Equal(t, 0, clitest.On(srv).Run(t, "create", email, "--role", "reader").Code)
	}
	require.NoError(t, srv.Accept(clitest.FakeInvite(t, srv, "joined@example.com").ID))
	srv.Advance(8 * 24 * time.Hour) // gone's and later's invites expire
	require.Equal(t, 0, clitest.On(srv).Run(t, "create", "later@example.com", "--role", "owner", "--project", "proj_a:member").Code)

	r := clitest.On(srv).Run(t, "export")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []string{
		"email,role,projects",
		"joined@example.com,reader,proj_default:member", // accepted: a member now, in the default project (members come newest first)
		"bot@example.com,reader,none",                   // in no project
		"sso@example.com,reader,none",
		"grace@example.com,owner,",              // an owner of the organization owns every project by that role
		"later@example.com,owner,proj_a:member", // the pending invite, not the expired one
	}, clitest.Lines(r.Stdout), "no gone@ (expired), no CI (no email), no odd@ (role member)")
}

// A roster is CSV: export -o json is refused before anything is read,
// saying why and what gives JSON, rather than writing CSV under a JSON
// flag; -o csv is the roster.
func TestExportRefusesJSON(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithInvites(3))
	r := clitest.On(srv).Run(t, "export", "-o", "json")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Empty(t, r.Stdout)
	assert.Equal(t, []string{"invites: export writes a roster, which is CSV: -o json is not one (invites list --all -o json gives the invites as JSON)"}, clitest.Lines(r.Stderr))
	assert.Zero(t, srv.Stats().Total, "refused before any request")

	csvOut := clitest.On(srv).Run(t, "export", "-o", "csv")
	require.Equal(t, 0, csvOut.Code, csvOut.Stderr)
	table := clitest.On(srv).Run(t, "export")
	assert.Equal(t, "email,role,projects", clitest.Lines(csvOut.Stdout)[0])
	assert.Equal(t, table.Stdout, csvOut.Stdout)
}
