package rostercmd_test

import (
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/rosterrun"
	"github.com/goinvites/invites/internal/rules/rulestest"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An email with a hidden character is refused with the character named, as
// an argument and in a roster file, and nothing is sent.
func TestCLIRefusesHiddenCharactersInEmails(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	for email, named := range rulestest.HiddenEmails {
		r := clitest.On(srv).Run(t, "create", email, "--role", "reader")
		assert.Equal(t, cmdutil.ExitUsage, r.Code, "%q: %s", email, r.Stderr)
		assert.Contains(t, r.Stderr, named)

		file := clitest.WriteFile(t, "team.csv", "email,role\nada@example.com,reader\n"+email+",reader\n")
		for _, args := range [][]string{{"import"}, {"sync", "--yes"}} {
			cmd := args[0]
			r = clitest.On(srv).Run(t, append(args, "--file", file)...)
			assert.Equal(t, cmdutil.ExitUsage, r.Code, "%s %q: %s", cmd, email, r.Stderr)
			assert.Contains(t, r.Stderr, file+":3: invalid email ")
			assert.Contains(t, r.Stderr, named)
		}
	}
	assert.Zero(t, srv.Stats().Total)
}

// A Google Workspace download is read as it is, with no flag: the CLI says
// what it read, and plans only the active accounts.
func TestSyncReadsAWorkspaceExport(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	export, err := os.ReadFile(exportPath("google-workspace.csv"))
	require.NoError(t, err)
	file := clitest.WriteFile(t, "users.csv", string(export))
	sum, r := syncSummaryOf(t, clitest.On(srv), "--file", file, "--dry-run")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []string{
		"2 ada@example.com create planned", "4 grace@example.com create planned", "5 charles@example.com - skipped",
		"6 alan@example.com create planned", "7 kurt@example.com - skipped", "8 Emmy.Noether@example.com create planned",
	}, accountOf(sum))
	assert.Contains(t, r.Stderr, file+`: Google Workspace user export recognised; emails from "Email Address [Required]"`)
	assert.Contains(t, r.Stderr, file+`: kept 4 of 6 rows, those with Status [READ ONLY] "Active"; left out 1 with Status [READ ONLY] "Suspended", 1 with Status [READ ONLY] "Archived"`)
	assert.Contains(t, r.Stderr, file+": no role column: their roles are left as they are (a member keeps theirs; a new invite gets the default role)")
}

// exportPath is a file of rosterfile's testdata, an export as its system
// writes it.
func exportPath(name string) string {
	return filepath.Join("..", "..", "..", "rosterfile", "testdata", name)
}

// accountOf is each row of a summary as "LINE EMAIL ACTION OUTCOME", the
// action "-" when none was planned.
func accountOf(sum rosterrun.Summary) []string {
	out := make([]string, len(sum.Actions))
	for i, a := range sum.Actions {
		out[i] = fmt.Sprintf("%d %s %s %s", a.Line, a.Email, rosterrun.Dash(string(a.Action)), a.Outcome)
	}
	return out
}

