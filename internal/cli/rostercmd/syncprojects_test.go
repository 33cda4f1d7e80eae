package rostercmd_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/rostercmd"
	"github.com/goinvites/invites/internal/cli/rosterrun"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// projectsOrg is a fake with an owner of the organization (boss), four
// readers in projects, and four projects: Alpha (lead its owner; mover,
// promo and stay members), Beta (lead its only owner of its own), Secret
// (which no roster names: mover a member, stay its owner) and Old,
// archived.
func projectsOrg(t *testing.T) *fake.Server {
	t.Helper()
	return fake.NewServer(t,
		fake.WithMembers(
			fake.Member{ID: "user-boss", Email: "boss@example.com", Role: "owner"},
			fake.Member{ID: "user-lead", Email: "lead@example.com", Role: "reader"},
			fake.Member{ID: "user-mover", Email: "mover@example.com", Role: "reader"},
			fake.Member{ID: "user-promo", Email: "promo@example.com", Role: "reader"},
			fake.Member{ID: "user-stay", Email: "stay@example.com", Role: "reader"},
		),
		fake.WithProjects(
			fake.Project{ID: "proj_a", Name: "Alpha"}, fake.Project{ID: "proj_b", Name: "Beta"},
			fake.Project{ID: "proj_secret", Name: "Secret"},
			fake.Project{ID: "proj_old", Name: "Old", CreatedAt: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), ArchivedAt: time.Date(2025, 6, 2, 0, 0, 0, 0, time.UTC)},
		),
		fake.WithProjectMembers(
			fake.ProjectMember{ProjectID: "proj_a", UserID: "user-lead", Role: "owner"},
			fake.ProjectMember{ProjectID: "proj_a", UserID: "user-mover", Role: "member"},
			fake.ProjectMember{ProjectID: "proj_a", UserID: "user-promo", Role: "member"},
			fake.ProjectMember{ProjectID: "proj_a", UserID: "user-stay", Role: "member"},
			fake.ProjectMember{ProjectID: "proj_b", UserID: "user-lead", Role: "owner"},
			fake.ProjectMember{ProjectID: "proj_secret", UserID: "user-mover", Role: "member"},
			fake.ProjectMember{ProjectID: "proj_secret", UserID: "user-stay", Role: "owner"},
		),
	)
}

// projectsRoster moves mover from Alpha to Beta, makes promo an owner of
// Alpha, takes lead out of Beta (whose only owner of their own they are,
// and stay so: no row makes anyone else its owner), keeps stay, and hires
// new, whose invite names Alpha by ID and Beta by name. Secret is named by
// no row: no one's access to it is touched.
const projectsRoster = "email,role,projects\r\n" +
	"boss@example.com,owner,\r\n" +
	"lead@example.com,reader,Alpha:owner\r\n" +
	"mover@example.com,reader,proj_b:member\r\n" +
	"promo@example.com,reader,proj_a:owner\r\n" +
	"stay@example.com,reader,proj_a:member\r\n" +
	"new@example.com,reader,\"proj_a:member;Beta:member\"\r\n"

// syncProjects runs sync --yes (RunSync) over file with the defaults of the
// flags, and -o json, and decodes the summary it prints.
func syncProjects(t *testing.T, srv *fake.Server, file string, edit func(*rostercmd.SyncOptions)) (rosterrun.Summary, clitest.Result) {
	t.Helper()
	r := runSyncProjects(t, srv, file, edit)
	return clitest.DecodeJSON[rosterrun.Summary](t, r), r
}

// runSyncProjects runs sync --yes (RunSync) over file with the defaults of
// the flags, and -o json.
func runSyncProjects(t *testing.T, srv *fake.Server, file string, edit func(*rostercmd.SyncOptions)) clitest.Result {
	t.Helper()
	tio := clitest.NewTestIO("")
	opts := rostercmd.SyncOptions{
		RosterOptions: rosterOn(tio, srv, "json", file), Yes: true,
		MaxRemovals: rostercmd.DefaultMaxRemovals, MaxDemotions: rostercmd.DefaultMaxDemotions, MaxProjectRemovals: rostercmd.DefaultMaxProjectRemovals,
	}
	if edit != nil {
		edit(&opts)
	}
	return runSyncOn(t.Context(), tio, opts)
}

