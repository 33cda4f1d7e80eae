package rosterfile

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/rules/rulestest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func read(t *testing.T, in string, opts ...ReadOption) *File {
	t.Helper()
	f, err := Read(strings.NewReader(in), opts...)
	require.NoError(t, err)
	return f
}

// problems maps each invalid row's line to its problem.
func problems(f *File) map[int]string {
	out := map[int]string{}
	for _, r := range f.Rows {
		if !r.Valid() {
			out[r.Line] = r.Problem()
		}
	}
	return out
}

func TestReadValid(t *testing.T) {
	t.Parallel()
	in := "\uFEFFEmail, Role ,projects\n" +
		"ada@example.com,reader,\n" +
		"\n" +
		"bob@example.com,Owner,proj_a:member;proj_b:owner\n" +
		"cy@example.com,reader,none\n" +
		"\"dee@example.com\",reader,\"proj_c:member\"\n"
	f := read(t, in)
	require.Len(t, f.Rows, 4)
	assert.Empty(t, problems(f))
	assert.Equal(t, Row{Line: 2, Entry: Entry{Email: "ada@example.com", Role: client.RoleReader}}, f.Rows[0])
	assert.Equal(t, 4, f.Rows[1].Line, "blank lines still count")
	assert.Equal(t, client.RoleOwner, f.Rows[1].Role)
	assert.Equal(t, []client.ProjectGrant{{ID: "proj_a", Role: client.ProjectRoleMember}, {ID: "proj_b", Role: client.ProjectRoleOwner}}, f.Rows[1].Projects)
	assert.NotNil(t, f.Rows[2].Projects, "none means an empty, non-nil list")
	assert.Empty(t, f.Rows[2].Projects)
	assert.Nil(t, f.Rows[0].Projects, "an empty cell means the default project")
	assert.Equal(t, []client.ProjectGrant{{ID: "proj_c", Role: client.ProjectRoleMember}}, f.Rows[3].Projects)
	assert.Equal(t, FormatRoster, f.Format)
	assert.Equal(t, EncodingUTF8BOM, f.Encoding)
	assert.Equal(t, ',', f.Delimiter)
	assert.Equal(t, UsedColumns{Email: []string{"Email"}, Role: "Role", Projects: "projects"}, f.Columns)
	assert.Empty(t, f.Notices(), "a file in the package's own format, all used and kept, needs no notice")
}

func TestReadProjectsColumnOptional(t *testing.T) {
	t.Parallel()
	f := read(t, "role,email\nreader,ada@example.com\n")
	require.Len(t, f.Rows, 1)
	assert.Equal(t, "ada@example.com", f.Rows[0].Email)
	assert.Nil(t, f.Rows[0].Projects)
}

func TestReadRowProblems(t *testing.T) {
	t.Parallel()
	in := "email,role,projects\n" +
		"ada@example.com,reader,\n" + // 2 fine; repeated on 7 with another role
		"not-an-email,reader,\n" + // 3
		"bob@example.com,admin,\n" + // 4
		"cy@example.com,reader,proj_a\n" + // 5
		"dee@example.com,reader,proj_a:boss\n" + // 6
		"ADA@example.com,owner,\n" + // 7
		"eve@example.com,reader\n" + // 8 short
		",reader,\n" + // 9
		"fay@example.com,,\n" + // 10 no role: fine
		"Gus <gus@example.com>,reader,\n" + // 11
		"hal@localhost,reader,\n" + // 12
		"ivy@example.com,reader,p1:member;p1:owner\n" // 13
	f := read(t, in)
	want := map[int]string{
		3:  `invalid email "not-an-email"`,
		4:  `invalid role "admin"`,
		5:  `want ID:member or ID:owner`,
		6:  `invalid role "boss"`,
		7:  `duplicate email ADA@example.com (first on line 2), with another role or projects`,
		8:  `2 columns, want 3`,
		9:  `email is empty`,
		11: `invalid email "Gus <gus@example.com>"`,
		12: `the domain needs a dot`,
		13: `project "p1" listed twice`,
	}
	require.Len(t, f.Rows, 12)
	got := problems(f)
	assert.Len(t, got, len(want))
	for line, msg := range want {
		assert.Contains(t, got[line], msg, "line %d", line)
	}
}

