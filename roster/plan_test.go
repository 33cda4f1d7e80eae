package roster_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// invitesOnly is an organization with no member yet.
func invitesOnly(invites ...client.Invite) roster.Org { return roster.Org{Invites: invites} }

func TestPlanGivesEachEmailOneAction(t *testing.T) {
	t.Parallel()
	entries := []rosterfile.Entry{
		entry("new@example.com", client.RoleReader),
		entry("gone@example.com", client.RoleReader),
		entry("Same@Example.com", client.RoleOwner, projB, projA),
		entry("role@example.com", client.RoleOwner),
		entry("proj@example.com", client.RoleReader, projA),
		entry("member@example.com", client.RoleReader),
		entry("promoted@example.com", client.RoleOwner, projA),
		entry("default@example.com", client.RoleReader),
	}
	invites := []client.Invite{
		invite("i1", "gone@example.com", client.RoleReader, client.StatusExpired),
		invite("i2", "same@example.com", client.RoleOwner, client.StatusPending, projA, projB),
		invite("i3", "role@example.com", client.RoleReader, client.StatusPending),
		invite("i4", "proj@example.com", client.RoleReader, client.StatusPending, projAOwner),
		invite("i5", "member@example.com", client.RoleReader, client.StatusAccepted, projB),
		invite("i6", "promoted@example.com", client.RoleReader, client.StatusAccepted),
		invite("i7", "default@example.com", client.RoleReader, client.StatusPending, projB),
		invite("i8", "leaver@example.com", client.RoleReader, client.StatusPending),
		invite("i9", "member-left@example.com", client.RoleReader, client.StatusAccepted),
	}
	org := roster.Org{Invites: invites, Members: []client.User{
		member("u5", "member@example.com", client.RoleReader),
		member("u6", "promoted@example.com", client.RoleReader),
	}}
	actions := roster.Plan(entries, org, roster.PlanOptions{})
	assert.Equal(t, []string{
		"new@example.com create",
		"gone@example.com resend i1",
		"Same@Example.com keep i2", // grants compare as sets
		"role@example.com replace i3",
		"proj@example.com replace i4",
		"member@example.com keep u5", // a member's projects are not compared
		"promoted@example.com set-role u6",
		"default@example.com keep i7",
		"leaver@example.com unlisted i8",
	}, kinds(actions), "no --revoke-missing: the leaver's invite is left alone, and reported")
	assert.True(t, actions[8].Kind.Drift(), "a pending invite in no roster row is drift, as an unlisted member is")
	assert.False(t, actions[8].Kind.Writes())
	assert.Equal(t, "not in the roster", actions[8].Reason)
	assert.Equal(t, "pending invite differs: role reader -> owner", actions[3].Reason)
	assert.Equal(t, "pending invite differs: projects proj_a:owner -> proj_a:member", actions[4].Reason)
	assert.Equal(t, "member's role reader -> owner", actions[6].Reason)
	assert.Equal(t, &entries[3], actions[3].Entry)
	assert.Same(t, &org.Members[1], actions[6].Member)

	actions = roster.Plan(entries, org, roster.PlanOptions{RevokeMissing: true})
	require.Len(t, actions, 9)
	assert.Equal(t, "leaver@example.com revoke i8", kinds(actions)[8], "accepted invites are never revoked")
	assert.Nil(t, actions[8].Entry)
	assert.Equal(t, "not in the roster", actions[8].Reason)
}

