package rosterfile_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readFile(t *testing.T, name string, opts ...rosterfile.ReadOption) *rosterfile.File {
	t.Helper()
	fh, err := os.Open(filepath.Join("testdata", name))
	require.NoError(t, err)
	defer fh.Close()
	f, err := rosterfile.Read(fh, opts...)
	require.NoError(t, err, name)
	return f
}

// Quoted cells keep their commas, quotes and line breaks.
func TestWorkspaceQuotedCells(t *testing.T) {
	t.Parallel()
	f := readFile(t, "google-workspace.csv")
	assert.Equal(t, []int{2, 4, 6, 8}, lines(f.Rows))
	assert.Contains(t, f.Ignored, "Work Address")
	f = readFile(t, "google-workspace.csv", rosterfile.WithEmailColumn("Manager Email"), rosterfile.WithFilters(rosterfile.Filter{Column: "Employee Title", Values: []string{`Rear Admiral ("Amazing Grace")`}}))
	require.Len(t, f.Rows, 1)
	assert.Equal(t, "ada@example.com", f.Rows[0].Email, "Grace's manager, from the cell with quotes in it")
}

// A filter on the export's status column replaces the default: here, the
// suspended accounts are the ones wanted.
func TestAFilterOnTheStatusColumnReplacesTheDefault(t *testing.T) {
	t.Parallel()
	f := readFile(t, "google-workspace.csv", rosterfile.WithFilters(rosterfile.Filter{Column: "status [read only]", Values: []string{"suspended"}}))
	assert.Empty(t, f.DefaultFilters)
	assert.Equal(t, []string{"charles@example.com"}, entryEmails(f.Entries()))
	f = readFile(t, "google-workspace.csv", rosterfile.WithFilters(rosterfile.Filter{Column: "Department", Values: []string{"research"}}))
	require.NotEmpty(t, f.DefaultFilters, "a filter on another column adds to the default")
	assert.Equal(t, []string{"alan@example.com", "Emmy.Noether@example.com"}, entryEmails(f.Entries()))
	assert.Equal(t, []rosterfile.Filter{{Column: "Status [READ ONLY]", Values: []string{"Active"}}, {Column: "Department", Values: []string{"research"}}}, f.Filters)
}

// A recognised export without a column its defaults filter keeps every
// row, and says so.
func TestAnExportWithoutItsStatusColumn(t *testing.T) {
	t.Parallel()
	f, err := rosterfile.Read(strings.NewReader("Employee #,Work Email\n1,ada@example.com\n"))
	require.NoError(t, err)
	assert.Equal(t, rosterfile.FormatBambooHR, f.Format)
	assert.Empty(t, f.DefaultFilters)
	assert.Contains(t, f.Notices(), `no "Status" column: no row is left out by its Status`)
}

// Okta's people who still work there are those who can sign in, and those
// locked out, whose password expired or who are recovering access; the
// staged and provisioned have not started, the suspended and deprovisioned
// have stopped. Both Okta formats keep and leave out alike, and say why.
func TestOktaKeepsThePeopleWhoStillWorkThere(t *testing.T) {
	t.Parallel()
	for file, status := range map[string]string{"okta-statuses.csv": "status", "okta-report-statuses.csv": "Status"} {
		f := readFile(t, file)
		assert.Equal(t, []string{"ada@example.com", "grace@example.com", "emmy@example.com", "alan@example.com"}, entryEmails(f.Entries()), file)
		assert.Equal(t, []int{2, 3, 4, 9}, lines(f.Rows), file)
		working := `"ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT" or "RECOVERY"`
		assert.Equal(t, map[int]string{
			5: status + ` is "STAGED", not ` + working,
			6: status + ` is "PROVISIONED", not ` + working,
			7: status + ` is "SUSPENDED", not ` + working,
			8: status + ` is "DEPROVISIONED", not ` + working,
		}, reasons(f), file)
		assert.Contains(t, f.Notices(), "kept 4 of 8 rows, those with "+status+" "+working+"; left out 1 with "+status+` "STAGED", 1 with `+status+` "PROVISIONED", 1 with `+status+` "SUSPENDED", 1 with `+status+` "DEPROVISIONED"`, file)
	}
}

