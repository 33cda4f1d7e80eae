package rules

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/goinvites/invites/internal/rules/rulestest"
)

func TestLookalikeNamesWhatMakesOne(t *testing.T) {
	t.Parallel()
	for _, tc := range rulestest.Lookalikes {
		err := Lookalike(tc.Email)
		var le *LookalikeError
		if !errors.As(err, &le) || !errors.Is(err, ErrLookalike) {
			t.Errorf("Lookalike(%q) = %v, want a *LookalikeError", tc.Email, err)
			continue
		}
		if !strings.Contains(err.Error(), tc.Named) {
			t.Errorf("Lookalike(%q) = %q, want it to name %q", tc.Email, err, tc.Named)
		}
		if LookalikeKey(tc.Email) != LookalikeKey(tc.Of) || SameEmail(tc.Email, tc.Of) {
			t.Errorf("%q and %q: keys %q and %q, want one look-alike key for two addresses",
				tc.Email, tc.Of, LookalikeKey(tc.Email), LookalikeKey(tc.Of))
		}
		if InviteEmail(tc.Email) == nil || Email(tc.Email) != nil {
			t.Errorf("%q: Email must accept it (it is an address) and InviteEmail refuse it", tc.Email)
		}
	}
	for _, tc := range []struct{ email, want string }{
		{"re\u0430der@example.com", `U+0430 CYRILLIC SMALL LETTER A at position 3 (a Cyrillic letter among Latin ones, looks like "a")`},
		{"reader@\u0430cme-corp.com", "; the domain is xn--cme-corp-06g.com in ASCII"},
		{"ada@\uff45xample.com", "; the domain is example.com in ASCII"},
		{"\u0430\u0441\u0435@example.com", `U+0441 CYRILLIC SMALL LETTER ES at position 2 (looks like "c", as every letter of its part does)`},
		{"\u03bf\u03c1\u03bf@example.com", "U+03C1 GREEK SMALL LETTER RHO at position 2"},
		{"y\u0131lmaz@example.com.tr", `U+0131 LATIN SMALL LETTER DOTLESS I at position 2 (looks like "i")`},
		{"\ufb01nance@example.com", `U+FB01 at position 1 (looks like "fi")`},
		{"jean\u2010luc@example.com", `U+2010 HYPHEN at position 5 (looks like "-")`},
		{"\u0438\u0432\u0430\u043d\u2010p@example.ru", "U+2010 HYPHEN at position 5"},             // a dash passes for ASCII in any part
		{"\U0001d41ada@example.com", `U+1D41A at position 1 (looks like "a")`},                    // a mathematical letter
		{"\u0438van@example.com", "U+0438 at position 1 (a Cyrillic letter among Latin ones)"},    // mixed, though и passes for nothing
		{"\u0438\u03bb@example.com", "U+03BB at position 2 (a Greek letter among Cyrillic ones)"}, // no Latin: the first script leads on a tie
		{"ada@example.\u0441om", "U+0441 CYRILLIC SMALL LETTER ES at position 13"},                // the top-level label too
		{"\u0430d\u0430@ex\u0430mple.com", "position 1 (a Cyrillic letter among Latin ones, looks like \"a\"); U+0430 CYRILLIC SMALL LETTER A at position 3"},
	} {
		err := Lookalike(tc.email)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Lookalike(%q) = %v, want it to contain %q", tc.email, err, tc.want)
		}
	}
	for _, ok := range append(rulestest.OneScript, "ada@example.com", "zo\u00eb@example.com", "zoe\u0308@example.com",
		"\u00fc@\u4f8b\u3048.jp", "stra\u00dfe@example.de", "\u0142\u00f3d\u017a@example.pl", "tanaka\u7530\u4e2d@example.jp",
		"\u0645\u0644\u0643@example.com", "o'neil+x@sub.example.co.uk", "") {
		if err := Lookalike(ok); err != nil {
			t.Errorf("Lookalike(%q) = %v, want nil", ok, err)
		}
		if err := InviteEmail(ok); ok != "" && err != nil {
			t.Errorf("InviteEmail(%q) = %v, want nil", ok, err)
		}
	}
}

func TestLookalikeKey(t *testing.T) {
	t.Parallel()
	same := [][2]string{
		{"reader@example.com", "re\u0430der@example.com"},
		{"READER@EXAMPLE.COM", "re\u0430der@example.com"},                         // case, as EmailKey
		{"reader@example.com", "\uff32eader@example.com"},                         // fullwidth capital R: folded, then NFKC
		{"\uff42ob@example.com", "bob@example.com"},                               // fullwidth b, which confusables.txt leaves to NFKC
		{"ada@example.com", "ad\u200ba@example.com"},                              // a hidden character is seen as nothing
		{"ada@example.com", "ada\u00a0@example.com"},                              // so is a no-break space
		{"d\u00e6hlie@example.no", "daehlie@example.no"},                          // æ looks like ae
		{"jose\u0301@example.com", "jos\u00e9@example.com"},                       // one EmailKey, one LookalikeKey
		{"finance@example.com", "\ufb01nance@example.com"},                        // the ligature fi
		{"d\u017e@example.com", "\u01c6@example.com"},                             // dž, typed or as one character (the table's prototype, closed)
		{"\u0438\u0432\u0430\u043d@example.ru", "\u0438\u0432a\u043d@example.ru"}, // иван with a Latin a
	}
	for _, p := range same {
		if LookalikeKey(p[0]) != LookalikeKey(p[1]) {
			t.Errorf("%q and %q: keys %q and %q", p[0], p[1], LookalikeKey(p[0]), LookalikeKey(p[1]))
		}
	}
	differ := [][2]string{
		{"ada@example.com", "ade@example.com"},
		{"j\u00fcrgen@example.de", "jurgen@example.de"}, // ü is not u
		{"stra\u00dfe@example.de", "strasse@example.de"},
		{"ada@example.com", "ada+x@example.com"},
	}
	for _, p := range differ {
		if LookalikeKey(p[0]) == LookalikeKey(p[1]) {
			t.Errorf("%q and %q share the key %q", p[0], p[1], LookalikeKey(p[0]))
		}
	}
}

func TestScriptOf(t *testing.T) {
	t.Parallel()
	for r, want := range map[rune]string{
		'a': "Latin", '1': "", '@': "", 0x00FC: "Latin", 0x0430: "Cyrillic", 0x03BF: "Greek", 0xFF41: "Latin",
		0x0301: "", 0x30FC: "", 0x5C71: "Han", 0x305F: "Hiragana", 0xAE40: "Hangul", 0x1D41A: "", 0x0378: "Unknown",
	} {
		if got := scriptOf(r); got != want {
			t.Errorf("scriptOf(U+%04X) = %q, want %q", r, got, want)
		}
	}
}

func ExampleLookalike() {
	fmt.Println(Lookalike("re\u0430der@example.com"))
	fmt.Println(Lookalike("j\u00fcrgen@example.de"))
	// Output:
	// looks like another address: U+0430 CYRILLIC SMALL LETTER A at position 3 (a Cyrillic letter among Latin ones, looks like "a")
	// <nil>
}

func BenchmarkLookalikeKey(b *testing.B) {
	for b.Loop() {
		_ = LookalikeKey("grace.hopper@example.com")
	}
}
