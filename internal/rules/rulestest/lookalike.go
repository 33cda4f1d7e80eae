// Every entry point that takes an email must tell look-alikes apart the
// same way (the client and the fake refuse to invite them, the roster's
// plan holds them); their tests share these cases.

package rulestest

// Lookalike is an address that passes for an ASCII one, what it passes
// for, and how the email rule names the character that makes it one.
type Lookalike struct {
	Email, Of, Named string
}

// Lookalikes pass for member@example.com, invitee@example.com and
// owner@acme-corp.com with Cyrillic, Greek and fullwidth letters, in the
// local part and in the domain.
var Lookalikes = []Lookalike{
	{"m\u0435mber@example.com", "member@example.com", "U+0435 CYRILLIC SMALL LETTER IE at position 2"},
	{"member@ex\u0430mple.com", "member@example.com", "U+0430 CYRILLIC SMALL LETTER A at position 10"},
	{"invit\u0435e@example.com", "invitee@example.com", "U+0435 CYRILLIC SMALL LETTER IE at position 6"},
	{"invitee@exam\u03c1le.com", "invitee@example.com", "U+03C1 GREEK SMALL LETTER RHO at position 13"},
	{"\u03bfwner@acme-corp.com", "owner@acme-corp.com", "U+03BF GREEK SMALL LETTER OMICRON at position 1"},
	{"owner@\u0430cme-corp.com", "owner@acme-corp.com", "U+0430 CYRILLIC SMALL LETTER A at position 7"},
	{"\uff4dember@example.com", "member@example.com", "U+FF4D FULLWIDTH LATIN SMALL LETTER M at position 1"},
	{"invitee@\uff45xample.com", "invitee@example.com", "U+FF45 FULLWIDTH LATIN SMALL LETTER E at position 9"},
}

// OneScript are addresses with letters beyond ASCII, each in one writing
// system and none passing for ASCII: no look-alikes.
var OneScript = []string{
	"j\u00fcrgen@example.de",              // jürgen
	"\u0438\u0432\u0430\u043d@example.ru", // иван, whose а is Cyrillic among Cyrillic letters
	"\u0438\u0432\u0430\u043d@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444", // иван@пример.рф
	"\u03c3\u03bf\u03c6\u03af\u03b1@example.gr",                                  // σοφία
	"\u5c71\u7530\u305f\u308d\u3046@example.jp",                                  // 山田たろう: Han and Hiragana, one writing system
	"\u30e4\u30de\u30c0@\u4f8b\u3048.jp",                                         // ヤマダ@例え.jp
	"\uae40\ubbfc\uc900@example.kr",                                              // 김민준
	"d\u00e6hlie@example.no",                                                     // dæhlie
}
