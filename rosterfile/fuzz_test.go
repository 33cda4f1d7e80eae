package rosterfile

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/goinvites/invites/client"
)

// FuzzRead: no input makes Read panic or hang, and what it returns holds
// together: lines that grow, valid rows the client would send, and valid
// entries that WriteCSV writes back to the same entries.
func FuzzRead(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	for _, name := range seeds {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b, byte(0))
		}
	}
	for _, s := range []string{
		"email,role,projects\nada@example.com,reader,\n",
		"email;role\r\nada@example.com;owner\r\n;\r\n",
		"email\rada@example.com\r\rb@example.com\r",
		"\xff\xfee\x00m\x00a\x00i\x00l\x00\n\x00",
		"\xef\xbb\xbfEmail Address [Required],Status [READ ONLY]\nada@example.com,Active\nbob@example.com,Suspended\n",
		"userPrincipalName,mail,accountEnabled\nx#EXT#@t.onmicrosoft.com,,True\n",
		"email,role,projects\n\"a@b.co\",\"reader\",\"p:member,q:owner\"\n",
		"email,role\n\"unterminated,reader\n",
	} {
		f.Add([]byte(s), byte(0))
	}
	f.Add([]byte("email|role\na@b.co|reader\n"), byte('|'))
	f.Fuzz(func(t *testing.T, in []byte, delim byte) {
		var opts []ReadOption
		if delim != 0 {
			opts = append(opts, WithDelimiter(rune(delim)))
		}
		file, err := Read(bytes.NewReader(in), opts...)
		if err != nil {
			_ = err.Error()
			if file == nil {
				return
			}
		}
		_ = file.Notices()
		last := 1
		for _, r := range file.Rows {
			if r.Line <= last {
				t.Fatalf("row on line %d after line %d", r.Line, last)
			}
			last = r.Line
			if r.Valid() && client.ValidateEmail(r.Email) != nil {
				t.Fatalf("line %d: valid with email %q", r.Line, r.Email)
			}
		}
		for _, s := range file.Skipped {
			if s.Line < 2 {
				t.Fatalf("skipped line %d", s.Line)
			}
		}
		entries := file.Entries()
		if len(entries) == 0 {
			return
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, entries); err != nil {
			t.Fatal(err)
		}
		back, err := Read(&buf)
		if err != nil {
			t.Fatalf("written back: %v\n%s", err, buf.Bytes())
		}
		got := back.Entries()
		if len(got) != len(entries) || len(back.Rows) != len(entries) {
			t.Fatalf("wrote %d entries, read back %d of %d rows", len(entries), len(got), len(back.Rows))
		}
		for i := range got {
			if got[i].Email != entries[i].Email || !sameEntry(got[i], entries[i]) {
				t.Fatalf("entry %d: wrote %+v, read back %+v", i, entries[i], got[i])
			}
		}
	})
}