func TestPlanNoneAndExplicitGrantsCompareExactly(t *testing.T) {
	t.Parallel()
	none := rosterfile.Entry{Email: "a@example.com", Role: client.RoleReader, Projects: []client.ProjectGrant{}}
	for _, tc := range []struct {
		have []client.ProjectGrant
		want roster.Kind
	}{
		{nil, roster.Keep},
		{[]client.ProjectGrant{}, roster.Keep},
		{[]client.ProjectGrant{projA}, roster.Replace},
	} {
		actions := roster.Plan([]rosterfile.Entry{none}, invitesOnly(invite("i1", "a@example.com", client.RoleReader, client.StatusPending, tc.have...)), roster.PlanOptions{})
		assert.Equal(t, tc.want, actions[0].Kind, "%v", tc.have)
	}
	actions := roster.Plan([]rosterfile.Entry{entry("a@example.com", client.RoleReader, projA)},
		invitesOnly(invite("i1", "a@example.com", client.RoleReader, client.StatusPending, projA, projB)), roster.PlanOptions{})
	assert.Equal(t, roster.Replace, actions[0].Kind, "a grant too many differs")
}

func TestPlanSecondPendingInviteIsRevoked(t *testing.T) {
	t.Parallel()
	e := entry("a@example.com", client.RoleOwner)
	invites := []client.Invite{ // newest first
		invite("new", "a@example.com", client.RoleReader, client.StatusPending),
		invite("old", "a@example.com", client.RoleOwner, client.StatusPending),
	}
	actions := roster.Plan([]rosterfile.Entry{e}, invitesOnly(invites...), roster.PlanOptions{})
	assert.Equal(t, []string{"a@example.com keep old", "a@example.com revoke new"}, kinds(actions), "the matching one is kept")

	actions = roster.Plan([]rosterfile.Entry{e}, invitesOnly(invites...), roster.PlanOptions{CreateOnly: true})
	assert.Equal(t, []string{"a@example.com keep old"}, kinds(actions), "create-only deletes nothing")
}

func TestPlanCreateOnlyReportsMismatches(t *testing.T) {
	t.Parallel()
	invites := []client.Invite{
		invite("i1", "a@example.com", client.RoleReader, client.StatusPending),
		invite("i2", "leaver@example.com", client.RoleReader, client.StatusPending),
	}
	actions := roster.Plan([]rosterfile.Entry{entry("a@example.com", client.RoleOwner, projAOwner)}, invitesOnly(invites...),
		roster.PlanOptions{CreateOnly: true, RevokeMissing: true})
	assert.Equal(t, []string{"a@example.com mismatch i1"}, kinds(actions))
	assert.Equal(t, "pending invite differs: role reader -> owner; projects none -> proj_a:owner", actions[0].Reason)
	assert.False(t, actions[0].Kind.Writes())
}

func TestPlanPlansARepeatedEmailOnce(t *testing.T) {
	t.Parallel()
	actions := roster.Plan([]rosterfile.Entry{entry("a@example.com", client.RoleOwner), entry(" A@EXAMPLE.com", client.RoleReader)}, roster.Org{}, roster.PlanOptions{})
	assert.Equal(t, []string{"a@example.com create"}, kinds(actions))
}

func TestPlanOfAPlanAppliedKeepsEverything(t *testing.T) {
	t.Parallel()
	entries := []rosterfile.Entry{entry("a@example.com", client.RoleOwner, projA), entry("b@example.com", client.RoleReader)}
	// As the API would show them after the first plan was applied.
	invites := []client.Invite{
		invite("i2", "b@example.com", client.RoleReader, client.StatusPending, projB),
		invite("i1", "a@example.com", client.RoleOwner, client.StatusPending, projA),
	}
	for _, a := range roster.Plan(entries, invitesOnly(invites...), roster.PlanOptions{RevokeMissing: true}) {
		assert.Equal(t, roster.Keep, a.Kind, a.Email)
	}
}

