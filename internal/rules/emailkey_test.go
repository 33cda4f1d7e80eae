package rules

import (
	"strings"
	"testing"
	"unicode"
)

func TestEmailKey(t *testing.T) {
	t.Parallel()
	same := [][2]string{
		{"Ada@Example.COM", "ada@example.com"},
		{"jos\u00e9@example.com", "jose\u0301@example.com"}, // precomposed é and e + combining acute
		{"JOSE\u0301@EXAMPLE.COM", "jos\u00e9@example.com"}, // case and form at once
		{"\u212aim@example.com", "kim@example.com"},         // KELVIN SIGN folds to k, as EqualFold says
		{"\u03a3\u03bf\u03c6\u03af\u03b1@example.gr", "\u03c3\u03bf\u03c6\u03af\u03b1@example.gr"},
		{"\u1e9e@example.de", "\u00df@example.de"}, // capital sharp s folds to ß
	}
	for _, p := range same {
		if !SameEmail(p[0], p[1]) {
			t.Errorf("%q and %q differ: keys %q, %q", p[0], p[1], EmailKey(p[0]), EmailKey(p[1]))
		}
	}
	differ := [][2]string{
		{"ada@example.com", "a.da@example.com"},
		{"ada@example.com", "ada+x@example.com"},
		{"stra\u00dfe@example.de", "strasse@example.de"}, // full folding would merge these; simple folding keeps them apart
		{"ada@example.com", "\u0430da@example.com"},      // Cyrillic а
		{"i@example.com", "\u0130@example.com"},          // İ: EqualFold keeps them apart too
	}
	for _, p := range differ {
		if SameEmail(p[0], p[1]) {
			t.Errorf("%q and %q compare equal", p[0], p[1])
		}
	}
	if k := EmailKey("ada@example.com"); k != "ada@example.com" {
		t.Errorf("a lower-case ASCII address is its own key, got %q", k)
	}
}

// The key agrees with strings.EqualFold on every rune: equal keys exactly
// for runes of one simple-folding orbit.
func TestFoldRuneIsEqualFold(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		f := foldRune(r)
		if !strings.EqualFold(string(r), string(f)) {
			t.Fatalf("foldRune(U+%04X) = U+%04X, which EqualFold tells apart", r, f)
		}
		if g := foldRune(unicode.SimpleFold(r)); g != f {
			t.Fatalf("U+%04X and its fold U+%04X get keys U+%04X and U+%04X", r, unicode.SimpleFold(r), f, g)
		}
	}
}

func BenchmarkEmailKey(b *testing.B) {
	for b.Loop() {
		_ = EmailKey("grace.hopper@example.com")
	}
}