func TestSyncOverProjectAccessConvergesUnderFaults(t *testing.T) {
	t.Parallel()
	srv := projectsOrg(t)
	file := clitest.WriteFile(t, "roster.csv", projectsRoster)
	srv.SetFaults(fake.Faults{RetryAfter: 50 * time.Millisecond})
	srv.FailNextAt(fake.EndpointListProjectUsers, fake.FaultServerError, 1)
	srv.FailNextAt(fake.EndpointCreateProjectUser, fake.FaultAmbiguousDrop, 1) // applied, its answer lost
	srv.FailNextAt(fake.EndpointModifyProjectUser, fake.FaultRateLimit, 1)     // the wait only in the message
	srv.FailNextAt(fake.EndpointModifyProjectUser, fake.FaultDrop, 1)
	srv.FailNextAt(fake.EndpointDeleteProjectUser, fake.FaultAmbiguousError, 1) // applied, then a 500
	srv.FailNextAt(fake.EndpointCreateInvite, fake.FaultUnavailable, 1)

	sum, r := syncProjects(t, srv, file, nil)
	assert.Equal(t, cmdutil.ExitFailure, r.Code, "a write held by the guard rails: %s", r.Stderr)
	assert.Equal(t, map[string]int{"keep": 5, "create": 1, "add-to-project": 1, "set-project-role": 1, "remove-from-project": 1, "held": 1}, sum.Plan)
	assert.Equal(t, map[string]int{"done": 4, "unchanged": 6}, sum.Outcomes)
	assert.Contains(t, r.Stderr, "Project access still differs from the roster in 1 project(s): proj_b (Beta) 1.", "only the held write is left")
	assert.Equal(t, []string{"proj_b (Beta)", "proj_a (Alpha)"}, sum.ManagedProjects, "the projects the roster names, by ID or name; not Secret, not the archived Old")

	byKind := map[roster.Kind]rosterrun.ActionRow{}
	for _, a := range sum.Actions {
		byKind[a.Action] = a
	}
	held := byKind[roster.Held]
	assert.Equal(t, "lead@example.com", held.Email)
	assert.Equal(t, 3, held.Line, "a project action keeps its roster line")
	assert.Equal(t, "proj_b", held.ProjectID)
	assert.Contains(t, held.Reason, "without an owner of its own")
	move := byKind[roster.RemoveFromProject]
	assert.Equal(t, []string{"mover@example.com", "proj_a", "Alpha", "member", ""}, []string{move.Email, move.ProjectID, move.ProjectName, move.ProjectRoleBefore, move.ProjectRoleAfter})
	promo := byKind[roster.SetProjectRole]
	assert.Equal(t, []string{"user-promo", "member", "owner", string(roster.Done)}, []string{promo.UserID, promo.ProjectRoleBefore, promo.ProjectRoleAfter, string(promo.Outcome)})

	assert.Equal(t, map[string]string{"user-boss": "owner", "user-lead": "owner", "user-promo": "owner", "user-stay": "member"}, clitest.ProjectRoles(srv, "proj_a"), "mover left Alpha, promo owns it")
	assert.Equal(t, map[string]string{"user-boss": "owner", "user-lead": "owner", "user-mover": "member"}, clitest.ProjectRoles(srv, "proj_b"), "mover joined Beta; its last owner of its own was held")
	assert.Equal(t, map[string]string{"user-boss": "owner", "user-mover": "member", "user-stay": "owner"}, clitest.ProjectRoles(srv, "proj_secret"), "a project nobody wrote down is left alone")
	assert.Equal(t, []string{"user-mover"}, clitest.RemovedFromProject(srv, "proj_a"), "the one removal, once")
	assert.Empty(t, clitest.RemovedFromProject(srv, "proj_b"))
	assert.Empty(t, clitest.RemovedFromProject(srv, "proj_secret"))
	assert.Zero(t, srv.Stats().CountAt(fake.EndpointCreateProjectUser, http.StatusBadRequest), "no add was sent again to be refused as already done")
	assert.Equal(t, 1, srv.Stats().SentTo(fake.EndpointCreateProjectUser), "the add whose answer was lost was looked up, not sent again")

	inv := clitest.FakeInvite(t, srv, "new@example.com")
	assert.ElementsMatch(t, []fake.ProjectGrant{{ID: "proj_a", Role: "member"}, {ID: "proj_b", Role: "member"}}, inv.Projects, "the invite names Beta by its ID")
	assert.Equal(t, 1, srv.CreatedFor("new@example.com"))

	// The new hire accepts: the invite's projects become theirs. A second
	// run plans no write, and sends none.
	require.NoError(t, srv.Accept(inv.ID))
	sum, r = syncProjects(t, srv, file, nil)
	assert.Equal(t, cmdutil.ExitFailure, r.Code, "the held write is still held: %s", r.Stderr)
	assert.Equal(t, map[string]int{"keep": 6, "held": 1}, sum.Plan, "no write: the new member's access is what the roster says")
	hire, ok := srv.MemberByEmail("new@example.com")
	require.True(t, ok)
	assert.Equal(t, map[string]string{"user-boss": "owner", "user-lead": "owner", "user-mover": "member", hire.ID: "member"}, clitest.ProjectRoles(srv, "proj_b"))
	assert.Zero(t, sum.WriteRequests)
	assert.Equal(t, 1, srv.CreatedFor("new@example.com"), "no duplicate invite")
	assert.Equal(t, 1, srv.Stats().SentTo(fake.EndpointCreateProjectUser), "no duplicate add")
	assert.Equal(t, []string{"user-mover"}, clitest.RemovedFromProject(srv, "proj_a"), "no removal of access the roster grants")

	// --check says the organization still differs, and where.
	r = clitest.On(srv).Run(t, "sync", "--file", file, "--check")
	assert.Equal(t, cmdutil.ExitDrift, r.Code, r.Stderr)
	assert.Contains(t, r.Stdout, "Project access differs from the roster in 1 project(s): proj_b (Beta) 1.")
	assert.Regexp(t, `(?m)^3\s+held\s+lead@example.com\s+user-lead\s+owner -> -\s+proj_b \(Beta\)\s+project "Beta" \(proj_b\): would leave the project without an owner of its own`, r.Stdout)
}