// An Okta status the system never writes (a row cut short in that cell, a
// label typed by hand) makes the row invalid, not left out as if the
// person had left; a filter on the column decides instead.
func TestAnExportsUnwrittenValueIsAProblemNotALeaver(t *testing.T) {
	t.Parallel()
	export, err := os.ReadFile(filepath.Join("testdata", "okta-statuses.csv"))
	require.NoError(t, err)
	in := strings.Replace(string(export), ",RECOVERY\n", ",Password reset\n", 1)
	f, err := rosterfile.Read(strings.NewReader(in))
	require.NoError(t, err)
	assert.Equal(t, map[int]string{4: `status "Password reset" is no value the Okta user export (profile attributes) writes there ` +
		`(it writes ACTIVE, PASSWORD_EXPIRED, LOCKED_OUT, RECOVERY, STAGED, PROVISIONED, SUSPENDED or DEPROVISIONED): ` +
		`a row cut short? (a filter on "status" decides instead of the default)`}, invalid(f))
	assert.NotContains(t, reasons(f), 4)

	where, err := rosterfile.ParseFilter("status=ACTIVE|password reset")
	require.NoError(t, err)
	f, err = rosterfile.Read(strings.NewReader(in), rosterfile.WithFilters(where))
	require.NoError(t, err)
	assert.Empty(t, invalid(f))
	assert.Equal(t, []string{"ada@example.com", "emmy@example.com"}, entryEmails(f.Entries()))

	// A row a caller's filter leaves out is left out whatever its status.
	dept, err := rosterfile.ParseFilter("department=Research")
	require.NoError(t, err)
	_, err = rosterfile.Read(strings.NewReader(in), rosterfile.WithFilters(dept))
	require.ErrorIs(t, err, rosterfile.ErrNoRows, "no one in Research: every row left out, none invalid")
}

// An Entra ID tenant's download keeps its enabled members: guests (one of
// them with no mail), a disabled account and the directory-sync account
// are left out, and none of them makes the file invalid. Break-glass
// accounts have no mark; a filter that leaves out their names does.
func TestEntraKeepsEnabledMembers(t *testing.T) {
	t.Parallel()
	f := readFile(t, "entra-id-tenant.csv")
	assert.Empty(t, invalid(f), "a row left out is never a problem")
	assert.Equal(t, []string{"ada@contoso.com", "breakglass1@contoso.onmicrosoft.com", "breakglass2@contoso.onmicrosoft.com", "Emmy.Noether@contoso.com"}, entryEmails(f.Entries()))
	assert.Equal(t, map[int]string{
		3: `displayName is "On-Premises Directory Synchronization Service Account", a value left out`,
		4: `userType is "Guest", not "Member"`,
		5: `userType is "Guest", not "Member"`,
		6: `accountEnabled is "False", not "True"`,
	}, reasons(f))
	assert.Equal(t, "Sync_DC01_8a7f3c2e1b4d@contoso.onmicrosoft.com", f.Skipped[0].Email)
	assert.Equal(t, "alan_example.org#EXT#@contoso.onmicrosoft.com", f.Skipped[1].Email, "a row left out names its person as the file does")
	notices := f.Notices()
	assert.Contains(t, notices, `kept 4 of 8 rows, those with accountEnabled "True" and userType "Member" and displayName not "On-Premises Directory Synchronization Service Account"; `+
		`left out 1 with displayName "On-Premises Directory Synchronization Service Account", 2 with userType "Guest", 1 with accountEnabled "False"`)

	breakGlass, err := rosterfile.ParseFilter("userPrincipalName!=breakglass1@contoso.onmicrosoft.com|BREAKGLASS2@contoso.onmicrosoft.com")
	require.NoError(t, err)
	f = readFile(t, "entra-id-tenant.csv", rosterfile.WithFilters(breakGlass))
	assert.Equal(t, []string{"ada@contoso.com", "Emmy.Noether@contoso.com"}, entryEmails(f.Entries()))
	assert.Equal(t, `userPrincipalName is "breakglass2@contoso.onmicrosoft.com", a value left out`, reasons(f)[8])
	assert.Len(t, f.DefaultFilters, 3, "a filter on another column adds to the defaults")
	assert.Contains(t, f.Notices(), `kept 2 of 8 rows, those with accountEnabled "True" and userType "Member" and displayName not "On-Premises Directory Synchronization Service Account" `+
		`and userPrincipalName none of "breakglass1@contoso.onmicrosoft.com", "BREAKGLASS2@contoso.onmicrosoft.com"; `+
		`left out 1 with displayName "On-Premises Directory Synchronization Service Account", 2 with userType "Guest", 1 with accountEnabled "False", `+
		`1 with userPrincipalName "breakglass1@contoso.onmicrosoft.com", 1 with userPrincipalName "breakglass2@contoso.onmicrosoft.com"`)
}

// Guests are kept by a filter on userType, which replaces that default
// only: the one with mail is taken by it, and the one without has no
// address at all (its userPrincipalName is a sign-in name made of its home
// address), which its row says rather than invite the sign-in name.
func TestEntraGuests(t *testing.T) {
	t.Parallel()
	anyone, err := rosterfile.ParseFilter("userType=Member|Guest")
	require.NoError(t, err)
	f := readFile(t, "entra-id-tenant.csv", rosterfile.WithFilters(anyone))
	assert.Equal(t, map[int]string{4: `no email: "mail" is empty and the "userPrincipalName" "alan_example.org#EXT#@contoso.onmicrosoft.com" is a guest's sign-in name, not an address (fill in "mail")`}, invalid(f))
	assert.Contains(t, entryEmails(f.Entries()), "grace@example.org")
	assert.Equal(t, 2, f.EmailFallbacks, "the break-glass accounts', with no mail; never the guest's sign-in name")
	assert.Equal(t, []string{"accountEnabled", "displayName", "userType"}, columns(f.Filters))

	f, err = rosterfile.Read(strings.NewReader("userPrincipalName\nalan_example.org#EXT#@contoso.onmicrosoft.com\n"))
	require.NoError(t, err)
	assert.Equal(t, `no email: the "userPrincipalName" "alan_example.org#EXT#@contoso.onmicrosoft.com" is a guest's sign-in name, not an address (export the mail column)`, f.Rows[0].Problem())
}

