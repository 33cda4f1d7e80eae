// Whether two emails are the same person is asked by the roster's plan, the
// client's look-ups and the fake's store; if any two of them answered
// differently, a sync would create an invite the API holds already, or
// revoke one the roster wants. They all ask here.

package rules

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// EmailKey returns what two emails are compared by: two emails are the same
// when their keys are equal. The key is the address in Unicode Normalization
// Form C, then case-folded rune by rune with Unicode's simple case folding
// (the folding of strings.EqualFold).
//
// Case is ignored because mail systems deliver Ada@Example.com and
// ada@example.com to one mailbox (domains are case-insensitive, and in
// practice local parts are too), and an identity provider and the API may
// not spell one address alike. NFC comes first because one accented letter
// can be written two ways, precomposed (é, U+00E9) or as a letter and a
// combining mark (e, U+0301), which look identical and which different
// systems produce; without it, a roster exported by one system and invites
// sent from another would plan a create and a revoke of the same person.
// Nothing else is folded: dots, plus tags and look-alike letters from other
// scripts name other mailboxes, and the invisible characters Email refuses
// never reach a comparison.
//
// The key is for comparing and indexing only; it is never sent or shown.
func EmailKey(email string) string {
	return strings.Map(foldRune, norm.NFC.String(email))
}

// SameEmail reports whether a and b are one address: EmailKey(a) == EmailKey(b).
func SameEmail(a, b string) bool { return EmailKey(a) == EmailKey(b) }

// foldRune maps every rune of a simple case-folding orbit (K, k and U+212A
// KELVIN SIGN; Σ, σ and ς) to one member of it, so that keys are equal
// exactly when strings.EqualFold holds: the orbit's smallest lower-case
// letter (for ASCII letters, the ASCII lower case), else its smallest rune.
func foldRune(r rune) rune {
	switch {
	case 'A' <= r && r <= 'Z':
		return r + 'a' - 'A'
	case r < 0x80:
		return r
	}
	least, lower := r, rune(-1)
	for f := r; ; {
		if f < least {
			least = f
		}
		if unicode.IsLower(f) && (lower < 0 || f < lower) {
			lower = f
		}
		if f = unicode.SimpleFold(f); f == r {
			break
		}
	}
	if lower >= 0 {
		return lower
	}
	return least
}
