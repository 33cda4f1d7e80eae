// Not every file named .csv is CSV text: a workbook saved as .xlsx or .xls,
// a report printed to PDF, an HTML table some systems save as .xls, or text
// in UTF-16 without the byte order mark that says so. Each is named for what
// it is, with what to do, rather than read as a header of odd names.

package rosterfile

import (
	"bytes"
	"errors"
)

// ErrNotCSV is matched by Read's error for a file that is not CSV text it
// can read: a workbook, a PDF, an HTML page, any other binary file, or
// UTF-16 without a byte order mark.
var ErrNotCSV = errors.New("rosterfile: not a CSV file")

// sniffLen is how much of a file sniff looks at: enough to find a
// workbook's xl/ parts after the zip's first entries.
const sniffLen = 64 << 10

// sniff returns an error matching ErrNotCSV when head, the start of a file
// with no byte order mark, is not text Read can read.
func sniff(head []byte) error {
	if what := notText(head); what != "" {
		return &kindError{msg: "the file is " + what, kind: ErrNotCSV}
	}
	return nil
}

// notText names what head is the start of, "" for text.
func notText(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		switch {
		case bytes.Contains(head, []byte("xl/")):
			return `an Excel workbook (.xlsx), not CSV: save it as CSV ("CSV UTF-8")`
		case bytes.Contains(head, []byte("application/vnd.oasis.opendocument.spreadsheet")):
			return "an OpenDocument spreadsheet (.ods), not CSV: save it as CSV"
		}
		return "a ZIP archive (such as a Word or Excel document), not CSV"
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")):
		return `an Excel 97-2003 workbook (.xls) or another Office document, not CSV: save it as CSV ("CSV UTF-8")`
	case bytes.HasPrefix(head, []byte("%PDF-")):
		return "a PDF, not CSV: export the list as CSV from the system it came from"
	}
	start := bytes.ToLower(bytes.TrimLeft(head[:min(len(head), 256)], " \t\r\n"))
	for _, tag := range []string{"<!doctype html", "<html", "<table"} {
		if bytes.HasPrefix(start, []byte(tag)) {
			return "an HTML page (as some systems save a .xls), not CSV: open it in a spreadsheet and save it as CSV"
		}
	}
	if bytes.HasPrefix(start, []byte("<?xml")) && bytes.Contains(head, []byte("urn:schemas-microsoft-com:office:spreadsheet")) {
		return "an Excel XML spreadsheet, not CSV: save it as CSV"
	}
	if order := utf16Order(head); order != "" {
		return order + " text without the byte order mark that says so: save it as UTF-8 (\"CSV UTF-8\")"
	}
	if binary(head) {
		return "a binary file, not CSV text"
	}
	return ""
}

// utf16Order recognises text saved as UTF-16 with no byte order mark by
// its NULs, the high bytes of ASCII characters: "UTF-16LE" when they fill
// the odd bytes, "UTF-16BE" the even ones, "" otherwise.
func utf16Order(head []byte) string {
	head = head[:min(len(head), 512)&^1]
	pairs := len(head) / 2
	var even, odd int
	for i, b := range head {
		if b == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	switch {
	case pairs == 0:
		return ""
	case odd*2 > pairs && even*4 < odd:
		return "UTF-16LE"
	case even*2 > pairs && odd*4 < even:
		return "UTF-16BE"
	}
	return ""
}

// binary reports whether head holds more than a trace of the control bytes
// no text holds (NUL and the like; tabs, line and page breaks, and the
// DOS end-of-file mark are text): more than one byte in a hundred.
func binary(head []byte) bool {
	n := 0
	for _, b := range head {
		if b < 0x20 && !bytes.ContainsRune([]byte("\t\n\v\f\r\x1a\x1b"), rune(b)) {
			n++
		}
	}
	return n > 0 && n*100 > len(head)
}