func TestPlanOfAnExportKeepsEverything(t *testing.T) {
	t.Parallel()
	org := roster.Org{
		Members: []client.User{
			member("u1", "a@example.com", client.RoleOwner),
			member("u2", "e@example.com", client.RoleReader),
			{ID: "svc", Role: client.RoleOwner, IsServiceAccount: true}, // no email: no entry
			{ID: "scim", Email: "s@example.com", Role: client.RoleReader, IsSCIMManaged: true},
		},
		Invites: []client.Invite{ // newest first
			invite("i1", "a@example.com", client.RoleOwner, client.StatusAccepted, projA),
			invite("i3", "b@example.com", client.RoleReader, client.StatusPending, projB, projA),
			invite("i4", "c@example.com", client.RoleReader, client.StatusExpired),
			invite("i5", "d@example.com", client.RoleOwner, client.StatusAccepted), // left: no member
		},
	}
	entries := roster.FromOrg(org)
	assert.Equal(t, []rosterfile.Entry{
		{Email: "a@example.com", Role: client.RoleOwner},
		{Email: "e@example.com", Role: client.RoleReader},
		{Email: "s@example.com", Role: client.RoleReader},
		{Email: "b@example.com", Role: client.RoleReader, Projects: []client.ProjectGrant{projB, projA}},
	}, entries)
	for _, a := range roster.Plan(entries, org, roster.PlanOptions{RevokeMissing: true, RemoveMembers: true}) {
		assert.False(t, a.Kind.Drift(), "%s %s", a.Email, a.Kind)
	}
}

// A roster whose é is written as e and a combining accent plans nothing for
// an invite sent with the precomposed letter: no create, no revoke.
func TestPlanComparesEmailsAfterNFC(t *testing.T) {
	t.Parallel()
	invites := []client.Invite{invite("i1", "jos\u00e9@example.com", client.RoleReader, client.StatusPending)}
	actions := roster.Plan([]rosterfile.Entry{entry("JOSE\u0301@example.com", client.RoleReader)}, invitesOnly(invites...), roster.PlanOptions{RevokeMissing: true})
	assert.Equal(t, []string{"JOSE\u0301@example.com keep i1"}, kinds(actions))
	org := roster.Org{Invites: invites, Members: []client.User{member("u0", "jose\u0301@example.com", client.RoleReader)}}
	assert.Len(t, roster.FromOrg(org), 1, "the member and the invite are one email")
}

// readFile reads one of rosterfile's sample exports, as a command would
// before it plans.
func readFile(t *testing.T, name string, opts ...rosterfile.ReadOption) *rosterfile.File {
	t.Helper()
	fh, err := os.Open(filepath.Join("..", "rosterfile", "testdata", name))
	require.NoError(t, err)
	defer fh.Close()
	f, err := rosterfile.Read(fh, opts...)
	require.NoError(t, err, name)
	return f
}

func skipped(f *rosterfile.File) map[int]string {
	out := map[int]string{}
	for _, s := range f.Skipped {
		out[s.Line] = s.Email + ": " + s.Reason()
	}
	return out
}

func lines(rows []rosterfile.Row) []int {
	out := make([]int, len(rows))
	for i, r := range rows {
		out[i] = r.Line
	}
	return out
}