func TestSyncPlanShowsProjectActionsAndCheckNamesTheProjects(t *testing.T) {
	t.Parallel()
	srv := projectsOrg(t)
	file := clitest.WriteFile(t, "roster.csv", projectsRoster)
	r := clitest.On(srv).Run(t, "sync", "--file", file, "--check")
	assert.Equal(t, cmdutil.ExitDrift, r.Code, r.Stderr)
	for _, want := range []string{
		`(?m)^3\s+held\s+lead@example.com\s+user-lead\s+owner -> -\s+proj_b \(Beta\)\s+`,
		`(?m)^4\s+remove-from-project\s+mover@example.com\s+user-mover\s+member -> -\s+proj_a \(Alpha\)\s+project "Alpha" \(proj_a\): member -> not a member`,
		`(?m)^4\s+add-to-project\s+mover@example.com\s+user-mover\s+- -> member\s+proj_b \(Beta\)\s+`,
		`(?m)^5\s+set-project-role\s+promo@example.com\s+user-promo\s+member -> owner\s+proj_a \(Alpha\)\s+`,
		`(?m)^7\s+create\s+new@example.com\s+-\s+reader\s+proj_a:member;proj_b:member\s+`,
	} {
		assert.Regexp(t, want, r.Stdout)
	}
	assert.Contains(t, r.Stdout, "1 create, 1 add-to-project, 1 set-project-role, 1 remove-from-project, 1 held, 5 keep.")
	assert.Contains(t, r.Stdout, "Project access differs from the roster in 2 project(s): proj_b (Beta) 2, proj_a (Alpha) 2.")
	assert.Contains(t, r.Stdout, "Projects managed, those the roster names; --manage-projects all manages every active one: proj_b (Beta), proj_a (Alpha).")
	assert.Zero(t, clitest.ProjectWrites(srv), "a check sends nothing")

	// The report has the project's columns, last.
	report := clitest.WriteFile(t, "report.csv", "")
	r = clitest.On(srv).Run(t, "sync", "--file", file, "--dry-run", "--report", report)
	assert.Equal(t, cmdutil.ExitFailure, r.Code, "a held write: %s", r.Stderr)
	rows := readReport(t, report)
	assert.Equal(t, []string{"project_id", "project_name", "project_role_before", "project_role_after"}, rows[0][13:])
	assert.Contains(t, rows, []string{"5", "promo@example.com", "set-project-role", "", `project "Alpha" (proj_a): role member -> owner`, "reader", "reader",
		"", "proj_a:owner", "planned", "", "", "user-promo", "proj_a", "Alpha", "member", "owner"})
}

