package cmdutil

import (
	"errors"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type person struct{ id, email string }

func who(p person) (string, string) { return p.id, p.email }

func TestPersonArguments(t *testing.T) {
	t.Parallel()
	people := []person{{"user-a", "Ada@Example.com"}, {"user-n", ""}}
	p, ok := FindPerson(people, "ada@EXAMPLE.com", who)
	assert.True(t, ok)
	assert.Equal(t, "user-a", p.id, "an email compares without regard to case")
	_, ok = FindPerson(people, "user-A", who)
	assert.False(t, ok, "an ID compares exactly")
	_, ok = FindPerson(people, "@", who)
	assert.False(t, ok, "no email matches a member without one")
	assert.Equal(t, "email", PersonArgKind("a@b.c"))
	assert.Equal(t, "ID", PersonArgKind("user-a"))

	require.NoError(t, CheckPersonArg("user-a"))
	require.NoError(t, CheckPersonArg("ada@example.com"))
	for _, bad := range []string{"", "..", "ada@localhost"} {
		require.ErrorIs(t, CheckPersonArg(bad), client.ErrInvalidInput, bad)
	}
	assert.Equal(t, "user-a (ada@example.com)", DescribePerson("user-a", "ada@example.com", "Ada"))
	assert.Equal(t, "user-a (Ada)", DescribePerson("user-a", "", "Ada"))
	assert.Equal(t, "user-a", DescribePerson("user-a", "", ""))
	assert.Equal(t, "proj_a (Research)", DescribeProject("proj_a", "Research"))
	assert.Equal(t, "proj_a", DescribeProject("proj_a", ""))
}

func TestRemovalTargets(t *testing.T) {
	t.Parallel()
	people := []person{{"user-a", "ada@example.com"}, {"user-b", "bob@example.com"}}
	named := func(arg string) (person, error) {
		if p, ok := FindPerson(people, arg, who); ok {
			return p, nil
		}
		return person{}, errors.New("no one")
	}
	targets, found := RemovalTargets([]string{"ADA@example.com", "nobody@example.com", "user-a", "user-x", "user-b"}, named, who)
	assert.Equal(t, []DeleteOut{
		{ID: "user-a", Email: "ada@example.com"},
		{Email: "nobody@example.com", Error: "no one"},
		{ID: "user-x", Error: "no one"},
		{ID: "user-b", Email: "bob@example.com"},
	}, targets, "in order; named twice, removed once")
	assert.Equal(t, people, found)
}
