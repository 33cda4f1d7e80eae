package rules

import (
	"errors"
	"strings"
	"testing"
)

func TestEmail(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{
		"ada@example.com", "a.b+tag@sub.example.co.uk", "o'neil@example.ie", "x@a-b.io",
		"ü@例え.jp", strings.Repeat("a", 64) + "@example.com",
	} {
		if err := Email(ok); err != nil {
			t.Errorf("Email(%q) = %v, want nil", ok, err)
		}
	}
	for bad, why := range map[string]string{
		"":                                     "is empty",
		"ada":                                  "not a bare address",
		"ada@":                                 "not a bare address",
		"@example.com":                         "not a bare address",
		"a@b@example.com":                      "not a bare address",
		"Ada <ada@example.com>":                "would need quoting",
		"<ada@example.com>":                    "would need quoting",
		"ada@example.com ":                     "not a host name",
		`"a b"@example.com`:                    "would need quoting",
		"a..b@example.com":                     "double dot",
		".a@example.com":                       "leading",
		"a@localhost":                          "needs a dot",
		"a@example":                            "needs a dot",
		"a@[127.0.0.1]":                        "not a host name",
		"a@example.com.":                       "not a host name",
		"a@-example.com":                       "not a host name",
		"a@exa_mple.com":                       "not a host name",
		strings.Repeat("a", 65) + "@x.com":     "longer than 64",
		strings.Repeat("a", 250) + "@x.com":    "longer than 254",
		"a@" + strings.Repeat("b", 64) + ".io": "not a host name",
		"\xff@example.com":                     "UTF-8",
	} {
		err := Email(bad)
		if err == nil || !strings.Contains(err.Error(), why) {
			t.Errorf("Email(%q) = %v, want a reason with %q", bad, err, why)
		}
	}
}

func TestRoles(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		check func(string) error
		ok    []string
		bad   []string
	}{
		{Role, []string{"reader", "owner"}, []string{"Reader", "member", "admin", " owner"}},
		{ProjectRole, []string{"member", "owner"}, []string{"reader", "Owner"}},
	} {
		for _, r := range tc.ok {
			if err := tc.check(r); err != nil {
				t.Errorf("%q: %v", r, err)
			}
		}
		for _, r := range tc.bad {
			if tc.check(r) == nil {
				t.Errorf("%q accepted", r)
			}
		}
		if !errors.Is(tc.check(""), ErrEmpty) {
			t.Errorf("empty role: not ErrEmpty")
		}
	}
}

func TestInviteID(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"invite-abc", "...", "a/b", "%2e%2e", " "} {
		if err := InviteID(ok); err != nil {
			t.Errorf("InviteID(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", ".", ".."} {
		if InviteID(bad) == nil {
			t.Errorf("InviteID(%q) accepted", bad)
		}
	}
}

func TestUserIDIsTheInviteIDRule(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"user-abc", "user_abc", "...", "a/b", "%2e%2e", " ", "", ".", ".."} {
		if got, want := UserID(id), InviteID(id); (got == nil) != (want == nil) {
			t.Errorf("UserID(%q) = %v, InviteID = %v", id, got, want)
		}
	}
	if UserID("..") == nil {
		t.Error(`UserID("..") accepted`)
	}
}
