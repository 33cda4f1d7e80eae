package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
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
		{"empty page with has_more is an incomplete read", []http.HandlerFunc{page(true, "a", "a"), page(true, "")}, []string{"a"}, ErrIncompleteRead, 2},
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

// TestAReadIsCompleteOrItFails: a page that cannot be part of a complete
// read fails the read, naming the page, for invites and members alike.
// Before, a page with has_more and no data ended the read as if complete,
// and a page without data (or null) was read as an empty list.
func TestAReadIsCompleteOrItFails(t *testing.T) {
	t.Parallel()
	users := func(hasMore bool, lastID string, data string) http.HandlerFunc {
		return reply(http.StatusOK, fmt.Sprintf(`{"object":"list",%s"first_id":null,"last_id":%s,"has_more":%t}`, data, lastID, hasMore))
	}
	user := func(id string) string {
		return fmt.Sprintf(`{"object":"organization.user","id":%q,"email":%q,"name":null,"role":"reader","added_at":1}`, id, id+"@example.com")
	}
	firstUsers := users(true, `"u1"`, `"data":[`+user("u1")+`],`)
	for _, tc := range []struct {
		name   string
		second http.HandlerFunc // the page after the first, which held a, or u1
		reason IncompleteReason
		users  bool
	}{
		{"invites: has_more, no data", reply(http.StatusOK, `{"object":"list","data":[],"first_id":null,"last_id":"z","has_more":true}`), EmptyPageWithMore, false},
		{"invites: no data field", reply(http.StatusOK, `{"object":"list","first_id":null,"last_id":null,"has_more":false}`), PageWithoutData, false},
		{"invites: data null", reply(http.StatusOK, `{"object":"list","data":null,"first_id":null,"last_id":null,"has_more":false}`), PageWithoutData, false},
		{"invites: cursor stuck", page(true, "a", "a"), CursorStuck, false},
		{"users: has_more, no data", users(true, "null", `"data":[],`), EmptyPageWithMore, true},
		{"users: no data field", users(false, "null", ``), PageWithoutData, true},
		{"users: data null", users(false, "null", `"data":null,`), PageWithoutData, true},
		{"users: cursor stuck", firstUsers, CursorStuck, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setup(t)
			var read []string
			var err error
			if tc.users {
				play(mux, firstUsers, tc.second)
				for u, uerr := range c.Users.All(ctx(t), AllUsersParams{}) {
					if err = uerr; err != nil {
						break
					}
					read = append(read, u.ID)
				}
				assert.Equal(t, []string{"u1"}, read)
			} else {
				play(mux, page(true, "a", "a"), tc.second)
				read, err = collect(t, c, AllParams{})
				assert.Equal(t, []string{"a"}, read)
			}
			require.ErrorIs(t, err, ErrIncompleteRead)
			var ire *IncompleteReadError
			require.ErrorAs(t, err, &ire)
			assert.Equal(t, tc.reason, ire.Reason)
			assert.NotEmpty(t, ire.After, "the page is named by its cursor")
			assert.Contains(t, err.Error(), fmt.Sprintf("the page after %q", ire.After))
			assert.Equal(t, "req_200", ire.RequestID)
			assert.Equal(t, tc.reason == CursorStuck, errors.Is(err, ErrPagination))
		})
	}
}

// TestListRefusesAPageWithoutData: List is one read, complete or failed,
// as a walk is.
func TestListRefusesAPageWithoutData(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	play(mux, reply(http.StatusOK, `{"object":"list","data":null,"first_id":null,"last_id":null,"has_more":false}`))
	page, resp, err := c.Invites.List(ctx(t), ListParams{})
	require.ErrorIs(t, err, ErrIncompleteRead)
	assert.Nil(t, page)
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	users, _, err := c.Users.List(ctx(t), UserListParams{After: "u9"})
	require.ErrorIs(t, err, ErrIncompleteRead)
	assert.Nil(t, users)
	assert.Contains(t, err.Error(), `the page after "u9" of users: the page has no data`)
}

// scriptedAnswer is one answer of a walk's script: a status and a body.
type scriptedAnswer struct {
	status int
	body   string
}

