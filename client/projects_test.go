package client

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	created  = time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	archived = time.Date(2025, 6, 30, 17, 0, 0, 0, time.UTC)
)

// someProjects are two active projects sharing a name, one archived, and
// the default project every fake has.
func someProjects() fake.Option {
	return fake.WithProjects(
		fake.Project{ID: "proj_a", Name: "Research", CreatedAt: created},
		fake.Project{ID: "proj_b", Name: "Support", CreatedAt: created.Add(time.Hour)},
		fake.Project{ID: "proj_b2", Name: "Support", CreatedAt: created.Add(2 * time.Hour)},
		fake.Project{ID: "proj_old", Name: "Legacy", CreatedAt: created, ArchivedAt: archived},
	)
}

func projectIDs(ps []Project) []string { return idsOf(ps, func(p Project) string { return p.ID }) }

func TestProjectsListAllGet(t *testing.T) {
	t.Parallel()
	s := newFake(t, someProjects())
	c := newTestClient(t, s.URL())

	var active, every []Project
	for p, err := range c.Projects.All(ctx(t), AllProjectsParams{Limit: 1}) {
		require.NoError(t, err)
		active = append(active, p)
	}
	for p, err := range c.Projects.All(ctx(t), AllProjectsParams{IncludeArchived: true}) {
		require.NoError(t, err)
		every = append(every, p)
	}
	assert.Equal(t, []string{"proj_b2", "proj_b", "proj_a", fake.DefaultProjectID}, projectIDs(active), "newest first, the default project last")
	assert.Equal(t, 4+1, s.Stats().CountAt(fake.EndpointListProjects, http.StatusOK), "four pages of one, then one of 100")
	assert.Equal(t, []string{"proj_old", "proj_b2", "proj_b", "proj_a", fake.DefaultProjectID}, projectIDs(every))

	old := every[0]
	assert.Equal(t, Project{ID: "proj_old", Name: "Legacy", CreatedAt: created, ArchivedAt: archived, Status: "archived"}, old)
	assert.True(t, old.Archived())
	assert.Equal(t, "active", active[0].Status)
	assert.False(t, active[0].Archived())
	assert.True(t, Project{ArchivedAt: archived}.Archived(), "a time alone says so")
	assert.True(t, Project{Status: "archived"}.Archived(), "a status alone says so")

	page, _, err := c.Projects.List(ctx(t), ProjectListParams{Limit: 2, IncludeArchived: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"proj_old", "proj_b2"}, projectIDs(page.Projects))
	assert.True(t, page.HasMore)
	assert.Equal(t, "proj_old", page.FirstID)
	assert.Equal(t, "proj_b2", page.LastID)

	p, _, err := c.Projects.Get(ctx(t), "proj_old")
	require.NoError(t, err)
	assert.Equal(t, old, *p, "an archived project can be read")
	_, _, err = c.Projects.Get(ctx(t), "proj_nope")
	require.ErrorIs(t, err, ErrNotFound)
}

func TestProjectsFindByName(t *testing.T) {
	t.Parallel()
	var many []fake.Project
	for i := range 120 { // two pages of 100
		many = append(many, fake.Project{ID: fmt.Sprintf("proj_%03d", i), Name: fmt.Sprintf("Team %d", i)})
	}
	many[3].Name, many[110].Name = "Twins", "Twins"
	many[50].ArchivedAt, many[50].CreatedAt = archived, created
	s := newFake(t, fake.WithProjects(many...))
	c := newTestClient(t, s.URL())

	p, resp, err := c.Projects.FindByName(ctx(t), "Team 7", false)
	require.NoError(t, err)
	assert.Equal(t, "proj_007", p.ID)
	assert.Equal(t, 2, s.Stats().CountAt(fake.EndpointListProjects, http.StatusOK), "every page read, to know there is no second one")
	assert.Equal(t, http.StatusOK, resp.StatusCode)

	_, _, err = c.Projects.FindByName(ctx(t), "Twins", false)
	var ambiguous *AmbiguousNameError
	require.ErrorAs(t, err, &ambiguous)
	require.ErrorIs(t, err, ErrAmbiguousName)
	assert.Equal(t, []string{"proj_110", "proj_003"}, ambiguous.IDs)
	assert.Equal(t, `2 projects are named "Twins" (proj_110, proj_003): name one by its ID`, err.Error())

	_, _, err = c.Projects.FindByName(ctx(t), "Team 50", false)
	require.ErrorIs(t, err, ErrNoMatch, "archived, and not asked for")
	require.NotErrorIs(t, err, ErrNotFound)
	p, _, err = c.Projects.FindByName(ctx(t), "Team 50", true)
	require.NoError(t, err)
	assert.True(t, p.Archived())
	_, _, err = c.Projects.FindByName(ctx(t), "team 7", false)
	require.ErrorIs(t, err, ErrNoMatch, "names compare exactly")

	// A page that fails is no answer: not even "no match".
	s.FailNthAt(fake.EndpointListProjects, fake.FaultTruncateJSON, 2)
	_, _, err = newTestClient(t, s.URL(), WithMaxRetries(0)).Projects.FindByName(ctx(t), "Team 0", false)
	require.ErrorIs(t, err, ErrMalformedResponse)
}

