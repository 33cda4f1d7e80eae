package roster

import (
	"strings"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadCSVValid(t *testing.T) {
	t.Parallel()
	in := "\uFEFFEmail, Role ,projects\n" +
		"ada@example.com,reader,\n" +
		"\n" +
		"bob@example.com,Owner,proj_a:member;proj_b:owner\n" +
		"cy@example.com,reader,none\n" +
		"\"dee@example.com\",reader,\"proj_c:member\"\n"
	rows, err := ReadCSV(strings.NewReader(in))
	require.NoError(t, err)
	require.Len(t, rows, 4)
	for _, r := range rows {
		assert.True(t, r.Valid(), "line %d: %v", r.Line, r.Problems)
	}
	assert.Equal(t, Row{Line: 2, Entry: Entry{Email: "ada@example.com", Role: client.RoleReader}}, rows[0])
	assert.Equal(t, 4, rows[1].Line, "blank lines still count")
	assert.Equal(t, client.RoleOwner, rows[1].Role)
	assert.Equal(t, []client.ProjectGrant{{ID: "proj_a", Role: client.ProjectMember}, {ID: "proj_b", Role: client.ProjectOwner}}, rows[1].Projects)
	assert.NotNil(t, rows[2].Projects, "none means an empty, non-nil list")
	assert.Empty(t, rows[2].Projects)
	assert.Nil(t, rows[0].Projects, "an empty cell means the default project")
	assert.Equal(t, []client.ProjectGrant{{ID: "proj_c", Role: client.ProjectMember}}, rows[3].Projects)
}

func TestReadCSVProjectsColumnOptional(t *testing.T) {
	t.Parallel()
	rows, err := ReadCSV(strings.NewReader("role,email\nreader,ada@example.com\n"))
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.Equal(t, "ada@example.com", rows[0].Email)
	assert.Nil(t, rows[0].Projects)
}

func TestReadCSVRowProblems(t *testing.T) {
	t.Parallel()
	in := "email,role,projects\n" +
		"ada@example.com,reader,\n" + // 2 fine
		"not-an-email,reader,\n" + // 3
		"bob@example.com,admin,\n" + // 4
		"cy@example.com,reader,proj_a\n" + // 5
		"dee@example.com,reader,proj_a:boss\n" + // 6
		"ADA@example.com,owner,\n" + // 7 duplicate of 2
		"eve@example.com,reader\n" + // 8 short
		",reader,\n" + // 9
		"fay@example.com,,\n" + // 10
		"Gus <gus@example.com>,reader,\n" + // 11
		"hal@localhost,reader,\n" + // 12
		"ivy@example.com,reader,p1:member;p1:owner\n" // 13
	rows, err := ReadCSV(strings.NewReader(in))
	require.NoError(t, err)
	want := map[int]string{
		3:  `invalid email "not-an-email"`,
		4:  `invalid role "admin"`,
		5:  `want ID:member or ID:owner`,
		6:  `invalid role "boss"`,
		7:  `duplicate email ADA@example.com (first on line 2)`,
		8:  `2 columns, want 3`,
		9:  `email is empty`,
		10: `role is empty`,
		11: `invalid email "Gus <gus@example.com>"`,
		12: `the domain needs a dot`,
		13: `project "p1" listed twice`,
	}
	require.Len(t, rows, 12)
	for _, r := range rows {
		if msg, bad := want[r.Line]; bad {
			assert.Contains(t, r.Problem(), msg, "line %d", r.Line)
		} else {
			assert.True(t, r.Valid(), "line %d: %v", r.Line, r.Problems)
		}
	}
}

func TestReadCSVFileProblems(t *testing.T) {
	t.Parallel()
	cases := map[string]struct{ in, want string }{
		"empty":          {"", "the file is empty"},
		"no header":      {"ada@example.com,reader,\n", "line 1: no header row"},
		"unknown column": {"email,role,team\n", `unknown column "team"`},
		"missing role":   {"email,projects\n", `no "role" column`},
		"twice":          {"email,role,email\n", `column "email" appears twice`},
		"header only":    {"email,role,projects\n", "no rows after the header"},
		"bad quoting":    {"email,role,projects\nada@example.com,\"reader,\n\n", "line 2"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := ReadCSV(strings.NewReader(tc.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}