// Each real export reads through import and sync with no flag: the format
// and email column named, the active accounts planned, every other row
// accounted for as skipped with its reason, in the report too, and counted.
// A left-out person's pending invite is revoked by sync --revoke-missing,
// on a row of its own; import leaves it.
func TestExportsPlanThroughTheCLI(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file, recognised, leaver string
		kept                     []string          // "LINE EMAIL", each planned a create
		skipped                  map[string]string // "LINE EMAIL" -> why
	}{
		{
			file: "google-workspace.csv", recognised: `Google Workspace user export recognised; emails from "Email Address [Required]"`, leaver: "charles@example.com",
			kept: []string{"2 ada@example.com", "4 grace@example.com", "6 alan@example.com", "8 Emmy.Noether@example.com"},
			skipped: map[string]string{
				"5 charles@example.com": `Status [READ ONLY] is "Suspended", not "Active"`,
				"7 kurt@example.com":    `Status [READ ONLY] is "Archived", not "Active"`,
			},
		},
		{
			file: "entra-id.csv", recognised: `Microsoft Entra ID "Download users" file recognised; emails from "mail", else "userPrincipalName"`, leaver: "charles@contoso.com",
			kept:    []string{"2 ada@contoso.com", "3 grace@contoso.onmicrosoft.com", "6 Emmy.Noether@contoso.com"},
			skipped: map[string]string{"4 charles@contoso.com": `accountEnabled is "False", not "True"`, "5 alan@example.org": `userType is "Guest", not "Member"`},
		},
		{
			file: "okta.csv", recognised: `Okta user export (profile attributes) recognised; emails from "email"`, leaver: "charles@example.com",
			kept: []string{"2 ada@example.com", "3 grace@example.com", "7 kurt@example.com"},
			skipped: map[string]string{
				"4 charles@example.com": `status is "SUSPENDED", not "ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT" or "RECOVERY"`,
				"5 alan@example.com":    `status is "DEPROVISIONED", not "ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT" or "RECOVERY"`,
				"6 emmy@example.com":    `status is "STAGED", not "ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT" or "RECOVERY"`,
			},
		},
		{
			file: "okta-report.csv", recognised: `Okta user report recognised; emails from "Primary email"`, leaver: "alan@example.com",
			kept: []string{"2 ada@example.com", "4 grace@example.com"},
			skipped: map[string]string{
				"3 charles@example.com": `Status is "SUSPENDED", not "ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT" or "RECOVERY"`,
				"5 alan@example.com":    `Status is "DEPROVISIONED", not "ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT" or "RECOVERY"`,
			},
		},
		{
			file: "bamboohr.csv", recognised: `BambooHR report recognised; emails from "Work Email"`, leaver: "charles@example.com",
			kept:    []string{"2 ada@example.com", "3 grace@example.com", "5 alan@example.com"},
			skipped: map[string]string{"4 charles@example.com": `Status is "Inactive", not "Active"`},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			srv := fake.NewServer(t)
			require.Equal(t, 0, clitest.On(srv).Run(t, "create", tc.leaver, "--role", "reader").Code)
			leaverInvite := clitest.FakeInvite(t, srv, tc.leaver).ID
			file := exportPath(tc.file)
			var want []string
			for _, k := range tc.kept {
				want = append(want, k+" create planned")
			}
			for k := range tc.skipped {
				want = append(want, k+" - skipped")
			}
			slices.SortStableFunc(want, func(a, b string) int { return cmp.Compare(lineOf(a), lineOf(b)) })

			for _, args := range [][]string{{"import", "--dry-run"}, {"sync", "--dry-run", "--revoke-missing"}} {
				report := filepath.Join(t.TempDir(), "report.csv")
				r := clitest.On(srv).Run(t, append(args, "--file", file, "-o", "json", "--report", report)...)
				require.Equal(t, 0, r.Code, "%v: %s", args, r.Stderr)
				sum := clitest.DecodeJSON[rosterrun.Summary](t, r)
				wantHere := want
				if args[0] == "sync" {
					wantHere = append(slices.Clone(want), "0 "+tc.leaver+" revoke planned")
				}
				assert.Equal(t, wantHere, accountOf(sum), args)
				assert.Equal(t, len(tc.skipped), sum.Outcomes["skipped"], args)
				assert.Equal(t, len(tc.kept), sum.Plan["create"], args)
				assert.NotContains(t, sum.Plan, "", "a skipped row plans no action")

				assert.Equal(t, 1, strings.Count(r.Stderr, file+": "+tc.recognised+"\n"), "%v: once: %s", args, r.Stderr)
				assert.Contains(t, r.Stderr, file+": no role column: their roles are left as they are (a member keeps theirs; a new invite gets the default role)\n")
				assert.Contains(t, r.Stderr, fmt.Sprintf("%d row(s) left out by a filter, as if not in the roster (outcome skipped).\n", len(tc.skipped)))

				skippedRows := map[string]string{}
				for _, row := range readReport(t, report)[1:] {
					if row[9] == string(roster.Skipped) {
						assert.Empty(t, row[2], "no action")
						skippedRows[row[0]+" "+row[1]] = row[4]
					}
				}
				assert.Equal(t, tc.skipped, skippedRows, "%v: the report lists each skipped row with why", args)
			}
			assert.Equal(t, leaverInvite, clitest.FakeInvite(t, srv, tc.leaver).ID, "dry runs send nothing")
			assert.Equal(t, 1, posts(srv))
		})
	}
}

func lineOf(account string) int {
	n, _ := strconv.Atoi(strings.Fields(account)[0])
	return n
}

