// Command confusablesgen writes internal/rules/confusables.gen.go, the
// look-alike table the email rules compare addresses by, from Unicode's
// confusables.txt (Unicode Security Mechanisms, UTS #39). It is what `make
// confusables` runs:
//
//	go run ./internal/rules/confusablesgen -o internal/rules/confusables.gen.go confusables.txt
//
// The file comes with each Unicode version, at
// https://www.unicode.org/Public/security/VERSION/confusables.txt, and in
// ICU's sources (icu/source/data/unidata/confusables.txt, Debian's source
// package icu). Its version must be the Unicode version of Go's unicode
// package and of golang.org/x/text, which the rules normalize and classify
// with; internal/rules' tests hold the three together.
//
// The output keeps every mapping of the file (its whole table, so that two
// addresses in scripts other than Latin compare as Unicode says too), and
// the names of the characters that pass for ASCII, which error messages
// print; the rest of the file (its comments, the other names) is left out.
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/goinvites/invites/internal/atomicfile"
)

func main() {
	out := flag.String("o", "", "the Go file to write (default: standard output)")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: confusablesgen [-o FILE] confusables.txt")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *out); err != nil {
		fmt.Fprintln(os.Stderr, "confusablesgen:", err)
		os.Exit(1)
	}
}

func run(in, out string) error {
	raw, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	t, err := parse(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	src, err := t.goSource()
	if err != nil {
		return err
	}
	if out == "" {
		_, err = os.Stdout.Write(src)
		return err
	}
	return atomicfile.Write(out, 0o644, func(w io.Writer) error {
		_, err := w.Write(src)
		return err
	})
}

// mapping is one line of the file: a character and its prototype, the
// string of characters it is confusable with.
type mapping struct {
	from      rune
	prototype string
	name      string // the character's Unicode name, as the line's comment gives it
}

// table is what the file holds that the rules need.
type table struct {
	version, date, sha256 string
	notice                []string  // the header's copyright and terms of use, which go with the data
	mappings              []mapping // by from, ascending
}

// parse reads confusables.txt: a header of comments naming its version and
// date, then lines "SOURCE ;\tTARGET... ;\tMA\t# ( s → t ) NAME → NAMES".
func parse(raw []byte) (*table, error) {
	sum := sha256.Sum256(raw)
	t := &table{sha256: hex.EncodeToString(sum[:])}
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\uFEFF"))))
	seen := map[rune]bool{}
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, "# Version: "); ok && t.version == "" {
			t.version = strings.TrimSpace(v)
		}
		if d, ok := strings.CutPrefix(line, "# Date: "); ok && t.date == "" {
			t.date = strings.TrimSpace(d)
		}
		if isNotice(line) {
			t.notice = append(t.notice, strings.TrimPrefix(line, "# "))
		}
		data, comment, _ := strings.Cut(line, "#")
		if strings.TrimSpace(data) == "" {
			continue
		}
		m, err := parseMapping(data, comment)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if seen[m.from] {
			return nil, fmt.Errorf("line %d: U+%04X is mapped twice", n, m.from)
		}
		seen[m.from] = true
		t.mappings = append(t.mappings, m)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	switch {
	case t.version == "":
		return nil, errors.New(`no "# Version:" line: is this confusables.txt?`)
	case len(t.mappings) == 0:
		return nil, errors.New("no mappings: is this confusables.txt?")
	}
	slices.SortFunc(t.mappings, func(a, b mapping) int { return int(a.from - b.from) })
	return t, t.close()
}

// close writes each prototype as its own skeleton. A few prototypes hold a
// precomposed letter whose decomposition has a mark the table maps again
// (15.0.0's DŽ, U+01C4, is "DŽ", whose caron maps to a breve): taken as
// written, the skeleton of a skeleton would differ from it, and two
// strings that look alike could get two skeletons. Closed, every skeleton
// is a fixed point, and the file's other prototypes are kept as they are.
func (t *table) close() error {
	byRune := make(map[rune]string, len(t.mappings))
	for _, m := range t.mappings {
		byRune[m.from] = m.prototype
	}
	skeleton := func(s string) string {
		var b strings.Builder
		for _, r := range norm.NFD.String(s) {
			if p, ok := byRune[r]; ok {
				b.WriteString(p)
			} else {
				b.WriteRune(r)
			}
		}
		return norm.NFD.String(b.String())
	}
	for i, m := range t.mappings {
		p := skeleton(m.prototype)
		for n := 0; ; n++ {
			next := skeleton(p)
			if next == p {
				break
			}
			if n == 10 {
				return fmt.Errorf("the prototype of U+%04X does not settle: %q", m.from, next)
			}
			p = next
		}
		t.mappings[i].prototype = p
	}
	return nil
}

// isNotice reports whether a header line is part of Unicode's notice.
func isNotice(line string) bool {
	return strings.HasPrefix(line, "# ") &&
		(strings.Contains(line, "©") || strings.Contains(line, "trademark") || strings.Contains(line, "terms of use"))
}

