package fake

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Whatever arrives, the fake answers in JSON that the spec (or the error
// envelope) accepts, and never panics.
func FuzzServe(f *testing.F) {
	f.Add("GET", "/v1/organization/invites?limit=3&after=x", "")
	f.Add("POST", "/v1/organization/invites", `{"email":"a@example.com","role":"reader","projects":[]}`)
	f.Add("POST", "/v1/organization/invites", `{"email":"a@example.com","role":"owner","projects":[{"id":"p","role":"member","x":1}]}`)
	f.Add("DELETE", "/v1/organization/invites/%00", "")
	f.Add("GET", "/v1/organization/invites/\u00e9", "")
	f.Add("PATCH", "/v1/", "{}")
	f.Add("POST", "/v1/organization/invites", `[1,2]`)
	f.Add("POST", "/v1/organization/invites", `{"email":null,"role":"reader"}`)
	f.Add("GET", "/v1/organization/invites?limit=1e2", "")
	f.Add("GET", "/v1/organization/projects?include_archived=true&limit=1&after=proj_a", "")
	f.Add("POST", "/v1/organization/projects", `{"name":"x","residency":null,"external_key_id":null}`)
	f.Add("POST", "/v1/organization/projects/proj_a", `{"name":null}`)
	f.Add("POST", "/v1/organization/projects/proj_a/archive", "")
	f.Add("POST", "/v1/organization/projects/proj_a/users", `{"user_id":"user-bot","email":null,"role":"member"}`)
	f.Add("POST", "/v1/organization/projects/proj_a/users/user-owner", `{"role":null}`)
	f.Add("DELETE", "/v1/organization/projects/proj_old/users/user-reader", "")
	h := NewHandler(append(orgWithProjects(), WithInvites(5))...)
	f.Fuzz(func(t *testing.T, method, target, body string) {
		req, err := http.NewRequestWithContext(context.Background(), method, "http://127.0.0.1"+target, strings.NewReader(body))
		if err != nil || !strings.HasPrefix(req.URL.Path, "/") {
			t.Skip()
		}
		req.RequestURI = req.URL.RequestURI()
		req.Header.Set("Authorization", "Bearer "+h.Key())
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		resp := rec.Result()
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		if err := checkResponse(req, resp, data); err != nil {
			t.Fatalf("%s %s %q -> %d: %v\n%s", method, target, body, resp.StatusCode, err, data)
		}
	})
}