// As a table, what was read is said once, on stdout with the plan and
// before it, and the dry run lists each row it would send; stderr stays
// empty.
func TestExportSummaryAsATable(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := exportPath("bamboohr.csv")
	for _, cmd := range []string{"import", "sync"} {
		r := clitest.On(srv).Run(t, cmd, "--file", file, "--dry-run")
		require.Equal(t, 0, r.Code, r.Stderr)
		assert.Empty(t, r.Stderr)
		assert.Regexp(t, `^`+regexp.QuoteMeta(file+`: BambooHR report recognised; emails from "Work Email"`+"\n"+
			file+`: kept 3 of 4 rows, those with Status "Active"; left out 1 with Status "Inactive"`+"\n"+
			file+`: ignored 7 columns: `)+`.*\n`+regexp.QuoteMeta(file+": no role column: their roles are left as they are (a member keeps theirs; a new invite gets the default role)\n")+
			`LINE\s+ACTION\s+EMAIL\s+ID\s+ROLE\s+PROJECTS\s+REASON\n`+
			`2\s+create\s+ada@example.com\s+-\s+reader\s+default\s+no member, no pending invite \(the roster gives no role: reader, the default\)\n`+
			`3\s+create\s+grace@example.com\s+-\s+reader\s+default\s+no member, no pending invite \(the roster gives no role: reader, the default\)\n`+
			`5\s+create\s+alan@example.com\s+-\s+reader\s+default\s+no member, no pending invite \(the roster gives no role: reader, the default\)\n`+
			regexp.QuoteMeta("Plan for "+file+": 3 create.\n"+
				"Dry run: 3 action(s) would be applied; nothing was sent.\n"+
				"1 row(s) left out by a filter, as if not in the roster (outcome skipped).\n")+`$`, r.Stdout, cmd)
	}
	assert.Zero(t, posts(srv))
}

// A sheet of one's own, whose columns have other names: each flag maps
// onto its roster option, and what it changed shows in the plan.
func TestRosterFlagsReadASheetOfOnesOwn(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, rosterProjects())
	file := clitest.WriteFile(t, "staff.csv", "Name,E-mail,Access,Grants,Dept,Status\n"+
		"\"Lovelace, Ada\",ada@example.com,owner,proj_a:owner,Eng,active\n"+
		"Grace Hopper,grace@example.com,,proj_b:member,Eng,Active\n"+
		"Charles Babbage,charles@example.com,reader,,Ops,active\n"+
		"Alan Turing,alan@example.com,reader,none,Eng,left\n")
	plan := func(t *testing.T, args ...string) ([]string, clitest.Result) {
		t.Helper()
		sum, r := syncSummaryOf(t, clitest.On(srv), append([]string{"--file", file, "--dry-run"}, args...)...)
		require.Equal(t, 0, r.Code, "%v: %s", args, r.Stderr)
		var out []string
		for _, a := range sum.Actions {
			out = append(out, fmt.Sprintf("%d %s %s %s %s %s", a.Line, a.Email, rosterrun.Dash(string(a.Action)), rosterrun.Dash(a.RoleAfter), rosterrun.Dash(a.ProjectsAfter), a.Outcome))
		}
		return out, r
	}

	got, r := plan(t, "--email-column", "e-mail")
	assert.Equal(t, []string{
		"2 ada@example.com create reader - planned", "3 grace@example.com create reader - planned",
		"4 charles@example.com create reader - planned", "5 alan@example.com create reader - planned",
	}, got, "no role or projects column: reader and the default project")
	assert.Contains(t, r.Stderr, file+": no role column: their roles are left as they are (a member keeps theirs; a new invite gets the default role)\n")
	assert.Contains(t, r.Stderr, file+`: ignored 5 columns: "Name", "Access", "Grants", "Dept", "Status"`+"\n")

	got, r = plan(t, "--email-column", "E-mail", "--role-column", "access", "--projects-column", "Grants", "--default-role", "OWNER")
	assert.Equal(t, []string{
		"2 ada@example.com create owner proj_a:owner planned", "3 grace@example.com create owner proj_b:member planned",
		"4 charles@example.com create reader - planned", "5 alan@example.com create reader none planned",
	}, got, "grace's empty role cell: her new invite gets --default-role")
	assert.Contains(t, r.Stderr, file+": 1 row has no role: their roles are left as they are (a member keeps theirs; a new invite gets the default role)\n")

	got, _ = plan(t, "--email-column", "E-mail", "--default-role", "owner")
	assert.Equal(t, "2 ada@example.com create owner - planned", got[0], "no role column: every new invite gets --default-role")

	got, r = plan(t, "--email-column", "E-mail", "--where", "dept=eng", "--where", "Status=ACTIVE")
	assert.Equal(t, []string{
		"2 ada@example.com create reader - planned", "3 grace@example.com create reader - planned",
		"4 charles@example.com - - - skipped", "5 alan@example.com - - - skipped",
	}, got, "every --where must hold; values in any case")
	assert.Contains(t, r.Stderr, file+`: kept 2 of 4 rows, those with dept "eng" and Status "ACTIVE"; left out 1 with dept "Ops", 1 with Status "left"`+"\n")
	assert.Contains(t, r.Stderr, "2 row(s) left out by a filter, as if not in the roster (outcome skipped).\n")

	pipes := clitest.WriteFile(t, "staff.txt", "email|role|projects\nada@example.com|owner|proj_a:owner;proj_b:member\n")
	sum, r := syncSummaryOf(t, clitest.On(srv), "--file", pipes, "--dry-run", "--delimiter", "|")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, "proj_a:owner;proj_b:member", sum.Actions[0].ProjectsAfter)
	assert.Zero(t, posts(srv))
}

