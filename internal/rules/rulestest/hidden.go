// Every entry point that takes an email (the client, the roster reader, the
// CLI, the fake) must refuse the same invisible characters and name them
// alike; their tests share these cases so that none tests a weaker set.

// Package rulestest holds cases for the tests of the packages that apply
// the shared rules. It is imported by tests only.
package rulestest

// HiddenEmails maps addresses that look like ada@example.com in any table
// to the character each one hides, as the email rule names it: a zero-width
// space, a bidi override, a no-break space and a byte order mark.
var HiddenEmails = map[string]string{
	"ad\u200ba@example.com": "U+200B ZERO WIDTH SPACE at position 3",
	"ada@exam\u202eple.com": "U+202E RIGHT-TO-LEFT OVERRIDE at position 9",
	"ada\u00a0@example.com": "U+00A0 NO-BREAK SPACE at position 4",
	"\ufeffada@example.com": "U+FEFF ZERO WIDTH NO-BREAK SPACE at position 1",
}