// scriptPages makes a walk's answers from fuzz bytes: two bytes a page,
// choosing has_more, the form of data (absent, null, empty, 1 to 4
// invites), the form of last_id (null, the last item's, the cursor asked
// for again, another), and now and then an error answer or raw's body.
func scriptPages(script []byte, raw string) []scriptedAnswer {
	var answers []scriptedAnswer
	cursor := ""
	for i := 0; i+1 < len(script) && len(answers) < 12; i += 2 {
		a, b := script[i], script[i+1]
		switch a % 8 {
		case 6:
			answers = append(answers, scriptedAnswer{[]int{400, 401, 404, 409, 429, 500, 503, 200}[b%8], raw})
			continue
		case 7:
			answers = append(answers, scriptedAnswer{http.StatusOK, raw})
			continue
		}
		var items []string
		var last string
		data := []string{``, `"data":null,`, `"data":[],`}[min(int(b%6), 2)]
		if b%6 >= 3 {
			for n := range 1 + int(b/6)%4 {
				last = fmt.Sprintf("inv-%d-%d", i, n)
				items = append(items, inviteJSON(last, last+"@example.com", 1))
			}
			data = `"data":[` + strings.Join(items, ",") + `],`
		}
		lastID := []string{`null`, fmt.Sprintf("%q", last), fmt.Sprintf("%q", cursor), `"elsewhere"`}[a/8%4]
		if last != "" {
			cursor = last
		}
		answers = append(answers, scriptedAnswer{http.StatusOK, fmt.Sprintf(`{"object":"list",%s"first_id":null,"last_id":%s,"has_more":%t}`, data, lastID, a%2 == 0)})
	}
	return answers
}

// scriptDoer answers the walk's requests with the script in order, then
// 500s, and keeps what it served.
type scriptDoer struct {
	answers []scriptedAnswer
	served  []scriptedAnswer
}

func (d *scriptDoer) Do(r *http.Request) (*http.Response, error) {
	a := scriptedAnswer{http.StatusInternalServerError, apiErr("script over", "server_error")}
	if n := len(d.served); n < len(d.answers) {
		a = d.answers[n]
	}
	d.served = append(d.served, a)
	rec := httptest.NewRecorder()
	rec.Header().Set("X-Request-Id", "req_"+testKey[:4]+"-"+strconv.Itoa(len(d.served)))
	rec.WriteHeader(a.status)
	_, _ = io.WriteString(rec, a.body)
	resp := rec.Result()
	resp.Request = r
	return resp, nil
}

// FuzzAllNeverEndsWithAPageUnread feeds a walk pages whose has_more, data
// and cursor combine every way, with error answers and arbitrary bodies
// among them. A walk that ends without an error must have read every page
// the server served whole, the last one saying has_more false; no error
// may hold the key, which raw bodies echo.
func FuzzAllNeverEndsWithAPageUnread(f *testing.F) {
	f.Add([]byte{0, 3, 1, 3}, "")        // a page with more, then the last
	f.Add([]byte{0, 3, 0, 2, 1, 3}, "")  // has_more with an empty page
	f.Add([]byte{0, 3, 1, 1}, "")        // a last page with data null
	f.Add([]byte{0, 3, 16, 3, 1, 3}, "") // the cursor asked for again
	f.Add([]byte{0, 3, 7, 0}, `{"data":[],"has_more":false}`)
	f.Add([]byte{6, 5}, `{"error":{"message":"`+testKey+`","type":"`+testKey+`","code":null,"param":null}}`)
	f.Fuzz(func(t *testing.T, script []byte, raw string) {
		d := &scriptDoer{answers: scriptPages(script, raw)}
		c := newTestClient(t, "http://127.0.0.1/v1", WithHTTPClient(d), WithoutPacing(), WithMaxRetries(0))
		var read []string
		var err error
		for inv, ierr := range c.Invites.All(context.Background(), AllParams{Limit: 4}) {
			if err = ierr; err != nil {
				break
			}
			read = append(read, inv.ID)
		}
		if err != nil {
			if strings.Contains(fmt.Sprintf("%v %+v", err, err), testKey) {
				t.Fatalf("the key in %v", err)
			}
			return
		}
		// The walk says it read the list: hold that to what was served.
		var want []string
		for i, a := range d.served {
			var p struct {
				Data    *[]struct{ ID string } `json:"data"`
				HasMore bool                   `json:"has_more"`
			}
			if a.status != http.StatusOK || json.Unmarshal([]byte(a.body), &p) != nil || p.Data == nil {
				t.Fatalf("a complete read with page %d unreadable or without data (%d %s)", i+1, a.status, a.body)
			}
			if last := i == len(d.served)-1; p.HasMore == last {
				t.Fatalf("a complete read ended on page %d of %d, whose has_more is %t", i+1, len(d.served), p.HasMore)
			}
			for _, item := range *p.Data {
				want = append(want, item.ID)
			}
		}
		if !slices.Equal(read, want) {
			t.Fatalf("read %v, served %v", read, want)
		}
	})
}