// Each export, as its system writes it, reads with no option into the
// people its active accounts are, and plans against the organization's
// invites: a disabled account's pending invite is revoked, not kept.
func TestExportsReadWithNoOption(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file     string
		format   rosterfile.Format
		encoding string
		email    []string
		ignored  int
		notices  []string
		skipped  map[int]string
		invites  []client.Invite
		members  []client.User
		plan     []string
	}{
		{
			file: "google-workspace.csv", format: rosterfile.FormatGoogleWorkspace, encoding: rosterfile.EncodingUTF8,
			email: []string{"Email Address [Required]"}, ignored: 33,
			notices: []string{
				`Google Workspace user export recognised; emails from "Email Address [Required]"`,
				`kept 4 of 6 rows, those with Status [READ ONLY] "Active"; left out 1 with Status [READ ONLY] "Suspended", 1 with Status [READ ONLY] "Archived"`,
			},
			skipped: map[int]string{ // Ada's quoted address holds a line break: she is lines 2-3
				5: `charles@example.com: Status [READ ONLY] is "Suspended", not "Active"`,
				7: `kurt@example.com: Status [READ ONLY] is "Archived", not "Active"`,
			},
			invites: []client.Invite{
				invite("i1", "charles@example.com", client.RoleReader, client.StatusPending),
				invite("i2", "grace@example.com", client.RoleReader, client.StatusAccepted),
				invite("i3", "emmy.noether@example.com", client.RoleReader, client.StatusPending),
			},
			members: []client.User{member("u2", "grace@example.com", client.RoleReader)}, // her accepted invite made her one
			plan: []string{
				"ada@example.com create", "grace@example.com keep u2", "alan@example.com create",
				"Emmy.Noether@example.com keep i3", "charles@example.com revoke i1",
			},
		},
		{
			file: "entra-id.csv", format: rosterfile.FormatEntraID, encoding: rosterfile.EncodingUTF8BOM,
			email: []string{"mail", "userPrincipalName"}, ignored: 26,
			notices: []string{
				`Microsoft Entra ID "Download users" file recognised; emails from "mail", else "userPrincipalName"`,
				`1 row has no "mail": the email is the "userPrincipalName"`,
				`kept 4 of 5 rows, those with accountEnabled "True"; left out 1 with accountEnabled "False"`,
			},
			skipped: map[int]string{4: `charles@contoso.com: accountEnabled is "False", not "True"`},
			invites: []client.Invite{invite("i1", "charles@contoso.com", client.RoleReader, client.StatusPending)},
			plan: []string{
				"ada@contoso.com create", "grace@contoso.onmicrosoft.com create", "alan@example.org create",
				"Emmy.Noether@contoso.com create", "charles@contoso.com revoke i1",
			},
		},
		{
			file: "okta.csv", format: rosterfile.FormatOkta, encoding: rosterfile.EncodingUTF8,
			email: []string{"email"}, ignored: 30,
			notices: []string{
				`Okta user export (profile attributes) recognised; emails from "email"`,
				`kept 3 of 6 rows, those with status "ACTIVE"; left out 1 with status "SUSPENDED", 1 with status "DEPROVISIONED", 1 with status "STAGED"`,
			},
			skipped: map[int]string{
				4: `charles@example.com: status is "SUSPENDED", not "ACTIVE"`,
				5: `alan@example.com: status is "DEPROVISIONED", not "ACTIVE"`,
				6: `emmy@example.com: status is "STAGED", not "ACTIVE"`,
			},
			plan: []string{"ada@example.com create", "grace@example.com create", "kurt@example.com create"},
		},
		{
			file: "okta-report.csv", format: rosterfile.FormatOktaReport, encoding: rosterfile.EncodingUTF8,
			email: []string{"Primary email"}, ignored: 8,
			skipped: map[int]string{
				3: `charles@example.com: Status is "SUSPENDED", not "ACTIVE"`,
				5: `alan@example.com: Status is "DEPROVISIONED", not "ACTIVE"`,
			},
			// No role column: ada's pending owner invite is kept, not
			// replaced by a reader's.
			invites: []client.Invite{invite("i1", "ada@example.com", client.RoleOwner, client.StatusPending)},
			plan:    []string{"ada@example.com keep i1", "grace@example.com create"},
		},
		{
			file: "bamboohr.csv", format: rosterfile.FormatBambooHR, encoding: rosterfile.EncodingUTF8,
			email: []string{"Work Email"}, ignored: 7,
			skipped: map[int]string{4: `charles@example.com: Status is "Inactive", not "Active"`},
			invites: []client.Invite{invite("i1", "charles@example.com", client.RoleReader, client.StatusPending)},
			plan:    []string{"ada@example.com create", "grace@example.com create", "alan@example.com create", "charles@example.com revoke i1"},
		},
	} {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			f := readFile(t, tc.file)
			assert.Equal(t, tc.format, f.Format)
			assert.Equal(t, tc.encoding, f.Encoding)
			assert.Equal(t, tc.email, f.Columns.Email)
			assert.Len(t, f.Ignored, tc.ignored)
			for _, r := range f.Rows {
				assert.True(t, r.Valid(), "line %d: %s", r.Line, r.Problem())
				assert.False(t, r.HasRole(), "no role column: no role, not reader")
			}
			assert.Equal(t, tc.skipped, skipped(f))
			require.NotNil(t, f.DefaultFilter, "only active accounts by default")
			notices := f.Notices()
			for _, n := range tc.notices {
				assert.Contains(t, notices, n)
			}
			assert.Contains(t, notices, "no role column: their roles are left as they are (a member keeps theirs; a new invite gets the default role)")
			actions := roster.Plan(f.Entries(), roster.Org{Invites: tc.invites, Members: tc.members}, roster.PlanOptions{RevokeMissing: true})
			assert.Equal(t, tc.plan, kinds(actions))
		})
	}
}

