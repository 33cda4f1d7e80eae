package client

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/goinvites/invites/gen"
)

// The fuzzers feed arbitrary bytes where the network or a caller could: the
// client must never panic, and what it accepts must be sound.

func FuzzDecodeInvite(f *testing.F) {
	f.Add([]byte(inviteJSON("invite-1", "a@example.com", 1711471533)))
	f.Add([]byte(`{"invited_at":1.5e9,"expires_at":"7","projects":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		inv, err := decodeInvite(body)
		if err != nil {
			return
		}
		for _, ts := range []time.Time{inv.CreatedAt, inv.ExpiresAt, inv.AcceptedAt} {
			if !ts.IsZero() && ts.Location() != time.UTC {
				t.Fatalf("time not in UTC: %v", ts)
			}
		}
	})
}

func FuzzDecodePage(f *testing.F) {
	f.Add([]byte(`{"object":"list","data":[` + inviteJSON("a", "a@example.com", 1) + `],"first_id":"a","last_id":"a","has_more":true}`))
	f.Add([]byte(`{"data":[],"first_id":null,"last_id":null,"has_more":false}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := decodePage(body)
		if err != nil {
			return
		}
		next, err := nextCursor("", &p)
		if err == nil && next != "" && !p.HasMore {
			t.Fatalf("cursor %q after a last page", next)
		}
	})
}

func FuzzAPIError(f *testing.F) {
	f.Add(429, []byte(`{"error":{"message":"Please try again after 6.937 seconds.","type":"requests","param":null,"code":"rate_limit_exceeded"}}`), "")
	f.Add(500, []byte("<html>"), "Fri, 02 Jan 2026 03:04:35 GMT")
	f.Fuzz(func(t *testing.T, status int, body []byte, retryAfter string) {
		if status < 100 || status > 999 {
			return
		}
		h := http.Header{}
		h.Set("Retry-After", retryAfter)
		h.Set("X-Request-Id", "req_1")
		e := apiError(status, h, body, time.Unix(0, 0))
		msg := e.Error()
		if strings.ContainsAny(msg, "\n\r") || !strings.Contains(msg, "req_1") || e.RetryAfter < 0 {
			t.Fatalf("bad error %q (retry after %v)", msg, e.RetryAfter)
		}
		if len(e.Body) > maxErrorExcerpt || !utf8.ValidString(e.Body) {
			t.Fatalf("body excerpt of %d bytes", len(e.Body))
		}
	})
}

func FuzzValidateID(f *testing.F) {
	for _, s := range []string{"", ".", "..", "invite-1", "a/b", "%2e", "a b?#"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		err := validateID(id)
		if (id == "" || id == "." || id == "..") != (err != nil) {
			t.Fatalf("validateID(%q) = %v", id, err)
		}
		if err != nil {
			return
		}
		req, berr := gen.NewRetrieveInviteRequest("http://127.0.0.1/v1/", id)
		if berr != nil {
			return
		}
		rest, ok := strings.CutPrefix(req.URL.EscapedPath(), "/v1/organization/invites/")
		if !ok || rest == "" || strings.Contains(rest, "/") {
			t.Fatalf("id %q became path %q", id, req.URL.EscapedPath())
		}
	})
}

func FuzzValidateEmail(f *testing.F) {
	for _, s := range []string{"a@example.com", "", "a@", "@b", "A <a@b.c>", "a b@c.d", "ü@例え.jp"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, email string) {
		if validateEmail(email) != nil {
			return
		}
		at := strings.LastIndexByte(email, '@')
		if at < 1 || at == len(email)-1 || strings.ContainsAny(email, " <>\r\n\t") || len(email) > 254 {
			t.Fatalf("accepted %q", email)
		}
	})
}

// FuzzRequestsMatchGen holds the requests the client builds to the ones
// gen's builders make from the same input.
func FuzzRequestsMatchGen(f *testing.F) {
	f.Add("http://127.0.0.1/v1", "invite-1", 20, "invite-0")
	f.Add("https://api.example.com", "a/b?c#d%e f", 0, "x y&z=1")
	f.Add("http://[::1]:8080/base/", "..x", 100, "")
	f.Fuzz(func(t *testing.T, base, id string, limit int, after string) {
		c, err := New(WithAPIKey(testKey), WithBaseURL(base), WithInsecureHTTP())
		if err != nil || validateID(id) != nil {
			return
		}
		same := func(what string, ours func(context.Context) (*http.Request, error), gens *http.Request, gerr error) {
			t.Helper()
			req, err := ours(context.Background())
			if (err != nil) != (gerr != nil) {
				t.Fatalf("%s: our error %v, gen's %v", what, err, gerr)
			}
			if err == nil && (req.Method != gens.Method || req.URL.String() != gens.URL.String()) {
				t.Fatalf("%s: ours %s %s, gen's %s %s", what, req.Method, req.URL, gens.Method, gens.URL)
			}
		}
		get, gerr := gen.NewRetrieveInviteRequest(c.server, id)
		same("get", c.itemRequest(http.MethodGet, id), get, gerr)
		del, derr := gen.NewDeleteInviteRequest(c.server, id)
		same("delete", c.itemRequest(http.MethodDelete, id), del, derr)
		var params gen.ListInvitesParams
		if limit != 0 {
			params.Limit = &limit
		}
		if after != "" {
			params.After = &after
		}
		list, lerr := gen.NewListInvitesRequest(c.server, &params)
		same("list", c.listRequest(ListParams{Limit: limit, After: after}), list, lerr)
		post, perr := gen.NewInviteUserRequestWithBody(c.server, "application/json", nil)
		same("create", c.createRequest(nil), post, perr)
	})
}
