package client

import (
	"net/http"
	"net/mail"
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
		var inv Invite
		err := decodeInvite(body, &inv)
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
		var p Page
		err := decodePage(body, &p)
		if err != nil {
			return
		}
		lastItem := ""
		if n := len(p.Invites); n > 0 {
			lastItem = p.Invites[n-1].ID
		}
		next, err := nextCursor("", p.HasMore, len(p.Invites), p.LastID, lastItem)
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
		a := (&Client{}).readAnswer(status, h, body, time.Unix(0, 0))
		e := a.apiErr
		if e == nil {
			if status < 200 || status > 299 {
				t.Fatalf("status %d read as a success", status)
			}
			return
		}
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
		err := ValidateID(id)
		if (id == "" || id == "." || id == "..") != (err != nil) {
			t.Fatalf("ValidateID(%q) = %v", id, err)
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
		if ValidateEmail(email) != nil {
			return
		}
		at := strings.LastIndexByte(email, '@')
		if at < 1 || at == len(email)-1 || strings.ContainsAny(email, " <>\"\r\n\t") || len(email) > 254 ||
			!strings.Contains(email[at:], ".") || !utf8.ValidString(email) {
			t.Fatalf("accepted %q", email)
		}
		// The fake parses what the client accepts as a mail address too.
		if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
			t.Fatalf("accepted %q, which net/mail reads as %v, %v", email, a, err)
		}
	})
}
