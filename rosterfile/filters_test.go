package rosterfile_test

import (
	"strings"
	"testing"

	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// --where COLUMN=A|B keeps a row whose cell is any of the values, and a
// repeated filter on one column adds its values; COLUMN!=A|B leaves those
// values out. Filters on other columns still must all hold.
func TestReadFiltersOfSeveralValues(t *testing.T) {
	t.Parallel()
	in := "email,team,site\r\n" +
		"ada@example.com,Research,London\r\n" + // 2
		"grace@example.com,Compilers,Arlington\r\n" + // 3
		"alan@example.com,Logic,London\r\n" + // 4
		"emmy@example.com,research,Göttingen\r\n" + // 5
		"kurt@example.com,,Vienna\r\n" // 6: an empty team
	parse := func(specs ...string) []rosterfile.Filter {
		var out []rosterfile.Filter
		for _, s := range specs {
			fl, err := rosterfile.ParseFilter(s)
			require.NoError(t, err, s)
			out = append(out, fl)
		}
		return out
	}
	for _, tc := range []struct {
		where   []string
		kept    []string
		filters []rosterfile.Filter
	}{
		{[]string{"team=Research|compilers"}, []string{"ada@example.com", "grace@example.com", "emmy@example.com"},
			[]rosterfile.Filter{{Column: "team", Values: []string{"Research", "compilers"}}}},
		{[]string{"team=Research", "Team=Compilers", "TEAM = research"}, []string{"ada@example.com", "grace@example.com", "emmy@example.com"},
			[]rosterfile.Filter{{Column: "team", Values: []string{"Research", "Compilers"}}}},
		{[]string{"team=Research|Compilers", "site=London"}, []string{"ada@example.com"},
			[]rosterfile.Filter{{Column: "team", Values: []string{"Research", "Compilers"}}, {Column: "site", Values: []string{"London"}}}},
		{[]string{"team!=Logic|compilers"}, []string{"ada@example.com", "emmy@example.com", "kurt@example.com"},
			[]rosterfile.Filter{{Column: "team", Values: []string{"Logic", "compilers"}, Exclude: true}}},
		{[]string{"team!=Logic", "team!=Compilers", "site!=Vienna"}, []string{"ada@example.com", "emmy@example.com"},
			[]rosterfile.Filter{{Column: "team", Values: []string{"Logic", "Compilers"}, Exclude: true}, {Column: "site", Values: []string{"Vienna"}, Exclude: true}}},
		{[]string{"team=Research|", "team!=research"}, []string{"kurt@example.com"}, // keeping and leaving out on one column: both hold
			[]rosterfile.Filter{{Column: "team", Values: []string{"Research", ""}}, {Column: "team", Values: []string{"research"}, Exclude: true}}},
	} {
		f, err := rosterfile.Read(strings.NewReader(in), rosterfile.WithFilters(parse(tc.where...)...))
		require.NoError(t, err, "%q", tc.where)
		assert.Equal(t, tc.kept, entryEmails(f.Entries()), "%q", tc.where)
		assert.Equal(t, tc.filters, f.Filters, "%q", tc.where)
	}

	f, err := rosterfile.Read(strings.NewReader(in), rosterfile.WithFilters(parse("team=Research|Compilers", "site!=Arlington")...))
	require.NoError(t, err)
	assert.Equal(t, map[int]string{
		3: `site is "Arlington", a value left out`,
		4: `team is "Logic", not "Research" or "Compilers"`,
		6: `team is "", not "Research" or "Compilers"`,
	}, reasons(f))
	assert.Contains(t, f.Notices(), `kept 2 of 5 rows, those with team "Research" or "Compilers" and site not "Arlington"; left out 1 with site "Arlington", 1 with team "Logic", 1 with team ""`)

	for s, want := range map[string]rosterfile.Filter{
		"Status=ACTIVE|LOCKED_OUT":      {Column: "Status", Values: []string{"ACTIVE", "LOCKED_OUT"}},
		" Status != SUSPENDED | STAGED": {Column: "Status", Values: []string{"SUSPENDED", "STAGED"}, Exclude: true},
		"Team=":                         {Column: "Team", Values: []string{""}},
		"Note=a!=b":                     {Column: "Note", Values: []string{"a!=b"}},
	} {
		got, err := rosterfile.ParseFilter(s)
		require.NoError(t, err, s)
		assert.Equal(t, want, got, s)
		back, err := rosterfile.ParseFilter(got.String())
		require.NoError(t, err)
		assert.Equal(t, got, back, "String reads back: %s", got)
	}
	for _, bad := range []string{"!=x", " ! = x"} {
		_, err := rosterfile.ParseFilter(bad)
		require.Error(t, err, "%q", bad)
	}
}
