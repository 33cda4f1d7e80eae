// The test harness judges every answer the fake sends against the spec, so
// no test can pass on a response the real API would not give.
package fake

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/goinvites/invites/gen"
)

// validating checks each response it carries: x-request-id present, JSON,
// and valid against the spec (or, for unrouted paths, the error envelope).
type validating struct {
	t    testing.TB
	base http.RoundTripper
}

func (v validating) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := v.base.RoundTrip(req)
	if err != nil {
		return resp, err
	}
	body, rerr := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if rerr != nil {
		// A truncated body: hand the client what came, then the error.
		resp.Body = io.NopCloser(io.MultiReader(bytes.NewReader(body), failing{rerr}))
		return resp, nil
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err := checkResponse(req, resp, body); err != nil {
		v.t.Errorf("%s %s -> %d: invalid response: %v\n%s", req.Method, req.URL.Path, resp.StatusCode, err, body)
	}
	return resp, nil
}

type failing struct{ err error }

func (f failing) Read([]byte) (int, error) { return 0, f.err }

func checkResponse(req *http.Request, resp *http.Response, body []byte) error {
	if !strings.HasPrefix(resp.Header.Get("x-request-id"), "req_") {
		return errors.New("no x-request-id")
	}
	if req.Method == http.MethodHead {
		return nil // no body to judge
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		return errors.New("content type " + ct)
	}
	spec, err := loadSpec()
	if err != nil {
		return err
	}
	route, params, bad := spec.route(req)
	if bad != nil {
		var v any
		if err := json.Unmarshal(body, &v); err != nil {
			return err
		}
		return spec.doc.Components.Schemas["ErrorResponse"].Value.VisitJSON(v)
	}
	opts := spec.opts
	opts.IncludeResponseStatus = true
	return openapi3filter.ValidateResponse(req.Context(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: routable(req), PathParams: params, Route: route, Options: &opts},
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &opts,
	})
}

// newClient is a plain client whose every answer is validated.
func newClient(t testing.TB) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: validating{t: t, base: tr}, Timeout: 10 * time.Second}
}

// reply is one answer, read in full.
type reply struct {
	status int
	header http.Header
	body   []byte
}

func (r reply) apiError(t testing.TB) gen.Error {
	t.Helper()
	var e gen.ErrorResponse
	require.NoError(t, json.Unmarshal(r.body, &e), string(r.body))
	return e.Error
}

func (r reply) decode(t testing.TB, v any) {
	t.Helper()
	require.NoError(t, json.Unmarshal(r.body, v), string(r.body))
}

const usersPath = "/organization/users"

// tester sends requests to one fake with one client.
type tester struct {
	t   testing.TB
	c   *http.Client
	url string
	key string
}

func newTester(t testing.TB, opts ...Option) (*tester, *Server) {
	s := NewServer(t, opts...)
	return newTesterOf(t, s), s
}

// newTesterOf is a tester for a server the test started itself.
func newTesterOf(t testing.TB, s *Server) *tester {
	return &tester{t: t, c: newClient(t), url: s.URL(), key: s.Key()}
}

// send makes one request; body "" sends none.
func (tt *tester) send(method, path, body string) (reply, error) {
	req, err := http.NewRequestWithContext(tt.t.Context(), method, tt.url+path, strings.NewReader(body))
	require.NoError(tt.t, err)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if tt.key != "" {
		req.Header.Set("Authorization", "Bearer "+tt.key)
	}
	resp, err := tt.c.Do(req)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, header: resp.Header, body: b}, err
}

func (tt *tester) do(method, path, body string) reply {
	tt.t.Helper()
	r, err := tt.send(method, path, body)
	require.NoError(tt.t, err)
	return r
}

func (tt *tester) create(email string) gen.Invite {
	tt.t.Helper()
	r := tt.do(http.MethodPost, "/organization/invites", `{"email":"`+email+`","role":"reader"}`)
	require.Equal(tt.t, http.StatusOK, r.status, string(r.body))
	var inv gen.Invite
	r.decode(tt.t, &inv)
	return inv
}

// answer sends a request that must be answered 200, and reads the answer
// as a T.
func answer[T any](tt *tester, method, path, body string) T {
	tt.t.Helper()
	r := tt.do(method, path, body)
	require.Equal(tt.t, http.StatusOK, r.status, string(r.body))
	var v T
	r.decode(tt.t, &v)
	return v
}

// get reads what path answers, which must be a 200, as a T.
func get[T any](tt *tester, path string) T {
	tt.t.Helper()
	return answer[T](tt, http.MethodGet, path, "")
}

func (tt *tester) list(query string) gen.InviteListResponse {
	tt.t.Helper()
	return get[gen.InviteListResponse](tt, "/organization/invites"+query)
}

func (tt *tester) users(query string) gen.UserListResponse {
	tt.t.Helper()
	return get[gen.UserListResponse](tt, usersPath+query)
}

// idsOf lists the ID of each of xs, in order.
func idsOf[T any](xs []T, id func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}

// refusal is a request the fake must refuse as an invalid request, with
// this status, param and code, and a message holding says.
type refusal struct {
	name, method, path, body string
	status                   int
	param, code, says        string
}

// assertRefusals sends each request in a subtest of its own, in order.
func assertRefusals(t *testing.T, tt *tester, cases []refusal) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := tt.do(c.method, c.path, c.body)
			assertError(t, r, c.status, typeInvalidRequest, c.param, c.code)
			assert.Contains(t, r.apiError(t).Message, c.says)
		})
	}
}

func assertError(t testing.TB, r reply, status int, typ, param, code string) {
	t.Helper()
	assert.Equal(t, status, r.status, string(r.body))
	e := r.apiError(t)
	assert.Equal(t, typ, e.Type)
	assert.Equal(t, nullable(param), e.Param)
	assert.Equal(t, nullable(code), e.Code)
	assert.NotEmpty(t, e.Message)
}
