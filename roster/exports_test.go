package roster_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readFile(t *testing.T, name string, opts ...roster.ReadOption) *roster.File {
	t.Helper()
	fh, err := os.Open(filepath.Join("testdata", name))
	require.NoError(t, err)
	defer fh.Close()
	f, err := roster.Read(fh, opts...)
	require.NoError(t, err, name)
	return f
}

func skipped(f *roster.File) map[int]string {
	out := map[int]string{}
	for _, s := range f.Skipped {
		out[s.Line] = s.Email + ": " + s.Reason()
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
		format   roster.Format
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
			file: "google-workspace.csv", format: roster.FormatGoogleWorkspace, encoding: roster.EncodingUTF8,
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
			file: "entra-id.csv", format: roster.FormatEntraID, encoding: roster.EncodingUTF8BOM,
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
			file: "okta.csv", format: roster.FormatOkta, encoding: roster.EncodingUTF8,
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
			file: "okta-report.csv", format: roster.FormatOktaReport, encoding: roster.EncodingUTF8,
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
			file: "bamboohr.csv", format: roster.FormatBambooHR, encoding: roster.EncodingUTF8,
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

// Quoted cells keep their commas, quotes and line breaks.
func TestWorkspaceQuotedCells(t *testing.T) {
	t.Parallel()
	f := readFile(t, "google-workspace.csv")
	assert.Equal(t, []int{2, 4, 6, 8}, lines(f.Rows))
	assert.Contains(t, f.Ignored, "Work Address")
	f = readFile(t, "google-workspace.csv", roster.WithEmailColumn("Manager Email"), roster.WithFilters(roster.Filter{Column: "Employee Title", Value: `Rear Admiral ("Amazing Grace")`}))
	require.Len(t, f.Rows, 1)
	assert.Equal(t, "ada@example.com", f.Rows[0].Email, "Grace's manager, from the cell with quotes in it")
}

// A filter on the export's status column replaces the default: here, the
// suspended accounts are the ones wanted.
func TestAFilterOnTheStatusColumnReplacesTheDefault(t *testing.T) {
	t.Parallel()
	f := readFile(t, "google-workspace.csv", roster.WithFilters(roster.Filter{Column: "status [read only]", Value: "suspended"}))
	assert.Nil(t, f.DefaultFilter)
	assert.Equal(t, []string{"charles@example.com"}, entryEmails(f.Entries()))
	f = readFile(t, "google-workspace.csv", roster.WithFilters(roster.Filter{Column: "Department", Value: "research"}))
	require.NotNil(t, f.DefaultFilter, "a filter on another column adds to the default")
	assert.Equal(t, []string{"alan@example.com", "Emmy.Noether@example.com"}, entryEmails(f.Entries()))
	assert.Equal(t, []roster.Filter{{Column: "Status [READ ONLY]", Value: "Active"}, {Column: "Department", Value: "research"}}, f.Filters)
}

// A recognised export without its status column keeps every row, and says so.
func TestAnExportWithoutItsStatusColumn(t *testing.T) {
	t.Parallel()
	f, err := roster.Read(strings.NewReader("Employee #,Work Email\n1,ada@example.com\n"))
	require.NoError(t, err)
	assert.Equal(t, roster.FormatBambooHR, f.Format)
	assert.Nil(t, f.DefaultFilter)
	assert.Contains(t, f.Notices(), `no "Status" column: every row kept, whatever its account's status`)
}

// An Entra ID guest is taken by mail; one without mail has no address at
// all (its userPrincipalName is a sign-in name made of its home address),
// and the row says so rather than inviting the sign-in name.
func TestEntraGuests(t *testing.T) {
	t.Parallel()
	in := "userPrincipalName,mail,userType,accountEnabled\r\n" +
		"alan_example.org#EXT#@contoso.onmicrosoft.com,,Guest,True\r\n" +
		"grace_example.org#EXT#@contoso.onmicrosoft.com,grace@example.org,Guest,True\r\n"
	f, err := roster.Read(strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, f.Rows, 2)
	assert.Equal(t, `no email: "mail" is empty and the "userPrincipalName" "alan_example.org#EXT#@contoso.onmicrosoft.com" is a guest's sign-in name, not an address (fill in "mail")`, f.Rows[0].Problem())
	assert.Equal(t, "grace@example.org", f.Rows[1].Email)
	assert.Zero(t, f.EmailFallbacks)
	f, err = roster.Read(strings.NewReader("userPrincipalName\nalan_example.org#EXT#@contoso.onmicrosoft.com\n"))
	require.NoError(t, err)
	assert.Equal(t, `no email: the "userPrincipalName" "alan_example.org#EXT#@contoso.onmicrosoft.com" is a guest's sign-in name, not an address (export the mail column)`, f.Rows[0].Problem())
	f, err = roster.Read(strings.NewReader(in), roster.WithFilters(roster.Filter{Column: "userType", Value: "Member"}))
	require.ErrorIs(t, err, roster.ErrNoRows, "guests left out")
	assert.Len(t, f.Skipped, 2)
}

// One roster, saved by Excel five ways, reads to the same entries and plans
// alike: CSV UTF-8 (BOM, CRLF, and the empty rows of a used range), the
// semicolon CSV of European locales, CSV (Macintosh) with CR line ends, and
// Unicode Text (UTF-16 with BOM, tabs), little- and big-endian.
func TestExcelSavesReadAlike(t *testing.T) {
	t.Parallel()
	want := []roster.Entry{
		entry("ada@example.com", client.RoleOwner, client.ProjectGrant{ID: "proj_apollo", Role: client.ProjectOwner}, client.ProjectGrant{ID: "proj_gemini", Role: client.ProjectMember}),
		entry("grace@example.com", client.RoleReader, client.ProjectGrant{ID: "proj_apollo", Role: client.ProjectMember}),
		{Email: "zoë@example.fr", Role: client.RoleReader},
		{Email: "linus@example.com", Role: client.RoleReader, Projects: []client.ProjectGrant{}},
	}
	invites := []client.Invite{
		invite("i1", "grace@example.com", client.RoleReader, client.StatusPending, client.ProjectGrant{ID: "proj_apollo", Role: client.ProjectMember}),
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
		{"excel-utf8-bom-crlf.csv", roster.EncodingUTF8BOM, ',', 2},
		{"excel-semicolon.csv", roster.EncodingUTF8, ';', 2},
		{"excel-mac-cr.csv", roster.EncodingUTF8, ',', 0},
		{"excel-unicode-text.txt", roster.EncodingUTF16LE, '\t', 2},
		{"excel-unicode-text-be.txt", roster.EncodingUTF16BE, '\t', 2},
	} {
		f := readFile(t, tc.file)
		assert.Equal(t, tc.encoding, f.Encoding, tc.file)
		assert.Equal(t, tc.delimiter, f.Delimiter, tc.file)
		assert.Equal(t, roster.FormatRoster, f.Format, tc.file)
		assert.Equal(t, want, f.Entries(), tc.file)
		assert.Equal(t, []int{2, 3, 4, 5}, lines(f.Rows), tc.file)
		assert.Equal(t, tc.empty, f.EmptyRows, tc.file)
		assert.Equal(t, []string{"Name", "Team"}, f.Ignored, tc.file)
		assert.Equal(t, wantPlan, kinds(roster.Plan(f.Entries(), roster.Org{Invites: invites}, roster.PlanOptions{RevokeMissing: true})), tc.file)
	}
}

func lines(rows []roster.Row) []int {
	out := make([]int, len(rows))
	for i, r := range rows {
		out[i] = r.Line
	}
	return out
}

func entryEmails(entries []roster.Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Email
	}
	return out
}
