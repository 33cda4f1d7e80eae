package rules

import (
	"fmt"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/runenames"
)

// The table is Unicode's for the version Go's unicode package and
// golang.org/x/text implement: a skeleton taken with another version's
// normalization or scripts would miss characters one of them does not know.
// A toolchain or x/text on a new Unicode version fails here until the
// table is generated again from that version's confusables.txt.
func TestConfusablesVersionIsPinned(t *testing.T) {
	t.Parallel()
	if confusablesVersion != "15.0.0" {
		t.Errorf("confusables.txt version %s, want 15.0.0 (and this test updated with it)", confusablesVersion)
	}
	// The file of Unicode's site and of ICU 72's sources (Debian's icu 72.1).
	if confusablesSHA256 != "2b10130885c3370b101c52d7baedc452ab7f0e257b86c1e52ee657ecfc29ce64" {
		t.Errorf("the table comes from another confusables.txt (SHA-256 %s) than 15.0.0's", confusablesSHA256)
	}
	if versions := []string{unicode.Version, norm.Version}; versions[0] != confusablesVersion || versions[1] != confusablesVersion {
		t.Errorf("confusables.txt %s, unicode %s, x/text norm %s: make confusables with the Unicode version of both",
			confusablesVersion, unicode.Version, norm.Version)
	}
}

// The generated table is whole and well formed: every line of Unicode
// 15.0.0's confusables.txt, sorted for the binary search, each prototype
// where its end says.
func TestConfusablesTableIsWhole(t *testing.T) {
	t.Parallel()
	runes, ends := confusableRunes[:], prototypeEnds[:]
	if len(runes) != 6311 || len(ends) != len(runes) {
		t.Fatalf("%d characters, %d ends; confusables.txt 15.0.0 maps 6311", len(runes), len(ends))
	}
	for i := 1; i < len(confusableRunes); i++ {
		if confusableRunes[i] <= confusableRunes[i-1] || prototypeEnds[i] <= prototypeEnds[i-1] {
			t.Fatalf("entry %d (U+%04X) out of order", i, confusableRunes[i])
		}
	}
	if int(prototypeEnds[len(prototypeEnds)-1]) != len(prototypes) || !utf8.ValidString(prototypes) {
		t.Fatal("the prototypes do not end where the last end says, or are not UTF-8")
	}
	for r, want := range map[rune]string{
		0x0430: "a", 0x03BF: "o", 0xFF41: "a", 'm': "rn", '0': "O", '1': "l", 0x00E6: "ae", 0x1D41A: "a",
		0x0142: "l\u0338", // ł: l with a long solidus overlay
	} {
		if got, ok := prototype(r); !ok || got != want {
			t.Errorf("prototype(U+%04X) = %q, %t; want %q", r, got, ok, want)
		}
	}
	if _, ok := prototype('a'); ok {
		t.Error("a is its own prototype and has no line")
	}
}

// A skeleton is a fixed point: the prototypes are made of characters the
// table does not map again, in NFD.
func TestSkeletonOfEveryMappedCharacterIsStable(t *testing.T) {
	t.Parallel()
	for _, r := range confusableRunes {
		s := Skeleton(string(r))
		if again := Skeleton(s); again != s {
			t.Errorf("U+%04X: skeleton %q, then %q", r, s, again)
		}
	}
}

func TestSkeleton(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"reader":             "reader",
		"re\u0430der":        "reader",          // Cyrillic а
		"r\u03bfot":          "root",            // Greek ο
		"\u0430cme-corp.com": "acrne-corp.corn", // m looks like rn
		"jos\u00e9":          "jose\u0301",      // NFD
		"":                   "",
	} {
		if got := Skeleton(in); got != want {
			t.Errorf("Skeleton(%q) = %q, want %q", in, got, want)
		}
	}
}

// The names the rules keep are Unicode's, letter for letter.
func TestConfusableNamesAreUnicodes(t *testing.T) {
	t.Parallel()
	if len(confusableNames) < 500 {
		t.Errorf("only %d names kept", len(confusableNames))
	}
	check := func(r rune) {
		name, ok := confusableName(r)
		if !ok {
			t.Errorf("U+%04X has no name", r)
		}
		want := runenames.Name(r)
		if want == "<CJK Ideograph>" { // runenames leaves out the names Unicode derives from the code point
			want = fmt.Sprintf("CJK UNIFIED IDEOGRAPH-%04X", r)
		}
		if name != want {
			t.Errorf("U+%04X: %q, Unicode %q", r, name, want)
		}
	}
	for _, n := range confusableNames {
		check(n.r)
	}
	for r := rune(0xFF10); r <= 0xFF5A; r++ {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			check(r)
		}
	}
	if got := CodePoint(0x0430); got != "U+0430 CYRILLIC SMALL LETTER A" {
		t.Errorf("CodePoint(U+0430) = %q", got)
	}
	if got := CodePoint(0x1D41A); got != "U+1D41A" {
		t.Errorf("CodePoint(U+1D41A) = %q, want the bare code point", got)
	}
}

func BenchmarkSkeleton(b *testing.B) {
	for b.Loop() {
		_ = Skeleton("grace.hopper@example.com")
	}
}