func TestSyncManagesEveryProjectOnlyWhenAsked(t *testing.T) {
	t.Parallel()
	srv := projectsOrg(t)
	// stay's row names Alpha only: Secret, which stay owns, is no one's
	// business by default.
	file := clitest.WriteFile(t, "roster.csv", "email,role,projects\nstay@example.com,reader,proj_a:member\nmover@example.com,reader,\n")
	sum, r := syncProjects(t, srv, file, nil)
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, map[string]int{"keep": 2, "unlisted": 3}, sum.Plan, "an empty cell leaves mover's access alone")

	sum, r = syncProjects(t, srv, file, func(o *rostercmd.SyncOptions) { o.ManageProjects = roster.ScopeAll })
	assert.Equal(t, cmdutil.ExitFailure, r.Code, r.Stderr)
	assert.Equal(t, []string{"proj_default (Default project)", "proj_a (Alpha)", "proj_b (Beta)", "proj_secret (Secret)"}, sortedLike(sum.ManagedProjects, srv))
	assert.Equal(t, 1, sum.Plan["held"], "stay is Secret's only owner of their own: held")
	assert.Equal(t, map[string]string{"user-boss": "owner", "user-mover": "member", "user-stay": "owner"}, clitest.ProjectRoles(srv, "proj_secret"))

	r = clitest.On(srv).Run(t, "sync", "--file", file, "--manage-projects", "every", "--dry-run")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Equal(t, []string{`invites: --manage-projects "every": want named or all`}, clitest.Lines(r.Stderr)[:1])
}

// sortedLike is the managed projects in the order srv holds them, oldest
// first, for a comparison that does not depend on the list's order.
func sortedLike(managed []string, srv *fake.Server) []string {
	var out []string
	projects := srv.Projects()
	for i := len(projects) - 1; i >= 0; i-- {
		for _, m := range managed {
			if strings.HasPrefix(m, projects[i].ID+" ") {
				out = append(out, m)
			}
		}
	}
	return out
}

func TestSyncRefusesTooManyProjectRemovalsWithOnlyTheReads(t *testing.T) {
	t.Parallel()
	srv := projectsOrg(t)
	// Everyone out of Alpha but its owner: three removals.
	file := clitest.WriteFile(t, "roster.csv", "email,role,projects\nlead@example.com,reader,proj_a:owner\n"+
		"mover@example.com,reader,none\npromo@example.com,reader,none\nstay@example.com,reader,none\nnew@example.com,reader,\n")
	r := runSyncProjects(t, srv, file, func(o *rostercmd.SyncOptions) { o.MaxProjectRemovals = 2 })
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	require.ErrorContains(t, r.Err, "refusing to sync: the plan ends 3 project memberships, more than --max-project-removals 2; nothing was sent")
	require.ErrorContains(t, r.Err, "raise --max-project-removals to 3 or more")
	assert.Zero(t, clitest.ProjectWrites(srv))
	assert.Zero(t, srv.Stats().SentTo(fake.EndpointCreateInvite), "not even the invite")

	r = clitest.On(srv).Run(t, "sync", "--file", file, "--dry-run", "--max-project-removals", "2")
	assert.Equal(t, cmdutil.ExitUsage, r.Code, "a dry run of a plan a run would refuse")
	assert.Contains(t, r.Stdout, "Applying would be refused, sending nothing: the plan ends 3 project memberships, more than --max-project-removals 2.")

	r = clitest.On(srv).Run(t, "sync", "--file", file, "--yes", "--max-project-removals", "-1")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Contains(t, r.Stderr, "--max-project-removals -1: give 0 or more")
}