// An export cut short (a download or a copy that stopped) never reads its
// last person otherwise than the whole file does: cut anywhere in its last
// row, the read fails, or reads that row exactly as the whole file does
// (a cut in a cell nothing reads). A row cut short would otherwise read as
// a leaver, whom a sync with --remove-members removes.
func TestACutExportFailsOrReadsItsLastRowWhole(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		file, lastRow string // the start of the last row
		cutRow        string // the error of a cut between two cells of the last row
		cutCell       string // the error of a cut inside one of its quoted cells
	}{
		{"entra-id-tenant.csv", "emmy@contoso.com,", "line 9: the file ends in the middle of this row (5 columns, want 29): it was cut short; export or copy it again whole",
			"line 9: the file ends inside the quoted cell that starts on this line: it was cut short, or a quote never closes"},
		{"okta-statuses.csv", "alan,", "line 9: the file ends in the middle of this row (5 columns, want 32): it was cut short; export or copy it again whole", ""},
		{"okta-report-statuses.csv", `"alan",`, "", "line 9: the file ends inside the quoted cell that starts on this line"},
	} {
		whole, err := os.ReadFile(filepath.Join("testdata", tc.file))
		require.NoError(t, err)
		want := readFile(t, tc.file)
		last := bytes.LastIndex(whole, []byte("\n"+tc.lastRow)) + 1
		require.Positive(t, last, tc.file)
		var failed []error
		for cut := last + 1; cut < len(whole); cut++ {
			f, err := rosterfile.Read(bytes.NewReader(whole[:cut]))
			if err != nil {
				failed = append(failed, err)
				continue
			}
			assert.Equal(t, want.Rows[len(want.Rows)-1], f.Rows[len(f.Rows)-1], "%s cut after byte %d: the last row reads whole", tc.file, cut)
			assert.Equal(t, want.Skipped, f.Skipped, "%s cut after byte %d", tc.file, cut)
		}
		require.NotEmpty(t, failed, tc.file)
		var messages []string
		for _, err := range failed {
			messages = append(messages, err.Error())
		}
		if tc.cutRow != "" {
			assert.Contains(t, messages, tc.cutRow, tc.file)
		}
		for _, m := range messages {
			if tc.cutCell != "" && strings.Contains(m, "quoted cell") {
				assert.Contains(t, m, tc.cutCell, tc.file)
			}
		}
	}
}

// A file whose last row is short but ends with its line end has a short
// row, a problem on its line, not a cut file: the other rows are checked
// and reported with it.
func TestAShortRowIsItsRowsProblemBeforeAnyFilter(t *testing.T) {
	t.Parallel()
	in := "\uFEFFEmployee #,First Name,Work Email,Status\r\n" +
		"1,Ada,ada@example.com,Active\r\n" +
		"2,Grace,grace@example.com\r\n" + // one cell short: its status reads "", which the default would leave out
		"3,Charles,charles@example.com,Inactive\r\n"
	f, err := rosterfile.Read(strings.NewReader(in))
	require.NoError(t, err)
	assert.Equal(t, map[int]string{3: "3 columns, want 4"}, invalid(f))
	assert.Equal(t, "grace@example.com", f.Rows[1].Email, "the row names its person")
	assert.Equal(t, map[int]string{4: `Status is "Inactive", not "Active"`}, reasons(f))
}

// invalid maps each invalid row's line to its problem.
func invalid(f *rosterfile.File) map[int]string {
	out := map[int]string{}
	for _, r := range f.Rows {
		if !r.Valid() {
			out[r.Line] = r.Problem()
		}
	}
	return out
}

// reasons maps each skipped row's line to why it was left out.
func reasons(f *rosterfile.File) map[int]string {
	out := map[int]string{}
	for _, s := range f.Skipped {
		out[s.Line] = s.Reason()
	}
	return out
}

// each maps xs through f, for assertions on one field of each.
func each[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func columns(filters []rosterfile.Filter) []string {
	return each(filters, func(f rosterfile.Filter) string { return f.Column })
}

func lines(rows []rosterfile.Row) []int {
	return each(rows, func(r rosterfile.Row) int { return r.Line })
}

func entryEmails(entries []rosterfile.Entry) []string {
	return each(entries, func(e rosterfile.Entry) string { return e.Email })
}
