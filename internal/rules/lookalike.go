// A look-alike address passes for another one in every table: reаder with
// a Cyrillic а, a domain аcme-corp.com, a fullwidth ｅ. Sent an invite, the
// wrong mailbox joins; compared as text, it is a stranger, and a sync
// removes the real person for it. This is the one rule, for the client,
// the CLI, the roster's plan and the fake alike, that says which addresses
// are look-alikes (Lookalike) and what addresses that look alike share
// (LookalikeKey).

package rules

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ErrLookalike is matched by a *LookalikeError.
var ErrLookalike = errors.New("looks like another address")

// LookalikeError is the reason an address is a look-alike: the characters
// that make it one.
type LookalikeError struct {
	Chars []CharError // in the order of the address
	// ASCIIDomain is the domain as DNS looks it up ("xn--cme-corp-06g.com"),
	// when it is not ASCII; "" otherwise.
	ASCIIDomain string
}

func (e *LookalikeError) Error() string {
	var b strings.Builder
	b.WriteString(ErrLookalike.Error())
	for i, c := range e.Chars {
		sep := "; "
		if i == 0 {
			sep = ": "
		}
		b.WriteString(sep + c.Error())
	}
	if e.ASCIIDomain != "" {
		fmt.Fprintf(&b, "; the domain is %s in ASCII", e.ASCIIDomain)
	}
	return b.String()
}

// Is matches ErrLookalike.
func (e *LookalikeError) Is(target error) bool { return target == ErrLookalike }

// Lookalike returns a *LookalikeError when email is a look-alike, nil when
// it is not. The local part and each label of the domain are judged apart,
// and one is a look-alike when
//
//   - it mixes scripts: letters of two scripts that no one writing system
//     uses together (Unicode's "highly restrictive" level, UTS #39 section
//     5.2: one script, or Latin with Han and Hiragana or Katakana, with Han
//     and Hangul, or with Han and Bopomofo; digits, punctuation and
//     combining marks go with any), as reаder with a Cyrillic а does;
//   - it holds a character that passes for ASCII where ASCII could stand:
//     among Latin letters, in a part with no letters, or as a character of
//     no script (a dash, a fullwidth digit, a mathematical letter). A
//     character passes for ASCII when its LookalikeKey is ASCII and it is
//     either a compatibility form (fullwidth ａ, the ligature ﬁ) or stands
//     for one ASCII character (Latin ɑ and dotless ı, Cyrillic а);
//   - its letters are all of one other script and every one passes for
//     ASCII: Cyrillic асе, Greek ορο, which pass for ace and opo whole.
//
// An address in one script is no look-alike for holding letters that
// exist in ASCII too: jürgen, иван, σοφία, 山田たろう and 김민준 are
// addresses like any other, and so is dæhlie (æ passes for "ae", two
// characters, and is not a compatibility form). Turkish ı, which stands
// for i, is the price: yılmaz is a look-alike of yilmaz.
//
// Lookalike says nothing of characters Email refuses; it is for addresses
// Email accepts.
func Lookalike(email string) error {
	if asciiOnly(email) {
		return nil
	}
	var chars []CharError
	local, domain, _ := strings.Cut(email, "@")
	chars = append(chars, lookalikeChars(local, 1)...)
	pos := utf8.RuneCountInString(local) + 2
	if domain != "" {
		for label := range strings.SplitSeq(domain, ".") {
			chars = append(chars, lookalikeChars(label, pos)...)
			pos += utf8.RuneCountInString(label) + 1
		}
	}
	if chars == nil {
		return nil
	}
	e := &LookalikeError{Chars: chars}
	e.ASCIIDomain, _ = ASCIIDomain(email)
	return e
}

// InviteEmail accepts the addresses an invite may be sent to: those Email
// accepts that are no look-alike (see Lookalike).
func InviteEmail(email string) error {
	if err := Email(email); err != nil {
		return err
	}
	return Lookalike(email)
}

// LookalikeKey returns what look-alike addresses share: two emails look
// alike when their keys are equal. It is the confusable skeleton (see
// Skeleton) of the address compared as EmailKey compares it (NFC, case
// folded), after Unicode's compatibility normalization (NFKC) and with
// every space and every character Email calls hidden dropped.
//
// NFKC comes first because confusables.txt leaves to it what it folds:
// fullwidth ｂ has no line of its own in the table, which expects text in
// NFKC, as identifiers and IDNA domains are. The hidden characters go
// because they are seen as nothing. Emails with one EmailKey have one
// LookalikeKey. Like EmailKey, the key is for comparing only.
func LookalikeKey(email string) string { return Skeleton(VisibleKey(email)) }

// VisibleKey is the address as a reader sees it, compared as EmailKey
// compares (NFC, case folded), after compatibility normalization (NFKC:
// fullwidth letters, ligatures) and without spaces or the characters Email
// calls hidden. It is LookalikeKey before the confusables table: two
// addresses with one VisibleKey differ only in what no one can see.
func VisibleKey(email string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || Hidden(r) {
			return -1
		}
		return r
	}, EmailKey(norm.NFKC.String(EmailKey(email))))
}