func TestSyncRefusesProjectsItCannotResolveOnTheirLines(t *testing.T) {
	t.Parallel()
	srv := projectsOrg(t)
	_, err := srv.AddProject(fake.Project{ID: "proj_a2", Name: "Alpha"})
	require.NoError(t, err)
	file := clitest.WriteFile(t, "roster.csv", "email,role,projects\n"+
		"stay@example.com,reader,Alpha:member\n"+ // two projects are named Alpha
		"mover@example.com,reader,Nowhere:member\n"+
		"promo@example.com,reader,Old:member\n"+
		"new@example.com,reader,Beta:owner\n")
	report := clitest.WriteFile(t, "report.csv", "")
	r := clitest.On(srv).Run(t, "sync", "--file", file, "--yes", "--report", report)
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Contains(t, r.Stderr, file+`:2: project "Alpha": 2 active projects have this name`)
	assert.Contains(t, r.Stderr, file+`:3: project "Nowhere": no project has this ID or name`)
	assert.Contains(t, r.Stderr, file+`:4: project "Old": archived (proj_old)`)
	assert.Contains(t, r.Stderr, file+": 3 invalid row(s); nothing was sent")
	assert.Zero(t, clitest.ProjectWrites(srv))
	assert.Zero(t, srv.Stats().SentTo(fake.EndpointCreateInvite))
	rows := readReport(t, report)
	require.Len(t, rows, 5)
	assert.Equal(t, string(roster.Invalid), rows[1][9])
	assert.Equal(t, string(roster.NotAttempted), rows[4][9], "the valid row is not sent either")
}

func TestExportThenSyncCheckWithProjects(t *testing.T) {
	t.Parallel()
	srv := projectsOrg(t)
	_, err := srv.AddMember(fake.Member{ID: "user-none", Email: "none@example.com"})
	require.NoError(t, err)
	require.Equal(t, 0, clitest.On(srv).Run(t, "create", "pending@example.com", "--role", "reader", "--project", "proj_b:owner").Code)

	r := clitest.On(srv).Run(t, "export")
	require.Equal(t, 0, r.Code, r.Stderr)
	lines := clitest.Lines(r.Stdout)
	for _, want := range []string{
		"boss@example.com,owner,",                           // owns every project by that role
		"lead@example.com,reader,proj_b:owner;proj_a:owner", // in the order the projects are listed
		"mover@example.com,reader,proj_secret:member;proj_a:member",
		"stay@example.com,reader,proj_secret:owner;proj_a:member",
		"promo@example.com,reader,proj_a:member",
		"none@example.com,reader,none",
		"pending@example.com,reader,proj_b:owner",
	} {
		assert.Contains(t, lines, want)
	}
	file := clitest.WriteFile(t, "roster.csv", r.Stdout)
	for _, scope := range []string{"named", "all"} {
		r = clitest.On(srv).Run(t, "sync", "--file", file, "--check", "--manage-projects", scope)
		assert.Equal(t, 0, r.Code, "%s: %s", scope, r.Stdout+r.Stderr)
		assert.Contains(t, r.Stdout, "Nothing to do: the organization matches the roster.", scope)
	}
}

// import reads and resolves projects as sync does, and only adds: a member
// whose row names a project they are not in is added; another role there
// is a mismatch; no one leaves a project.
func TestImportAddsToProjectsAndRemovesNoOne(t *testing.T) {
	t.Parallel()
	srv := projectsOrg(t)
	file := clitest.WriteFile(t, "roster.csv", "email,role,projects\nmover@example.com,reader,Beta:member\npromo@example.com,reader,proj_a:owner\n")
	r := clitest.On(srv).Run(t, "import", "--file", file)
	assert.Equal(t, cmdutil.ExitFailure, r.Code, "a mismatch: %s", r.Stdout)
	assert.Contains(t, r.Stdout, "Imported "+file+": 1 done, 4 unchanged, 0 failed.")
	assert.Contains(t, r.Stdout, "line 2 mover@example.com: mismatch proj_a: project \"Alpha\" (proj_a): member -> not a member")
	assert.Contains(t, r.Stdout, "2 change(s) of project access are not adds, which import does not make: invites sync --file "+file+" makes them.")
	assert.NotContains(t, r.Stdout, "have another role than the roster's", "no member's role differs")
	assert.Contains(t, r.Stdout, "Project access still differs from the roster in 1 project(s): proj_a (Alpha) 2.")
	assert.NotContains(t, r.Stdout, "--manage-projects", "import has no such flag")
	assert.Equal(t, "member", clitest.ProjectRoles(srv, "proj_b")["user-mover"], "added to Beta, named by name")
	assert.Equal(t, "member", clitest.ProjectRoles(srv, "proj_a")["user-mover"], "import removes no one from a project")
	assert.Equal(t, "member", clitest.ProjectRoles(srv, "proj_a")["user-promo"], "nor changes a role there")
	assert.Zero(t, srv.Stats().SentTo(fake.EndpointDeleteProjectUser)+srv.Stats().SentTo(fake.EndpointModifyProjectUser))
}