// A recognised export's active-accounts filter is replaced by a --where on
// its status column, and added to by one on any other.
func TestWhereOnAnExportsStatusReplacesItsDefault(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	sum, r := syncSummaryOf(t, clitest.On(srv), "--file", exportPath("google-workspace.csv"), "--dry-run", "--where", "Status [READ ONLY]=suspended")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []string{
		"2 ada@example.com - skipped", "4 grace@example.com - skipped", "5 charles@example.com create planned",
		"6 alan@example.com - skipped", "7 kurt@example.com - skipped", "8 Emmy.Noether@example.com - skipped",
	}, accountOf(sum))
	assert.Equal(t, `Status [READ ONLY] is "Active", not "suspended"`, sum.Actions[0].Reason)

	sum, r = syncSummaryOf(t, clitest.On(srv), "--file", exportPath("bamboohr.csv"), "--dry-run", "--where", "Department=research")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []string{"2 ada@example.com - skipped", "3 grace@example.com - skipped", "4 charles@example.com - skipped", "5 alan@example.com create planned"}, accountOf(sum))
	assert.Equal(t, `Status is "Inactive", not "Active"`, sum.Actions[2].Reason, "the default still holds")
}

// A roster no one is left in would plan the revocation of every invite:
// it is refused, saying what the filters kept and how to replace the
// default, and the report still lists every row left out.
func TestEveryRowLeftOutIsRefusedAndReported(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	report := filepath.Join(t.TempDir(), "report.csv")
	file := exportPath("bamboohr.csv")
	r := clitest.On(srv).Run(t, "sync", "--file", file, "--revoke-missing", "--yes", "--where", "Department=Nowhere", "--report", report)
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Equal(t, []string{"invites: " + file + `: every row was left out: kept 0 of 4 rows, those with Status "Active" and Department "Nowhere"; ` +
		`left out 2 with Department "Engineering", 1 with Status "Inactive", 1 with Department "Research" (a --where on "Status" replaces the default)`}, clitest.Lines(r.Stderr))
	rows := readReport(t, report)
	assert.Equal(t, rosterrun.ReportHeader, rows[0])
	require.Len(t, rows, 5)
	assert.Equal(t, []string{"4", "charles@example.com", "", "", `Status is "Inactive", not "Active"`, "", "", "", "", "skipped", "", "", "", "", "", "", ""}, rows[3])
	for _, row := range rows[1:] {
		assert.Equal(t, string(roster.Skipped), row[9])
	}
	assert.Zero(t, srv.Stats().Total, "nothing read, nothing sent")
}

// A flag no file could make right, or a column the file lacks, is a usage
// error that names the flag to change, before anything is sent.
func TestRosterFlagErrorsNameTheFlag(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := clitest.WriteFile(t, "staff.csv", "Name,E-mail,Dept\nAda,ada@example.com,Eng\n")
	columns := `its columns: "Name", "E-mail", "Dept"`
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, file + `: line 1: the header has no email column; ` + columns + `; name the one that holds the emails (--email-column NAME)`},
		{[]string{"--email-column", "Mail"}, file + `: --email-column: line 1: the header has no column "Mail" (for the email); ` + columns},
		{[]string{"--email-column", "E-mail", "--role-column", "Rank"}, file + `: --role-column: line 1: the header has no column "Rank" (for the role); ` + columns},
		{[]string{"--email-column", "E-mail", "--projects-column", "Grants"}, file + `: --projects-column: line 1: the header has no column "Grants" (for the projects); ` + columns},
		{[]string{"--email-column", "E-mail", "--where", "Team=a"}, file + `: --where: line 1: the header has no column "Team" (for the filter); ` + columns},
		{[]string{"--default-role", "admin"}, `--default-role: invalid role "admin": must be "reader" or "owner"`},
		{[]string{"--where", "Dept"}, `--where: filter "Dept": want COLUMN=VALUE`},
		{[]string{"--where", "=Eng"}, `--where: filter "=Eng": want COLUMN=VALUE`},
		{[]string{"--delimiter", "ab"}, `--delimiter: delimiter "ab": want one character, or tab`},
		{[]string{"--delimiter", `"`}, `--delimiter: delimiter "\"": cannot separate cells`},
	} {
		for _, cmd := range []string{"import", "sync"} {
			r := clitest.On(srv).Run(t, append([]string{cmd, "--file", file}, tc.args...)...)
			assert.Equal(t, cmdutil.ExitUsage, r.Code, "%s %v: %s", cmd, tc.args, r.Stderr)
			assert.Equal(t, []string{"invites: " + tc.want}, clitest.Lines(r.Stderr), "%s %v", cmd, tc.args)
		}
	}
	assert.Zero(t, srv.Stats().Total)
}