func TestProjectsRefuseBadInputBeforeSending(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	c := newTestClient(t, s.URL())
	for name, call := range map[string]func() error{
		"empty id":   func() error { _, _, err := c.Projects.Get(ctx(t), ""); return err },
		"dot id":     func() error { _, _, err := c.Projects.Get(ctx(t), ".."); return err },
		"empty name": func() error { _, _, err := c.Projects.FindByName(ctx(t), " ", true); return err },
		"bad limit":  func() error { _, _, err := c.Projects.List(ctx(t), ProjectListParams{Limit: 101}); return err },
		"bad walk": func() error {
			for _, err := range c.Projects.All(ctx(t), AllProjectsParams{Limit: -1}) {
				return err
			}
			return nil
		},
	} {
		require.ErrorIs(t, call(), ErrInvalidInput, name)
	}
	assert.Zero(t, s.Stats().Total, "nothing was sent")
	assert.Equal(t, "project_id is empty", ValidateProjectID("").Error())
}

// projectJSON is a project as the API sends it.
func projectJSON(id string) string {
	return fmt.Sprintf(`{"object":"organization.project","id":%q,"name":"P","created_at":1,"archived_at":null,"status":"active"}`, id)
}

// listBody is a page of any list: its data as given ("" leaves the field
// out), its cursor and has_more.
func listBody(hasMore bool, lastID, data string) http.HandlerFunc {
	return reply(http.StatusOK, fmt.Sprintf(`{"object":"list",%s"first_id":null,"last_id":%s,"has_more":%t}`, data, lastID, hasMore))
}

// checkIncompleteReads holds a list to the rule every list keeps: after a
// first page holding the item first (as item writes it), a page that
// cannot be part of a complete read fails the walk (read) with an
// *IncompleteReadError naming it, and List after that cursor (list) fails
// alike.
func checkIncompleteReads(t *testing.T, name string, item func(id string) string,
	read func(*Client) ([]string, error), list func(c *Client, after string) error,
) {
	t.Helper()
	first := listBody(true, `"first"`, `"data":[`+item("first")+`],`)
	for _, tc := range []struct {
		name   string
		second http.HandlerFunc
		reason IncompleteReason
	}{
		{"has_more, no data", listBody(true, `"z"`, `"data":[],`), EmptyPageWithMore},
		{"no data field", listBody(false, "null", ``), PageWithoutData},
		{"data null", listBody(false, "null", `"data":null,`), PageWithoutData},
		{"cursor stuck", first, CursorStuck},
	} {
		t.Run(name+": "+tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			play(mux, first, tc.second)
			got, err := read(c)
			assert.Equal(t, []string{"first"}, got, "what came before the page")
			var ire *IncompleteReadError
			require.ErrorAs(t, err, &ire)
			assert.Equal(t, tc.reason, ire.Reason)
			assert.Equal(t, "first", ire.After)
			assert.Contains(t, err.Error(), `the page after "first" of `+name)

			c, mux, _ = setup(t)
			play(mux, tc.second)
			require.ErrorIs(t, list(c, "first"), ErrIncompleteRead, "List after the same cursor")
		})
	}
}

func TestProjectReadsAreCompleteOrFail(t *testing.T) {
	t.Parallel()
	checkIncompleteReads(t, "projects", projectJSON,
		func(c *Client) ([]string, error) {
			var ids []string
			for p, err := range c.Projects.All(ctx(t), AllProjectsParams{}) {
				if err != nil {
					return ids, err
				}
				ids = append(ids, p.ID)
			}
			return ids, nil
		},
		func(c *Client, after string) error {
			page, _, err := c.Projects.List(ctx(t), ProjectListParams{After: after})
			assert.Nil(t, page)
			return err
		})
}