func TestReadFileProblems(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ in, want string }{
		"empty":           {"", "the file is empty"},
		"only blanks":     {"\n\n,,\n", "the file is empty"},
		"no header":       {"ada@example.com,reader,\n", `line 1: no header row: the first line must name the columns`},
		"twice":           {"email,role,EMAIL\n", `line 1: column "email" appears 2 times in the header`},
		"header only":     {"email,role,projects\n", "no rows after the header"},
		"blank rows only": {"email,role,projects\n,,\n", "no rows after the header"},
		"bad quoting":     {"email,role,projects\nada@example.com,\"reader,\n\n", "line 2"},
		"utf16 no mark":   {"e\x00m\x00a\x00i\x00l\x00\n\x00", "NUL bytes, as UTF-16 saved without a byte order mark"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := Read(strings.NewReader(tc.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	_, err := Read(strings.NewReader(""))
	require.ErrorIs(t, err, ErrNoRows)
}

// A header with no email column is an error that lists what it has, so the
// admin can name the right one; an option or filter naming a column the
// file lacks says which.
func TestReadMissingColumns(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, in string
		opts     []ReadOption
		column   string
		what     string
		msg      string
	}{
		{"no email", "Name,E-mail,Team\nAda,ada@example.com,R\n", nil, "", "email",
			`line 1: the header has no email column; its columns: "Name", "E-mail", "Team"; name the one that holds the emails`},
		{"email option", "Name,Mail\n", []ReadOption{WithEmailColumn("E-mail")}, "E-mail", "email",
			`line 1: the header has no column "E-mail" (for the email); its columns: "Name", "Mail"`},
		{"role option", "email\n", []ReadOption{WithRoleColumn("Access")}, "Access", "role", `no column "Access" (for the role)`},
		{"projects option", "email\n", []ReadOption{WithProjectsColumn("Grants")}, "Grants", "projects", `no column "Grants" (for the projects)`},
		{"filter", "email\nada@example.com\n", []ReadOption{WithFilters(Filter{Column: "Team", Value: "R"})}, "Team", "filter", `no column "Team" (for the filter)`},
	} {
		_, err := Read(strings.NewReader(tc.in), tc.opts...)
		var ce *ColumnError
		require.ErrorAs(t, err, &ce, tc.name)
		assert.Equal(t, tc.column, ce.Column, tc.name)
		assert.Equal(t, tc.what, ce.For, tc.name)
		assert.Contains(t, err.Error(), tc.msg, tc.name)
	}
}

func TestReadRefusesBadOptions(t *testing.T) {
	t.Parallel()
	for _, opt := range []ReadOption{
		WithDelimiter('"'),
		WithDelimiter('\n'),
		WithFilters(Filter{Column: " ", Value: "x"}),
		WithOwnersWhere(Filter{Column: "", Value: "IT"}),
	} {
		_, err := Read(strings.NewReader("email\nada@example.com\n"), opt)
		require.ErrorIs(t, err, ErrInvalidOption)
	}
}

// Extra columns are ignored and listed once; only email is needed.
func TestReadIgnoresOtherColumns(t *testing.T) {
	t.Parallel()
	f := read(t, "Email,Role,Name,,Team\nada@example.com,owner,Ada,,R\n")
	require.Len(t, f.Rows, 1)
	assert.True(t, f.Rows[0].Valid(), f.Rows[0].Problem())
	assert.Equal(t, []string{"Name", "Team"}, f.Ignored, "a column with no name is not listed")
	assert.Equal(t, []string{`ignored 2 columns: "Name", "Team"`}, f.Notices())
}

// A role the file does not give is none, never reader: no role column, or
// an empty cell (blanks only), and the entry says so.
func TestReadRoles(t *testing.T) {
	t.Parallel()
	f := read(t, "email,name\nada@example.com,Ada\ngrace@example.com,Grace\n")
	assert.Equal(t, 2, f.NoRole)
	for _, r := range f.Rows {
		assert.True(t, r.Valid(), r.Problem())
		assert.False(t, r.HasRole(), "no role column: no role, not reader")
		assert.Equal(t, client.Role(""), r.Role)
	}
	assert.Contains(t, f.Notices(), "no role column: their roles are left as they are (a member keeps theirs; a new invite gets the default role)")

	f = read(t, "email,role\r\nada@example.com, \t\r\ngrace@example.com,Owner\r\nalan@example.com,reader\r\n")
	assert.Equal(t, []client.Role{"", client.RoleOwner, client.RoleReader}, []client.Role{f.Rows[0].Role, f.Rows[1].Role, f.Rows[2].Role})
	assert.True(t, f.Rows[0].Valid(), "an empty role cell is no role, not a problem")
	assert.True(t, f.Rows[2].HasRole(), "an explicit reader is a role")
	assert.Equal(t, 1, f.NoRole)
	assert.Contains(t, f.Notices(), "1 row has no role: their roles are left as they are (a member keeps theirs; a new invite gets the default role)")

	var buf strings.Builder
	require.NoError(t, WriteCSV(&buf, f.Entries()))
	assert.Equal(t, "email,role,projects\nada@example.com,,\ngrace@example.com,owner,\nalan@example.com,reader,\n", buf.String(), "no role is written back as an empty cell")
}

func TestReadOptionsNameColumns(t *testing.T) {
	t.Parallel()
	in := "Mail Address,Access,Grants,email\nada@example.com,Owner,proj_a:member,other@example.com\n"
	f := read(t, in, WithEmailColumn("mail address"), WithRoleColumn("ACCESS"), WithProjectsColumn("grants"))
	require.Len(t, f.Rows, 1)
	assert.Equal(t, Entry{Email: "ada@example.com", Role: client.RoleOwner, Projects: []client.ProjectGrant{{ID: "proj_a", Role: client.ProjectRoleMember}}}, f.Rows[0].Entry)
	assert.Equal(t, UsedColumns{Email: []string{"Mail Address"}, Role: "Access", Projects: "Grants"}, f.Columns)
	assert.Equal(t, []string{"email"}, f.Ignored, "an option replaces the column found by name")
}

func TestReadFilters(t *testing.T) {
	t.Parallel()
	in := "email,team,site\n" +
		"ada@example.com,Research,London\n" + // 2 kept
		"grace@example.com,research,Arlington\n" + // 3 site differs
		"alan@example.com,Logic,London\n" + // 4 team differs
		"emmy@example.com, RESEARCH ,london\n" // 5 kept: values compare without case or spaces
	var filters []Filter
	for _, s := range []string{"Team=research", " site = London"} {
		fl, err := ParseFilter(s)
		require.NoError(t, err)
		filters = append(filters, fl)
	}
	f := read(t, in, WithFilters(filters...))
	assert.Equal(t, []string{"ada@example.com", "emmy@example.com"}, emails(f.Entries()))
	require.Len(t, f.Skipped, 2)
	assert.Equal(t, Skip{Line: 3, Email: "grace@example.com", Filter: Filter{"site", "London"}, Value: "Arlington"}, f.Skipped[0])
	assert.Equal(t, `Team is "Logic", not "research"`, f.Skipped[1].Reason(), "the filter as the caller wrote it")
	assert.Nil(t, f.DefaultFilter)
	assert.Equal(t, filters, f.Filters)
	assert.Contains(t, f.Notices(), `kept 2 of 4 rows, those with Team "research" and site "London"; left out 1 with site "Arlington", 1 with Team "Logic"`)

	for _, bad := range []string{"Team", "=x", ""} {
		_, err := ParseFilter(bad)
		require.Error(t, err, "%q", bad)
	}
	fl, err := ParseFilter("Note=a=b")
	require.NoError(t, err)
	assert.Equal(t, Filter{"Note", "a=b"}, fl, "the first = ends the column")
}

// A roster with no one left in it would revoke every pending invite: it is
// an error, returned with the file so its skipped rows can be reported.
func TestReadEveryRowLeftOut(t *testing.T) {
	t.Parallel()
	f, err := Read(strings.NewReader("email,team\nada@example.com,A\ngrace@example.com,B\n"), WithFilters(Filter{"team", "C"}))
	require.ErrorIs(t, err, ErrNoRows)
	require.NotNil(t, f, "the file comes back, to report what was left out")
	assert.Len(t, f.Skipped, 2)
	assert.Contains(t, err.Error(), `every row was left out: kept 0 of 2 rows`)
}

func TestReadEmptyRowsAndRepeats(t *testing.T) {
	t.Parallel()
	in := "email,role,projects,name\n" +
		"ada@example.com,reader,proj_a:member;proj_b:owner,Ada\n" + // 2
		",,,\n" + // 3 empty
		"grace@example.com,owner,,Grace\n" + // 4
		"ADA@example.com,Reader,proj_b:owner;proj_a:member,Ada L.\n" + // 5: the same entry
		"grace@example.com,reader,,Grace\n" + // 6: another role
		" , ,,\n" + // 7 empty
		",,,\n,,,\n"
	f := read(t, in)
	assert.Equal(t, 4, f.EmptyRows, "lines 3, 7, 8 and 9")
	assert.Equal(t, []Merge{{Line: 5, FirstLine: 2, Email: "ADA@example.com"}}, f.Merged)
	got := problems(f)
	assert.Equal(t, map[int]string{6: "duplicate email grace@example.com (first on line 4), with another role or projects"}, got)
	assert.Contains(t, f.Notices(), "merged 1 row repeating an earlier one exactly: line 5 (as 2)")
}

func TestReadProjectsWithCommas(t *testing.T) {
	t.Parallel()
	in := "email,role,projects\n" +
		"ada@example.com,reader,\"proj_a:member,proj_b:owner\"\n" + // quoted: one cell with commas
		"grace@example.com,reader,proj_a:member,proj_b:owner\n" // unquoted: one cell too many
	got := problems(read(t, in))
	assert.Contains(t, got[2], "(separate project grants with ';', not ',')")
	assert.Equal(t, "4 columns, want 3 (the projects cell seems to hold commas: separate project grants with ';', or quote the cell)", got[3])
	got = problems(read(t, "email,role,projects\nada@example.com,reader,proj_a:member,x\n"))
	assert.Equal(t, "4 columns, want 3", got[2], "no hint where the extra cell is no grant")
	f := read(t, "email,role\nada@example.com,reader,,\n")
	assert.Empty(t, problems(f), "empty cells past the header's last are a spreadsheet's, not a problem")
}

func TestReadProjectLimits(t *testing.T) {
	t.Parallel()
	grants := make([]string, MaxProjectGrants+1)
	for i := range grants {
		grants[i] = fmt.Sprintf("proj_%d:member", i)
	}
	in := "email,role,projects\n" +
		"ada@example.com,reader," + strings.Join(grants[:MaxProjectGrants], ";") + "\n" +
		"grace@example.com,reader," + strings.Join(grants, ";") + "\n" +
		"alan@example.com,reader,proj_" + strings.Repeat("x", MaxProjectIDLength-5) + ":member\n" +
		"emmy@example.com,reader,proj_" + strings.Repeat("x", MaxProjectIDLength-4) + ":member\n"
	got := problems(read(t, in))
	assert.Equal(t, map[int]string{
		3: fmt.Sprintf("projects: more than %d grants, the most one entry may carry", MaxProjectGrants),
		5: fmt.Sprintf(`project "proj_%s"…: the ID is %d bytes, longer than the %d any project ID has`, strings.Repeat("x", 59), MaxProjectIDLength+1, MaxProjectIDLength),
	}, got)
}

// An email with a character nobody sees is refused on its line, named.
func TestReadRefusesHiddenCharacters(t *testing.T) {
	t.Parallel()
	in := "email,role\n" +
		"ad\u200ba@example.com,reader\n" +
		"ada@exam\u202eple.com,reader\n" +
		"ada\u00a0@example.com,reader\n" +
		"\ufeffada@example.com,reader\n" +
		"  ada@example.com\t,reader\n" // ASCII blanks around it are a spreadsheet's padding
	got := problems(read(t, in))
	assert.Equal(t, map[int]string{
		2: `invalid email "ad\u200ba@example.com": U+200B ZERO WIDTH SPACE at position 3 (an invisible character)`,
		3: `invalid email "ada@exam\u202eple.com": U+202E RIGHT-TO-LEFT OVERRIDE at position 9 (a bidirectional control, which reorders how text is shown)`,
		4: `invalid email "ada\u00a0@example.com": U+00A0 NO-BREAK SPACE at position 4 (a space)`,
		5: `invalid email "\ufeffada@example.com": U+FEFF ZERO WIDTH NO-BREAK SPACE at position 1 (an invisible character)`,
	}, got)
}

// The cases every entry point shares, through Read and ParseEntry.
func TestRosterRefusesTheSharedHiddenCases(t *testing.T) {
	t.Parallel()
	for email, named := range rulestest.HiddenEmails {
		got := problems(read(t, "email\n"+email+"\n"))
		assert.Contains(t, got[2], named, "%q", email)
		_, err := ParseEntry(email, "reader", "")
		require.ErrorContains(t, err, named)
	}
}

func TestReadDelimiters(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in   string
		opts []ReadOption
		want rune
	}{
		{"email;role\nada@example.com;owner\n", nil, ';'},
		{"email\trole\nada@example.com\towner\n", nil, '\t'},
		{"\"a;b\",email,role\nx,ada@example.com,owner\n", nil, ','}, // a quoted ';' does not count
		{"\n;;\nemail;role\nada@example.com;owner\n", nil, ';'},     // the header is the first line with a name
		{"email|role\nada@example.com|owner\n", []ReadOption{WithDelimiter('|')}, '|'},
	} {
		f := read(t, tc.in, tc.opts...)
		assert.Equal(t, tc.want, f.Delimiter, "%q", tc.in)
		require.Len(t, f.Rows, 1, "%q", tc.in)
		assert.Equal(t, Entry{Email: "ada@example.com", Role: client.RoleOwner}, f.Rows[0].Entry, "%q", tc.in)
	}
	f := read(t, "email\tname\trole\nada@example.com\t\towner\n")
	assert.Empty(t, problems(f), "an empty cell between tabs stays a cell")

	for s, want := range map[string]rune{"": 0, ",": ',', ";": ';', "tab": '\t', `\t`: '\t', "\t": '\t', "TAB": '\t', "|": '|', "semicolon": ';'} {
		got, err := ParseDelimiter(s)
		require.NoError(t, err, "%q", s)
		assert.Equal(t, want, got, "%q", s)
	}
	for _, bad := range []string{`"`, "\n", ",;", "\xff"} {
		_, err := ParseDelimiter(bad)
		require.Error(t, err, "%q", bad)
	}
}

// A file of any size is read in bounded memory: an unterminated quote
// stops at MaxRowBytes, and more than MaxRows rows is an error.
func TestReadLimitsTheInput(t *testing.T) {
	t.Parallel()
	_, err := Read(strings.NewReader("email,role\nada@example.com,\"" + strings.Repeat("x", 2*MaxRowBytes)))
	require.ErrorIs(t, err, errRowTooLong)
	assert.Contains(t, err.Error(), "after line 1: a row longer than")

	var b strings.Builder
	b.WriteString("email\n")
	for i := range MaxRows + 1 {
		fmt.Fprintf(&b, "u%d@example.com\n", i)
	}
	_, err = Read(strings.NewReader(b.String()))
	require.Error(t, err)
	assert.Equal(t, fmt.Sprintf("line %d: more than %d rows", MaxRows+2, MaxRows), err.Error())

	long := strings.Repeat("a", 100_000) + "@example.com"
	f := read(t, "email\n"+long+"\n")
	assert.LessOrEqual(t, len(f.Rows[0].Email), maxKeptEmail, "an invalid row keeps a bounded part of its email")
	assert.Less(t, len(f.Rows[0].Problem()), 400)
}

// The rows kept hold their entries, not the records they came from: 2,000
// rows with 10 kB of ignored columns each (20 MB) leave far less in memory.
// Not parallel, so that the heap measured is this test's.
func TestReadKeepsOnlyTheEntries(t *testing.T) {
	var b strings.Builder
	b.WriteString("email,role,projects,notes,status\n")
	for i := range 2000 {
		fmt.Fprintf(&b, "u%d@example.com,reader,p:member,%s,%s\n", i, strings.Repeat("n", 10_000), []string{"on", "off"}[i%2])
	}
	in := b.String()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f, err := Read(strings.NewReader(in), WithFilters(Filter{"status", "on"}))
	require.NoError(t, err)
	runtime.GC()
	runtime.ReadMemStats(&after)
	require.Len(t, f.Rows, 1000)
	require.Len(t, f.Skipped, 1000)
	assert.Less(t, int64(after.HeapAlloc)-int64(before.HeapAlloc), int64(2<<20), "bytes still held by the File")
	runtime.KeepAlive(f)
	runtime.KeepAlive(in) // measured alive both times
}

func emails(entries []Entry) []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Email
	}
	return out
}

// ErrNoRows and ErrInvalidOption are distinct, and each is what errors.Is
// finds.
func TestReadErrorsMatch(t *testing.T) {
	t.Parallel()
	_, err := Read(strings.NewReader("email\n"))
	assert.True(t, errors.Is(err, ErrNoRows) && !errors.Is(err, ErrInvalidOption))
}