// Excel saves one roster five ways: UTF-8 with a BOM and CRLF, semicolons,
// CR-only line ends, UTF-16 LE and BE. Through the CLI each plans the same
// actions against the same invites, for import and sync alike; applied from
// one, the others then find nothing to do.
func TestOneRosterSavedFiveWaysPlansAlike(t *testing.T) {
	t.Parallel()
	files := []string{"excel-utf8-bom-crlf.csv", "excel-semicolon.csv", "excel-mac-cr.csv", "excel-unicode-text.txt", "excel-unicode-text-be.txt"}
	srv := fake.NewServer(t, rosterProjects())
	c := clitest.On(srv)
	require.Equal(t, 0, c.Run(t, "create", "grace@example.com", "--role", "reader", "--project", "proj_apollo:member").Code)
	require.Equal(t, 0, c.Run(t, "create", "linus@example.com", "--role", "owner").Code)
	require.Equal(t, 0, c.Run(t, "create", "ken@example.com", "--role", "reader").Code)
	want := map[string][]string{
		"import": {
			"2 ada@example.com create owner proj_apollo:owner;proj_gemini:member", "3 grace@example.com keep reader proj_apollo:member",
			"4 zoë@example.fr create reader -", "5 linus@example.com mismatch reader none",
		},
		"sync": {
			"2 ada@example.com create owner proj_apollo:owner;proj_gemini:member", "3 grace@example.com keep reader proj_apollo:member",
			"4 zoë@example.fr create reader -", "5 linus@example.com replace reader none", "0 ken@example.com revoke reader -",
		},
	}
	code := map[string]int{"import": cmdutil.ExitFailure, "sync": 0} // import does not change linus's invite: a mismatch
	for _, name := range files {
		for cmd, args := range map[string][]string{"import": {"import", "--dry-run"}, "sync": {"sync", "--dry-run", "--revoke-missing"}} {
			r := c.Run(t, append(args, "--file", exportPath(name), "-o", "json")...)
			require.Equal(t, code[cmd], r.Code, "%s %s: %s", cmd, name, r.Stderr)
			var got []string
			for _, a := range clitest.DecodeJSON[rosterrun.Summary](t, r).Actions {
				role, projects := a.RoleAfter, a.ProjectsAfter
				if a.Action == roster.Revoke {
					role, projects = a.RoleBefore, a.ProjectsBefore
				}
				got = append(got, fmt.Sprintf("%d %s %s %s %s", a.Line, a.Email, a.Action, role, rosterrun.Dash(projects)))
			}
			assert.Equal(t, want[cmd], got, "%s %s", cmd, name)
			assert.Contains(t, r.Stderr, `: ignored 2 columns: "Name", "Team"`, "%s %s", cmd, name)
		}
	}
	assert.Equal(t, 3, posts(srv), "dry runs send nothing")

	r := c.Run(t, "sync", "--file", exportPath(files[0]), "--revoke-missing", "--yes")
	require.Equal(t, 0, r.Code, r.Stderr)
	for _, name := range files {
		r := c.Run(t, "sync", "--file", exportPath(name), "--revoke-missing", "--check")
		assert.Equal(t, 0, r.Code, "%s: %s", name, r.Stdout+r.Stderr)
	}
}

// A person on two lines, one kept and one left out (an old account left
// suspended), is planned on the kept line; the skipped line stays skipped.
func TestAKeptAndASkippedLineOfOneEmail(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := clitest.WriteFile(t, "staff.csv", "email,status\nada@example.com,active\nADA@example.com,suspended\n")
	sum, r := syncSummaryOf(t, clitest.On(srv), "--file", file, "--dry-run", "--where", "status=active")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Equal(t, []string{"2 ada@example.com create planned", "3 ADA@example.com - skipped"}, accountOf(sum))
}
