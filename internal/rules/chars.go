// An address copied from a web page, a chat or a spreadsheet can carry
// characters nobody sees: a zero-width space, a byte order mark, a bidi
// override, a non-breaking space. Such an address looks identical in every
// table, yet it is another address: it gets its own invite, and a later
// clean roster plans a create plus a revoke of a row that looks the same.
// They are refused here, with the character named, so the admin can find it.

package rules

import (
	"fmt"
	"unicode"
)

// CharError is the reason an email is refused for a character that cannot
// be seen or that changes how the text around it is shown.
type CharError struct {
	Rune     rune
	Position int    // 1 for the first character (not byte) of the address
	Kind     string // what the character is, in words: "an invisible character", ...
}

func (e *CharError) Error() string {
	return fmt.Sprintf("%s at position %d (%s)", CodePoint(e.Rune), e.Position, e.Kind)
}

// CodePoint names a character as Unicode does, "U+200B ZERO WIDTH SPACE",
// or as "U+XXXX" alone for a character the rules keep no name for: they
// keep the names of the hidden characters ([names]) and of those that pass
// for one ASCII character (Cyrillic а, Greek ο, fullwidth ａ; see
// confusableName).
func CodePoint(r rune) string {
	if name, ok := names[r]; ok {
		return fmt.Sprintf("U+%04X %s", r, name)
	}
	if name, ok := confusableName(r); ok {
		return fmt.Sprintf("U+%04X %s", r, name)
	}
	return fmt.Sprintf("U+%04X", r)
}

// hiddenChar finds the first character of s an address must not hold: a
// control (Cc), a format character (Cf: zero-width characters, the byte
// order mark, bidi controls, the soft hyphen), a space or separator other
// than the ASCII space (Z: the non-breaking spaces, em spaces, line
// separators), another default-ignorable code point (the Hangul fillers,
// variation selectors) or U+FFFD, which stands where a decoder met bytes it
// could not read. The ASCII space is left to the address syntax, whose
// messages already say what is wrong with it.
func hiddenChar(s string) *CharError {
	pos := 0
	for _, r := range s {
		pos++
		if kind := hiddenKind(r); kind != "" {
			return &CharError{Rune: r, Position: pos, Kind: kind}
		}
	}
	return nil
}

// Hidden reports whether r is a character Email refuses for being unseen:
// a control, a space other than ASCII's, a format or other invisible code
// point, or U+FFFD.
func Hidden(r rune) bool { return hiddenKind(r) != "" }

func hiddenKind(r rune) string {
	switch {
	case r < 0x80:
		if r < 0x20 || r == 0x7f {
			return "a control character"
		}
		return ""
	case unicode.Is(unicode.Bidi_Control, r):
		return "a bidirectional control, which reorders how text is shown"
	case unicode.Is(unicode.Cc, r):
		return "a control character"
	case unicode.Is(unicode.Z, r):
		return "a space"
	case unicode.Is(unicode.Cf, r),
		unicode.Is(unicode.Other_Default_Ignorable_Code_Point, r),
		unicode.Is(unicode.Variation_Selector, r):
		return "an invisible character"
	case r == unicode.ReplacementChar:
		return "the replacement character, left where a decoder could not read the text"
	}
	return ""
}

// names holds the Unicode names of the characters most likely to reach an
// address unseen. golang.org/x/text/unicode/runenames has every name, but it
// would link about a megabyte of names into every program that imports the
// client, for the few dozen an error message needs; the tests check each
// name here against it. Controls carry their Unicode name alias, as
// UnicodeData names them only "<control>".
var names = map[rune]string{
	0x0000: "NULL",
	0x0009: "CHARACTER TABULATION",
	0x000A: "LINE FEED",
	0x000D: "CARRIAGE RETURN",
	0x007F: "DELETE",
	0x0085: "NEXT LINE",
	0x00A0: "NO-BREAK SPACE",
	0x00AD: "SOFT HYPHEN",
	0x034F: "COMBINING GRAPHEME JOINER",
	0x061C: "ARABIC LETTER MARK",
	0x115F: "HANGUL CHOSEONG FILLER",
	0x1160: "HANGUL JUNGSEONG FILLER",
	0x1680: "OGHAM SPACE MARK",
	0x180E: "MONGOLIAN VOWEL SEPARATOR",
	0x2000: "EN QUAD",
	0x2001: "EM QUAD",
	0x2002: "EN SPACE",
	0x2003: "EM SPACE",
	0x2004: "THREE-PER-EM SPACE",
	0x2005: "FOUR-PER-EM SPACE",
	0x2006: "SIX-PER-EM SPACE",
	0x2007: "FIGURE SPACE",
	0x2008: "PUNCTUATION SPACE",
	0x2009: "THIN SPACE",
	0x200A: "HAIR SPACE",
	0x200B: "ZERO WIDTH SPACE",
	0x200C: "ZERO WIDTH NON-JOINER",
	0x200D: "ZERO WIDTH JOINER",
	0x200E: "LEFT-TO-RIGHT MARK",
	0x200F: "RIGHT-TO-LEFT MARK",
	0x2028: "LINE SEPARATOR",
	0x2029: "PARAGRAPH SEPARATOR",
	0x202A: "LEFT-TO-RIGHT EMBEDDING",
	0x202B: "RIGHT-TO-LEFT EMBEDDING",
	0x202C: "POP DIRECTIONAL FORMATTING",
	0x202D: "LEFT-TO-RIGHT OVERRIDE",
	0x202E: "RIGHT-TO-LEFT OVERRIDE",
	0x202F: "NARROW NO-BREAK SPACE",
	0x205F: "MEDIUM MATHEMATICAL SPACE",
	0x2060: "WORD JOINER",
	0x2061: "FUNCTION APPLICATION",
	0x2062: "INVISIBLE TIMES",
	0x2063: "INVISIBLE SEPARATOR",
	0x2064: "INVISIBLE PLUS",
	0x2066: "LEFT-TO-RIGHT ISOLATE",
	0x2067: "RIGHT-TO-LEFT ISOLATE",
	0x2068: "FIRST STRONG ISOLATE",
	0x2069: "POP DIRECTIONAL ISOLATE",
	0x3000: "IDEOGRAPHIC SPACE",
	0x3164: "HANGUL FILLER",
	0xFE0E: "VARIATION SELECTOR-15",
	0xFE0F: "VARIATION SELECTOR-16",
	0xFEFF: "ZERO WIDTH NO-BREAK SPACE",
	0xFFA0: "HALFWIDTH HANGUL FILLER",
	0xFFFD: "REPLACEMENT CHARACTER",
}