func parseMapping(data, comment string) (mapping, error) {
	fields := strings.Split(data, ";")
	if len(fields) != 3 {
		return mapping{}, fmt.Errorf("%d fields, want 3 (source; target; type)", len(fields))
	}
	if typ := strings.TrimSpace(fields[2]); typ != "MA" {
		return mapping{}, fmt.Errorf("type %q: only MA (the one table since Unicode 9) is known", typ)
	}
	from, err := codePoints(fields[0])
	if err != nil || len(from) != 1 {
		return mapping{}, fmt.Errorf("source %q is not one code point", strings.TrimSpace(fields[0]))
	}
	to, err := codePoints(fields[1])
	if err != nil || len(to) == 0 {
		return mapping{}, fmt.Errorf("target %q: %w", strings.TrimSpace(fields[1]), err)
	}
	return mapping{from: from[0], prototype: string(to), name: sourceName(comment, string(to))}, nil
}

// codePoints reads hex code points separated by spaces.
func codePoints(s string) ([]rune, error) {
	var out []rune
	for f := range strings.FieldsSeq(s) {
		v, err := strconv.ParseUint(f, 16, 32)
		if err != nil || v > utf8.MaxRune || !utf8.ValidRune(rune(v)) {
			return nil, fmt.Errorf("%q is not a code point", f)
		}
		out = append(out, rune(v))
	}
	return out, nil
}

// sourceName takes the name of a line's character from its comment, such
// as "( ａ → a ) FULLWIDTH LATIN SMALL LETTER A → LATIN SMALL LETTER A"
// (the characters of a right-to-left script come between marks that keep
// them in place); "" if the comment is not of that form.
func sourceName(comment, prototype string) string {
	_, rest, ok := strings.Cut(comment, " → "+prototype+" ) ")
	if !ok {
		return ""
	}
	name, _, _ := strings.Cut(rest, " →")
	return strings.TrimSpace(name)
}

// named reports whether the output keeps m's name: a character of the
// Basic Multilingual Plane whose prototype is one ASCII character, the
// kind an address swaps in for an ASCII letter and an error message names.
// The others (about 5,900, mostly mathematical letters and symbols) would
// weigh more than the rest of the table and are shown as U+XXXX alone.
func named(m mapping) bool {
	r, size := utf8.DecodeRuneInString(m.prototype)
	return m.from <= 0xFFFF && size == len(m.prototype) && r < utf8.RuneSelf
}

// goSource renders the table as Go: sorted runes, and their prototypes as
// one string with end offsets, so that the data is laid out by the linker,
// with nothing to build when a program starts.
func (t *table) goSource() ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, `// Code generated by confusablesgen from Unicode's confusables.txt; DO NOT EDIT.
//
// The table of Unicode Security Mechanisms for UTS #39, confusables.txt
// version %s (%s), with the file's notice:
//
`, t.version, t.date)
	for _, l := range t.notice {
		b.WriteString("//\t" + l + "\n")
	}
	fmt.Fprintf(&b, `//
// make confusables CONFUSABLES=path/to/confusables.txt writes it again.

package rules

// The table's version, and the SHA-256 of the file it was written from.
const (
	confusablesVersion = %q
	confusablesSHA256  = %q
)

`, t.version, t.sha256)
	b.WriteString("// confusableRunes holds the characters confusables.txt maps, ascending.\nvar confusableRunes = [...]rune{")
	var protos strings.Builder
	ends := make([]int, len(t.mappings))
	for i, m := range t.mappings {
		if i%8 == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "0x%04X, ", m.from)
		protos.WriteString(m.prototype)
		ends[i] = protos.Len()
	}
	if protos.Len() > 1<<16-1 {
		return nil, fmt.Errorf("the prototypes take %d bytes, more than a uint16 offset reaches", protos.Len())
	}
	b.WriteString("\n}\n\n// prototypeEnds[i] is where the prototype of confusableRunes[i] ends in\n// prototypes; it starts where the one before ends.\nvar prototypeEnds = [...]uint16{")
	for i, e := range ends {
		if i%12 == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%d, ", e)
	}
	b.WriteString("\n}\n\n// prototypes are the prototypes of confusableRunes, one after the other.\nconst prototypes = \"\"")
	all, start := protos.String(), 0
	for i := 15; i < len(ends)+15; i += 16 {
		end := ends[min(i, len(ends)-1)]
		b.WriteString(" +\n" + strconv.QuoteToASCII(all[start:end]))
		start = end
	}
	b.WriteString("\n\n// confusableNames names the characters of the Basic Multilingual Plane\n// whose prototype is one ASCII character, ascending.\nvar confusableNames = [...]namedRune{\n")
	for _, m := range t.mappings {
		if named(m) && m.name == "" {
			return nil, fmt.Errorf("U+%04X: no name in its line's comment", m.from)
		}
		if named(m) {
			fmt.Fprintf(&b, "{0x%04X, %q},\n", m.from, m.name)
		}
	}
	b.WriteString("}\n")
	return format.Source(b.Bytes())
}