// One roster, saved by Excel five ways, reads to the same entries and plans
// alike: CSV UTF-8 (BOM, CRLF, and the empty rows of a used range), the
// semicolon CSV of European locales, CSV (Macintosh) with CR line ends, and
// Unicode Text (UTF-16 with BOM, tabs), little- and big-endian.
func TestExcelSavesReadAlike(t *testing.T) {
	t.Parallel()
	want := []rosterfile.Entry{
		entry("ada@example.com", client.RoleOwner, client.ProjectGrant{ID: "proj_apollo", Role: client.ProjectRoleOwner}, client.ProjectGrant{ID: "proj_gemini", Role: client.ProjectRoleMember}),
		entry("grace@example.com", client.RoleReader, client.ProjectGrant{ID: "proj_apollo", Role: client.ProjectRoleMember}),
		{Email: "zoë@example.fr", Role: client.RoleReader},
		{Email: "linus@example.com", Role: client.RoleReader, Projects: []client.ProjectGrant{}},
	}
	invites := []client.Invite{
		invite("i1", "grace@example.com", client.RoleReader, client.StatusPending, client.ProjectGrant{ID: "proj_apollo", Role: client.ProjectRoleMember}),
		invite("i2", "linus@example.com", client.RoleOwner, client.StatusPending),
		invite("i3", "ada@example.com", client.RoleOwner, client.StatusExpired),
		invite("i4", "ken@example.com", client.RoleReader, client.StatusPending),
	}
	wantPlan := []string{"ada@example.com resend i3", "grace@example.com keep i1", "zoë@example.fr create", "linus@example.com replace i2", "ken@example.com revoke i4"}
	for _, tc := range []struct {
		file, encoding string
		delimiter      rune
		empty          int
	}{
		{"excel-utf8-bom-crlf.csv", rosterfile.EncodingUTF8BOM, ',', 2},
		{"excel-semicolon.csv", rosterfile.EncodingUTF8, ';', 2},
		{"excel-mac-cr.csv", rosterfile.EncodingUTF8, ',', 0},
		{"excel-unicode-text.txt", rosterfile.EncodingUTF16LE, '\t', 2},
		{"excel-unicode-text-be.txt", rosterfile.EncodingUTF16BE, '\t', 2},
	} {
		f := readFile(t, tc.file)
		assert.Equal(t, tc.encoding, f.Encoding, tc.file)
		assert.Equal(t, tc.delimiter, f.Delimiter, tc.file)
		assert.Equal(t, rosterfile.FormatRoster, f.Format, tc.file)
		assert.Equal(t, want, f.Entries(), tc.file)
		assert.Equal(t, []int{2, 3, 4, 5}, lines(f.Rows), tc.file)
		assert.Equal(t, tc.empty, f.EmptyRows, tc.file)
		assert.Equal(t, []string{"Name", "Team"}, f.Ignored, tc.file)
		assert.Equal(t, wantPlan, kinds(roster.Plan(f.Entries(), roster.Org{Invites: invites}, roster.PlanOptions{RevokeMissing: true})), tc.file)
	}
}
