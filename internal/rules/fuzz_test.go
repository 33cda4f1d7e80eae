package rules

import (
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/goinvites/invites/internal/rules/rulestest"
)

func lookalikeSeeds(f *testing.F) {
	for _, tc := range rulestest.Lookalikes {
		f.Add(tc.Email)
	}
	for _, s := range append(rulestest.OneScript, "", "ada@example.com", "\u01c4", "\xff@\xfe.com", "a@b@c", "@", "\u0430\u0441\u0435@\u03bf.\uff45") {
		f.Add(s)
	}
}

// A skeleton never panics, is UTF-8, and is its own skeleton.
func FuzzSkeleton(f *testing.F) {
	lookalikeSeeds(f)
	f.Fuzz(func(t *testing.T, s string) {
		k := Skeleton(s)
		if !utf8.ValidString(k) {
			t.Fatalf("Skeleton(%q) = %q, not UTF-8", s, k)
		}
		if again := Skeleton(k); again != k {
			t.Fatalf("Skeleton(%q) = %q, whose skeleton is %q", s, k, again)
		}
	})
}

// Lookalike never panics and names characters of the address where they
// stand; addresses with one EmailKey have one LookalikeKey; the ASCII
// form of a domain is ASCII.
func FuzzLookalike(f *testing.F) {
	lookalikeSeeds(f)
	f.Fuzz(func(t *testing.T, email string) {
		err := Lookalike(email)
		var le *LookalikeError
		if errors.As(err, &le) {
			runes := []rune(email)
			for _, c := range le.Chars {
				if c.Position < 1 || c.Position > len(runes) || runes[c.Position-1] != c.Rune {
					t.Fatalf("Lookalike(%q) names U+%04X at position %d, which holds something else", email, c.Rune, c.Position)
				}
			}
		} else if err != nil {
			t.Fatalf("Lookalike(%q) = %v, not a *LookalikeError", email, err)
		}
		if asciiOnly(email) && err != nil {
			t.Fatalf("Lookalike(%q) = %v for ASCII", email, err)
		}
		if LookalikeKey(email) != LookalikeKey(EmailKey(email)) {
			t.Fatalf("%q and its EmailKey %q get two look-alike keys", email, EmailKey(email))
		}
		if d, ok := ASCIIDomain(email); ok && !asciiOnly(d) {
			t.Fatalf("ASCIIDomain(%q) = %q, not ASCII", email, d)
		}
	})
}
