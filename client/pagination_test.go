package client

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func collect(t *testing.T, c *Client, p AllParams) ([]string, error) {
	t.Helper()
	var ids []string
	for inv, err := range c.Invites.All(ctx(t), p) {
		if err != nil {
			return ids, err
		}
		ids = append(ids, inv.ID)
	}
	return ids, nil
}

func page(hasMore bool, lastID string, ids ...string) http.HandlerFunc {
	data := ""
	for i, id := range ids {
		if i > 0 {
			data += ","
		}
		data += inviteJSON(id, id+"@example.com", 1)
	}
	last := "null"
	if lastID != "" {
		last = fmt.Sprintf("%q", lastID)
	}
	return reply(http.StatusOK, fmt.Sprintf(`{"object":"list","data":[%s],"first_id":null,"last_id":%s,"has_more":%t}`, data, last, hasMore))
}

func TestAllWalksEveryPageOnce(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	c := newTestClient(t, s.URL())
	var newest string
	for i := range 250 {
		newest = invite(t, c, fmt.Sprintf("u%d@example.com", i)).ID
		if i%5 == 0 {
			require.NoError(t, s.Accept(newest))
		}
	}
	ids, err := collect(t, c, AllParams{})
	require.NoError(t, err)
	assert.Len(t, ids, 250)
	assert.Equal(t, newest, ids[0], "newest first")
	assert.Equal(t, 3, requests(s, http.MethodGet), "pages of 100")

	ids, err = collect(t, c, AllParams{Status: StatusAccepted, Limit: 50})
	require.NoError(t, err)
	assert.Len(t, ids, 50)
	assert.Equal(t, 3+5, requests(s, http.MethodGet))
}

func TestAllNeverLoops(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		steps   []http.HandlerFunc
		want    []string
		wantErr error
		reqs    int
	}{
		{"Prism: same last_id forever", []http.HandlerFunc{page(true, "b", "a", "b")}, []string{"a", "b"}, ErrPagination, 2},
		{"null last_id with has_more uses the last item", []http.HandlerFunc{page(true, "", "a", "b"), page(false, "", "c")}, []string{"a", "b", "c"}, nil, 2},
		{"stale last_id uses the last item", []http.HandlerFunc{page(true, "b", "a", "b"), page(true, "b", "c", "d"), page(false, "e", "e")}, []string{"a", "b", "c", "d", "e"}, nil, 3},
		{"empty page with has_more ends", []http.HandlerFunc{page(true, "a", "a"), page(true, "")}, []string{"a"}, nil, 2},
		{"has_more false ends", []http.HandlerFunc{page(false, "b", "a", "b")}, []string{"a", "b"}, nil, 1},
		{"error mid-way ends", []http.HandlerFunc{page(true, "a", "a"), reply(401, apiErr("bad key", "invalid_request_error"))}, []string{"a"}, ErrUnauthorized, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			s := play(mux, tc.steps...)
			ids, err := collect(t, c, AllParams{Limit: 2})
			assert.Equal(t, tc.want, ids)
			if tc.wantErr != nil {
				require.ErrorIs(t, err, tc.wantErr)
			} else {
				require.NoError(t, err)
			}
			assert.Len(t, s.requests(), tc.reqs)
		})
	}
}

func TestAllStopsWhenTheLoopBreaks(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	s := play(mux, page(true, "b", "a", "b"), page(true, "d", "c", "d"))
	for inv, err := range c.Invites.All(ctx(t), AllParams{}) {
		require.NoError(t, err)
		if inv.ID == "a" {
			break
		}
	}
	reqs := s.requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "/v1/organization/invites?limit=100", reqs[0].URI)
}
