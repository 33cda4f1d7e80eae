package rosterfile_test

import (
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
	f = readFile(t, "google-workspace.csv", rosterfile.WithEmailColumn("Manager Email"), rosterfile.WithFilters(rosterfile.Filter{Column: "Employee Title", Value: `Rear Admiral ("Amazing Grace")`}))
	require.Len(t, f.Rows, 1)
	assert.Equal(t, "ada@example.com", f.Rows[0].Email, "Grace's manager, from the cell with quotes in it")
}

// A filter on the export's status column replaces the default: here, the
// suspended accounts are the ones wanted.
func TestAFilterOnTheStatusColumnReplacesTheDefault(t *testing.T) {
	t.Parallel()
	f := readFile(t, "google-workspace.csv", rosterfile.WithFilters(rosterfile.Filter{Column: "status [read only]", Value: "suspended"}))
	assert.Nil(t, f.DefaultFilter)
	assert.Equal(t, []string{"charles@example.com"}, entryEmails(f.Entries()))
	f = readFile(t, "google-workspace.csv", rosterfile.WithFilters(rosterfile.Filter{Column: "Department", Value: "research"}))
	require.NotNil(t, f.DefaultFilter, "a filter on another column adds to the default")
	assert.Equal(t, []string{"alan@example.com", "Emmy.Noether@example.com"}, entryEmails(f.Entries()))
	assert.Equal(t, []rosterfile.Filter{{Column: "Status [READ ONLY]", Value: "Active"}, {Column: "Department", Value: "research"}}, f.Filters)
}

// A recognised export without its status column keeps every row, and says so.
func TestAnExportWithoutItsStatusColumn(t *testing.T) {
	t.Parallel()
	f, err := rosterfile.Read(strings.NewReader("Employee #,Work Email\n1,ada@example.com\n"))
	require.NoError(t, err)
	assert.Equal(t, rosterfile.FormatBambooHR, f.Format)
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
	f, err := rosterfile.Read(strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, f.Rows, 2)
	assert.Equal(t, `no email: "mail" is empty and the "userPrincipalName" "alan_example.org#EXT#@contoso.onmicrosoft.com" is a guest's sign-in name, not an address (fill in "mail")`, f.Rows[0].Problem())
	assert.Equal(t, "grace@example.org", f.Rows[1].Email)
	assert.Zero(t, f.EmailFallbacks)
	f, err = rosterfile.Read(strings.NewReader("userPrincipalName\nalan_example.org#EXT#@contoso.onmicrosoft.com\n"))
	require.NoError(t, err)
	assert.Equal(t, `no email: the "userPrincipalName" "alan_example.org#EXT#@contoso.onmicrosoft.com" is a guest's sign-in name, not an address (export the mail column)`, f.Rows[0].Problem())
	f, err = rosterfile.Read(strings.NewReader(in), rosterfile.WithFilters(rosterfile.Filter{Column: "userType", Value: "Member"}))
	require.ErrorIs(t, err, rosterfile.ErrNoRows, "guests left out")
	assert.Len(t, f.Skipped, 2)
}

func lines(rows []rosterfile.Row) []int {
	out := make([]int, len(rows))
	for i, r := range rows {
		out[i] = r.Line
	}
	return out
}

func entryEmails(entries []rosterfile.Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Email
	}
	return out
}
