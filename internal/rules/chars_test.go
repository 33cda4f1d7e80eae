package rules

import (
	"errors"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/runenames"
)

func TestEmailNamesAHiddenCharacter(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ email, want string }{
		{"ad\u200ba@example.com", "U+200B ZERO WIDTH SPACE at position 3 (an invisible character)"},
		{"ada@exam\u202eple.com", "U+202E RIGHT-TO-LEFT OVERRIDE at position 9 (a bidirectional control"},
		{"ada\u00a0@example.com", "U+00A0 NO-BREAK SPACE at position 4 (a space)"},
		{"\ufeffada@example.com", "U+FEFF ZERO WIDTH NO-BREAK SPACE at position 1 (an invisible character)"},
		{"ada@example.com\u200d", "U+200D ZERO WIDTH JOINER at position 16"},
		{"ü\u00adx@example.com", "U+00AD SOFT HYPHEN at position 2"}, // positions count characters, not bytes
		{"ada@example.com\t", "U+0009 CHARACTER TABULATION at position 16 (a control character)"},
		{"ada@exa\x00mple.com", "U+0000 NULL at position 8"},
		{"ada\u0085@example.com", "U+0085 NEXT LINE at position 4 (a control character)"},
		{"ada@ex\u3164ample.com", "U+3164 HANGUL FILLER at position 7 (an invisible character)"},
		{"ada\ufe0f@example.com", "U+FE0F VARIATION SELECTOR-16 at position 4"},
		{"ad\ufffda@example.com", "U+FFFD REPLACEMENT CHARACTER at position 3 (the replacement character"},
		{"ada@example.com\u2029", "U+2029 PARAGRAPH SEPARATOR at position 16 (a space)"},
		{"ad\U000E0041a@example.com", "U+E0041 at position 3 (an invisible character)"}, // a tag character: no name in the table
		{"ad\u2065a@example.com", "U+2065 at position 3 (an invisible character)"},
	} {
		err := Email(tc.email)
		var ce *CharError
		if !errors.As(err, &ce) {
			t.Errorf("Email(%q) = %v, want a *CharError", tc.email, err)
			continue
		}
		if !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("Email(%q) = %q, want it to start with %q", tc.email, err, tc.want)
		}
	}
	for _, ok := range []string{"ada@example.com", "zoë@example.com", "zoe\u0308@example.com", "ü@例え.jp", "ملك@example.com"} {
		if err := Email(ok); err != nil {
			t.Errorf("Email(%q) = %v, want nil", ok, err)
		}
	}
}

// The table's names are Unicode's, letter for letter, and each is a
// character the rule refuses: no name is there for nothing.
func TestNamesAreUnicodes(t *testing.T) {
	t.Parallel()
	for r, name := range names {
		if hiddenKind(r) == "" {
			t.Errorf("U+%04X %s is in the table but not refused", r, name)
		}
		want := runenames.Name(r)
		if unicode.Is(unicode.Cc, r) {
			if want != "<control>" {
				t.Errorf("U+%04X: runenames says %q, a control was expected", r, want)
			}
			continue
		}
		if name != want {
			t.Errorf("U+%04X: table %q, Unicode %q", r, name, want)
		}
	}
	if got := CodePoint('a'); got != "U+0061" {
		t.Errorf("CodePoint('a') = %q, want the bare code point", got)
	}
}

// Every character of the kinds the rule names is refused, and nothing a
// name is made of (letters, marks, digits, punctuation, symbols) is.
func TestHiddenKindCoversItsCategories(t *testing.T) {
	t.Parallel()
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		refused := hiddenKind(r) != ""
		switch {
		case r == ' ':
			if refused {
				t.Error("the ASCII space is left to the address syntax")
			}
		case unicode.In(r, unicode.Cc, unicode.Cf, unicode.Z, unicode.Bidi_Control, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector):
			if !refused {
				t.Errorf("U+%04X not refused", r)
			}
		case unicode.In(r, unicode.L, unicode.N, unicode.P, unicode.S) || unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Variation_Selector, r):
			if refused && r != unicode.ReplacementChar {
				t.Errorf("U+%04X refused", r)
			}
		}
	}
}

func TestHiddenIsWhatEmailRefuses(t *testing.T) {
	t.Parallel()
	for _, r := range []rune{'\t', 0x00A0, 0x200B, 0x202E, 0xFEFF, 0xFFFD} {
		if !Hidden(r) || Email("ad"+string(r)+"a@example.com") == nil {
			t.Errorf("%U: Hidden %t, but it must be hidden and refused", r, Hidden(r))
		}
	}
	for _, r := range []rune{' ', 'a', 'é', '@'} {
		if Hidden(r) {
			t.Errorf("%U is no hidden character", r)
		}
	}
}