// lookalikeChars judges one part of an address (the local part or a
// domain label) whose first character is at position first.
func lookalikeChars(part string, first int) []CharError {
	if asciiOnly(part) {
		return nil
	}
	type char struct {
		r      rune
		pos    int
		script string // "" for Common and Inherited
		looks  string // the ASCII it passes for, "" if none
	}
	var chars []char
	count := map[string]int{}
	var order []string // scripts in the order they first appear
	pos := first
	for _, r := range part {
		c := char{r: r, pos: pos, script: scriptOf(r), looks: passesFor(r)}
		if c.script != "" {
			if count[c.script] == 0 {
				order = append(order, c.script)
			}
			count[c.script]++
		}
		chars = append(chars, c)
		pos++
	}
	main := mainScript(order, count)
	mixed := !oneWritingSystem(order)
	latinOrNone := main == "" || main == "Latin"
	whole := !mixed && !latinOrNone
	for _, c := range chars { // a part of one other script is a look-alike only whole
		if c.script != "" && c.looks == "" {
			whole = false
		}
	}
	var out []CharError
	for _, c := range chars {
		var kind string
		switch {
		case mixed && c.script != "" && c.script != main:
			kind = fmt.Sprintf("a %s letter among %s ones", c.script, main)
			if c.looks != "" {
				kind += fmt.Sprintf(", looks like %q", c.looks)
			}
		case c.looks == "":
		case latinOrNone || c.script == "":
			kind = fmt.Sprintf("looks like %q", c.looks)
		case whole:
			kind = fmt.Sprintf("looks like %q, as every letter of its part does", c.looks)
		}
		if kind != "" {
			out = append(out, CharError{Rune: c.r, Position: c.pos, Kind: kind})
		}
	}
	return out
}

// passesFor returns the ASCII a character passes for, or "": its
// LookalikeKey when that is ASCII and the character is not, and it is a
// compatibility form or stands for one ASCII character.
func passesFor(r rune) string {
	if r < utf8.RuneSelf || Hidden(r) {
		return ""
	}
	s := string(r)
	k := LookalikeKey(s)
	if k == "" || !asciiOnly(k) {
		return ""
	}
	if len(k) == 1 || norm.NFKC.String(s) != norm.NFC.String(s) {
		return k
	}
	return ""
}

// mainScript is the script the others are judged against: Latin, which
// ASCII is, when the part has any; else the one with the most characters
// (the first of them on a tie); "" for a part without letters.
func mainScript(order []string, count map[string]int) string {
	if count["Latin"] > 0 {
		return "Latin"
	}
	main := ""
	for _, s := range order {
		if count[s] > count[main] {
			main = s
		}
	}
	return main
}

// writingSystems are the sets of scripts one language writes together
// (UTS #39's Jpan, Kore and Hanb), each with Latin, which all of them mix
// in: UTS #39's "highly restrictive" level.
var writingSystems = [][]string{
	{"Latin", "Han", "Hiragana", "Katakana"},
	{"Latin", "Han", "Hangul"},
	{"Latin", "Han", "Bopomofo"},
}

// oneWritingSystem reports whether scripts (Common and Inherited left out)
// are one script, or scripts of one writing system.
func oneWritingSystem(scripts []string) bool {
	if len(scripts) <= 1 {
		return true
	}
	for _, ws := range writingSystems {
		if !slices.ContainsFunc(scripts, func(s string) bool { return !slices.Contains(ws, s) }) {
			return true
		}
	}
	return false
}

// scriptOf is the name of r's script as Go's unicode package names it
// ("Latin", "Cyrillic"), "" for the Common and Inherited scripts, which
// belong to every script, and "Unknown" for an unassigned code point.
func scriptOf(r rune) string {
	switch {
	case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		return "Latin"
	case r < utf8.RuneSelf, unicode.Is(unicode.Common, r), unicode.Is(unicode.Inherited, r):
		return ""
	}
	for _, s := range scriptTables() {
		if unicode.Is(s.table, r) {
			return s.name
		}
	}
	return "Unknown"
}

type script struct {
	name  string
	table *unicode.RangeTable
}

// scriptTables lists unicode.Scripts but Common and Inherited, the scripts
// addresses use most first, then by name: a map's order would change which
// comes first from run to run, and a list is faster to walk.
var scriptTables = sync.OnceValue(func() []script {
	first := []string{"Latin", "Cyrillic", "Greek", "Han", "Hiragana", "Katakana", "Hangul", "Arabic", "Hebrew"}
	var out []script
	for name, t := range unicode.Scripts {
		if name != "Common" && name != "Inherited" {
			out = append(out, script{name, t})
		}
	}
	rank := func(s script) int {
		if i := slices.Index(first, s.name); i >= 0 {
			return i
		}
		return len(first)
	}
	slices.SortFunc(out, func(a, b script) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), strings.Compare(a.name, b.name))
	})
	return out
})
