// Two addresses can look the same and be different: reader@example.com with
// a Cyrillic а, a Greek ο or a fullwidth ｅ is another mailbox, and an admin
// reading a plan cannot tell them apart. Unicode says which characters are
// confusable, in the table of its security mechanisms (UTS #39,
// confusables.txt); the skeleton it defines is what such addresses are
// compared by. The table is generated from Unicode's file into
// confusables.gen.go (see confusablesgen).

package rules

import (
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Skeleton returns Unicode's confusable skeleton of s (UTS #39 section 4):
// s in Normalization Form D, each character replaced by its prototype from
// confusables.txt, then NFD again. Two strings that look alike have the
// same skeleton: reader and reаder (Cyrillic а) both have "reader". It is
// for comparing only: a skeleton is rarely a string anyone wrote (m becomes
// "rn", 0 becomes "O").
func Skeleton(s string) string {
	d := norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if p, ok := prototype(r); ok {
			b.WriteString(p)
		} else {
			b.WriteRune(r)
		}
	}
	return norm.NFD.String(b.String())
}

// prototype is what confusables.txt maps r to, if it maps r.
func prototype(r rune) (string, bool) {
	i, ok := slices.BinarySearch(confusableRunes[:], r)
	if !ok {
		return "", false
	}
	start := 0
	if i > 0 {
		start = int(prototypeEnds[i-1])
	}
	return prototypes[start:prototypeEnds[i]], true
}

// confusableName is the Unicode name of a character that passes for one
// ASCII character, if the table keeps it, or of a fullwidth letter or
// digit, which the table leaves to compatibility normalization.
func confusableName(r rune) (string, bool) {
	i, ok := slices.BinarySearchFunc(confusableNames[:], r, func(e namedRune, r rune) int { return int(e.r - r) })
	if ok {
		return confusableNames[i].name, true
	}
	switch {
	case 0xFF10 <= r && r <= 0xFF19:
		return "FULLWIDTH DIGIT " + digitNames[r-0xFF10], true
	case 0xFF21 <= r && r <= 0xFF3A:
		return "FULLWIDTH LATIN CAPITAL LETTER " + string(r-0xFF21+'A'), true
	case 0xFF41 <= r && r <= 0xFF5A:
		return "FULLWIDTH LATIN SMALL LETTER " + string(r-0xFF41+'A'), true
	}
	return "", false
}

// namedRune is a character and its Unicode name.
type namedRune struct {
	r    rune
	name string
}

var digitNames = [...]string{"ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE"}

// asciiOnly reports whether s is all ASCII.
func asciiOnly(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
