// Rosters come from spreadsheets as often as from programs, and each saves
// text its own way: Excel's "CSV UTF-8" starts with a byte order mark, its
// "Unicode Text" is UTF-16 with tabs, "CSV (Macintosh)" ends lines with a
// carriage return alone, and European locales separate cells with ';'. This
// turns any of them into the UTF-8, LF-ended text encoding/csv reads, while
// the file streams: nothing here holds more than a buffer of it.

package rosterfile

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encodings, as File.Encoding names them.
const (
	EncodingUTF8    = "UTF-8"
	EncodingUTF8BOM = "UTF-8 with byte order mark"
	EncodingUTF16LE = "UTF-16LE"
	EncodingUTF16BE = "UTF-16BE"
)

// decode reads r as UTF-8 text, whatever its byte order mark says it is,
// and names the encoding it found. A file without a UTF-16 mark is sniffed
// first: one that is no CSV text is an error (see sniff).
func decode(r io.Reader) (io.Reader, string, error) {
	br := bufio.NewReaderSize(r, sniffLen)
	head, _ := br.Peek(sniffLen) // what there is; a read error comes again on reading
	switch {
	case bytes.HasPrefix(head, []byte("\xFF\xFE")):
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()), EncodingUTF16LE, nil
	case bytes.HasPrefix(head, []byte("\xFE\xFF")):
		return transform.NewReader(br, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()), EncodingUTF16BE, nil
	}
	rest, bom := bytes.CutPrefix(head, []byte("\xEF\xBB\xBF"))
	if err := sniff(rest); err != nil {
		return nil, "", err
	}
	if bom {
		_, _ = br.Discard(3)
		return br, EncodingUTF8BOM, nil
	}
	return br, EncodingUTF8, nil
}

// lineEnds turns every line end (CRLF, LF or a CR alone) into LF, so that a
// file saved with old-Mac line ends has lines at all, and line numbers count
// alike whichever end a file uses.
type lineEnds struct {
	r      io.Reader
	lastCR bool // the previous chunk ended in CR: a leading LF is its pair
	open   bool // what was passed on so far ends inside a line
}

// endsLine reports whether what was passed on so far ends with a line end
// (or is nothing): a file that does not, and whose last row is short, was
// cut short.
func (l *lineEnds) endsLine() bool { return !l.open }

func (l *lineEnds) Read(p []byte) (int, error) {
	for {
		n, err := l.r.Read(p)
		out := 0
		for _, b := range p[:n] {
			switch {
			case b == '\n' && l.lastCR:
				l.lastCR = false
				continue
			case b == '\r':
				b, l.lastCR = '\n', true
			default:
				l.lastCR = false
			}
			p[out] = b
			out++
		}
		if out > 0 {
			l.open = p[out-1] != '\n'
		}
		// A chunk that was only the LF of a CRLF: read on rather than
		// return 0, nil, which io.Reader discourages.
		if out > 0 || n == 0 || err != nil {
			return out, err
		}
	}
}

// errRowTooLong is returned by the reader feeding encoding/csv once a record
// has run past MaxRowBytes.
var errRowTooLong = fmt.Errorf("a row longer than %d bytes (an unterminated quote?)", MaxRowBytes)

// rowLimit passes bytes to encoding/csv until the record being read has run
// past MaxRowBytes. encoding/csv grows its buffer for as long a line as it
// is given; this bounds it. start is where the current record began, as
// csv.Reader.InputOffset says, and read is how far this reader has fed it;
// the difference also counts the bytes csv has buffered ahead, hence the
// slack.
type rowLimit struct {
	r     io.Reader
	read  int64
	start int64
}

const rowLimitSlack = 64 << 10

func (l *rowLimit) Read(p []byte) (int, error) {
	if l.read-l.start > MaxRowBytes+rowLimitSlack {
		return 0, errRowTooLong
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

// delimiters are the cell separators detectDelimiter chooses among, in the
// order it prefers them on a tie.
var delimiters = []byte{',', ';', '\t'}

// headerPeek is how much of the text detectDelimiter looks at for the
// header line.
const headerPeek = 64 << 10

// sepLine reads the "sep=;" line a spreadsheet may write first to say
// which separator the file uses (Excel reads and writes it): the
// separator, and whether the first line is one (quoted or not, padded with
// separators or not). It reads nothing from br: it peeks.
func sepLine(br *bufio.Reader) (rune, bool, error) {
	text, _ := br.Peek(headerPeek) // what there is; a read error comes again on reading
	line, _, _ := bytes.Cut(text, []byte("\n"))
	body, quoted := strings.CutPrefix(string(line), `"`)
	if len(body) < len("sep=") || !strings.EqualFold(body[:len("sep=")], "sep=") {
		return 0, false, nil
	}
	sep, size := utf8.DecodeRuneInString(body[len("sep="):])
	rest := body[len("sep=")+size:]
	if quoted {
		var ok bool
		if rest, ok = strings.CutPrefix(rest, `"`); !ok {
			return 0, false, nil
		}
	}
	if size == 0 || strings.Trim(rest, string(sep)+" ") != "" {
		return 0, false, nil // a header whose first column's name starts with sep=
	}
	if err := checkDelimiter(sep); err != nil {
		return 0, false, fmt.Errorf("line 1: %s: %w", quote(string(line)), err)
	}
	return sep, true, nil
}

// detectDelimiter chooses the separator the header line uses most, outside
// quotes: ',' for a header with none (one column). It reads nothing from
// br: it peeks. A NUL in the header would read as a header of odd names.
func detectDelimiter(br *bufio.Reader) (rune, error) {
	text, _ := br.Peek(headerPeek) // what there is; a read error comes again on reading
	line := firstLine(text)
	if bytes.IndexByte(line, 0) >= 0 {
		return 0, &kindError{msg: `line 1: the header holds a NUL byte, which no text does: save the file as UTF-8 ("CSV UTF-8")`, kind: ErrNotCSV}
	}
	counts := map[byte]int{}
	quoted := false
	for _, b := range line {
		if b == '"' {
			quoted = !quoted
		}
		if !quoted {
			counts[b]++
		}
	}
	best := delimiters[0]
	for _, d := range delimiters[1:] {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return rune(best), nil
}

// firstLine is the first line of text holding anything but separators and
// blanks (the header encoding/csv will read), without its line end. A line
// end inside quotes does not end it.
func firstLine(text []byte) []byte {
	for len(text) > 0 {
		end, quoted := len(text), false
		for i, b := range text {
			if b == '"' {
				quoted = !quoted
			}
			if b == '\n' && !quoted {
				end = i
				break
			}
		}
		line := text[:end]
		if len(bytes.Trim(line, " \t,;")) > 0 {
			return line
		}
		if end == len(text) {
			break
		}
		text = text[end+1:]
	}
	return nil
}
