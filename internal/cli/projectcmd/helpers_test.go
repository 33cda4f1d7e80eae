package projectcmd_test

import (
	"context"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/projectcmd"
)

var (
	projectsCreated = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	projectsNow     = time.Date(2026, 11, 1, 9, 30, 0, 0, time.UTC)
)

// projectsFixture is a fake whose organization has an owner (grace), two
// readers (ada, whose email has capitals, and bob) and a reader with
// neither email nor name; and, beside the default project, Research (ada
// its owner, bob a member), Support (bob its member, no owner of its own),
// two projects named Ops, and Legacy, archived, where ada was a member.
func projectsFixture(t *testing.T, opts ...fake.Option) *fake.Server {
	t.Helper()
	archived := projectsCreated.Add(30 * 24 * time.Hour)
	return fake.NewServer(t, append([]fake.Option{
		fake.WithNow(projectsNow),
		fake.WithMembers(
			fake.Member{ID: "user-grace", Email: "grace@example.com", Name: "Grace Hopper", Role: "owner"},
			fake.Member{ID: "user-ada", Email: "Ada@Example.com", Name: "Ada Lovelace", Role: "reader"},
			fake.Member{ID: "user-bob", Email: "bob@example.com", Name: "Bob", Role: "reader"},
			fake.Member{ID: "user-anon"},
		),
		fake.WithProjects(
			fake.Project{ID: "proj_research", Name: "Research", CreatedAt: projectsCreated},
			fake.Project{ID: "proj_support", Name: "Support", CreatedAt: projectsCreated},
			fake.Project{ID: "proj_ops1", Name: "Ops", CreatedAt: projectsCreated},
			fake.Project{ID: "proj_ops2", Name: "Ops", CreatedAt: projectsCreated},
			fake.Project{ID: "proj_legacy", Name: "Legacy", CreatedAt: projectsCreated, ArchivedAt: archived},
		),
		fake.WithProjectMembers(
			fake.ProjectMember{ProjectID: "proj_research", UserID: "user-ada", Role: "owner"},
			fake.ProjectMember{ProjectID: "proj_research", UserID: "user-bob", Role: "member"},
			fake.ProjectMember{ProjectID: "proj_support", UserID: "user-bob", Role: "member"},
			fake.ProjectMember{ProjectID: "proj_legacy", UserID: "user-ada", Role: "member"},
		),
	}, opts...)...)
}

// runCommand runs one projects command as RunX with the options opts
// makes from those every projects command takes: tio's streams, a client
// for srv (test options last, as flags are), -o output and the project.
func runCommand[O any](t *testing.T, tio *clitest.TestIO, srv *fake.Server, output, project string,
	run func(context.Context, *O) error, opts func(projectcmd.ProjectOptions) *O, test ...client.Option,
) clitest.Result {
	t.Helper()
	common := projectcmd.ProjectOptions{IO: tio.IOStreams, Client: clitest.ClientFor(srv, test...), Output: output, Project: project}
	return tio.ResultOf(t.Context(), run(t.Context(), opts(common)))
}
