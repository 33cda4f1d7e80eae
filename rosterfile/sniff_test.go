package rosterfile_test

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"strings"
	"testing"

	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/unicode"
)

// zipOf is a zip archive of the named files, as an office suite writes
// one: stored or deflated entries, in order.
func zipOf(t *testing.T, files ...[2]string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := zip.NewWriter(&b)
	for _, f := range files {
		method := zip.Deflate
		if f[0] == "mimetype" { // OpenDocument stores it first, uncompressed
			method = zip.Store
		}
		fw, err := w.CreateHeader(&zip.FileHeader{Name: f[0], Method: method})
		require.NoError(t, err)
		_, err = fw.Write([]byte(f[1]))
		require.NoError(t, err)
	}
	require.NoError(t, w.Close())
	return b.Bytes()
}

func utf16Of(t *testing.T, order unicode.Endianness, s string) []byte {
	t.Helper()
	b, err := unicode.UTF16(order, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
	require.NoError(t, err)
	return b
}

// A file that is no CSV text is named as what it is, with what to do, and
// nothing of it is read as rows.
func TestAFileThatIsNotCSVIsNamed(t *testing.T) {
	t.Parallel()
	sheet := `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>email</t></is></c></row></sheetData></worksheet>`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte("email,role\nada@example.com,reader\n"))
	require.NoError(t, zw.Close())
	roster := "email,role\r\nada@example.com,reader\r\ngrace@example.com,owner\r\n"
	for _, tc := range []struct {
		name string
		in   []byte
		want string
	}{
		{"xlsx", zipOf(t,
			[2]string{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
			[2]string{"_rels/.rels", `<Relationships/>`},
			[2]string{"xl/workbook.xml", `<workbook/>`},
			[2]string{"xl/worksheets/sheet1.xml", sheet}),
			`the file is an Excel workbook (.xlsx), not CSV: save it as CSV ("CSV UTF-8")`},
		{"ods", zipOf(t, [2]string{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, [2]string{"content.xml", "<office:document-content/>"}),
			"the file is an OpenDocument spreadsheet (.ods), not CSV: save it as CSV"},
		{"docx", zipOf(t, [2]string{"[Content_Types].xml", "<Types/>"}, [2]string{"word/document.xml", "<w:document/>"}),
			"the file is a ZIP archive (such as a Word or Excel document), not CSV"},
		{"xls", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), append(make([]byte, 16), bytes.Repeat([]byte{0xFF}, 488)...)...),
			`the file is an Excel 97-2003 workbook (.xls) or another Office document, not CSV: save it as CSV ("CSV UTF-8")`},
		{"pdf", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"),
			"the file is a PDF, not CSV: export the list as CSV from the system it came from"},
		{"html saved as xls", []byte("\uFEFF<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">\r\n<head><meta charset=\"utf-8\"></head>\r\n<body><table><tr><td>email</td></tr><tr><td>ada@example.com</td></tr></table></body></html>\r\n"),
			"the file is an HTML page (as some systems save a .xls), not CSV: open it in a spreadsheet and save it as CSV"},
		{"excel xml", []byte("<?xml version=\"1.0\"?>\r\n<?mso-application progid=\"Excel.Sheet\"?>\r\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">\r\n"),
			"the file is an Excel XML spreadsheet, not CSV: save it as CSV"},
		{"utf-16le without a mark", utf16Of(t, unicode.LittleEndian, roster),
			`the file is UTF-16LE text without the byte order mark that says so: save it as UTF-8 ("CSV UTF-8")`},
		{"utf-16be without a mark", utf16Of(t, unicode.BigEndian, roster),
			`the file is UTF-16BE text without the byte order mark that says so: save it as UTF-8 ("CSV UTF-8")`},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"),
			"the file is a binary file, not CSV text"},
		{"gzip", gz.Bytes(), "the file is a binary file, not CSV text"},
	} {
		f, err := rosterfile.Read(bytes.NewReader(tc.in))
		require.ErrorIs(t, err, rosterfile.ErrNotCSV, tc.name)
		assert.Nil(t, f, tc.name)
		assert.EqualError(t, err, tc.want, tc.name)
	}
}

// Text with a stray control character is still text: the character is its
// row's problem, named, not the file's.
func TestAStrayControlByteIsNoBinaryFile(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	b.WriteString("email,role\r\n")
	for i := range 50 {
		b.WriteString("user" + strings.Repeat("x", i%7) + "@example.com,reader\r\n")
	}
	b.WriteString("ada\x01@example.com,reader\r\n")
	f, err := rosterfile.Read(strings.NewReader(b.String()))
	require.NoError(t, err)
	last := f.Rows[len(f.Rows)-1]
	assert.Equal(t, 52, last.Line)
	assert.Contains(t, last.Problem(), "U+0001")

	_, err = rosterfile.Read(strings.NewReader("email\x00,role\nada@example.com,reader\nbob@example.com,reader\ncy@example.com,reader\n" + strings.Repeat("x", 200)))
	require.ErrorIs(t, err, rosterfile.ErrNotCSV)
	assert.EqualError(t, err, `line 1: the header holds a NUL byte, which no text does: save the file as UTF-8 ("CSV UTF-8")`)
}
