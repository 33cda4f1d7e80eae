package rosterfile

import (
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every line end becomes one LF, even when a CRLF is split between reads.
func TestLineEnds(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"a\r\nb\rc\nd\r":   "a\nb\nc\nd\n",
		"\r\n\r\n":         "\n\n",
		"\r\r\n\n":         "\n\n\n",
		"\"x\r\ny\"\rz":    "\"x\ny\"\nz",
		"no line end here": "no line end here",
	} {
		for name, r := range map[string]io.Reader{
			"whole":       strings.NewReader(in),
			"byte a time": iotest.OneByteReader(strings.NewReader(in)),
		} {
			got, err := io.ReadAll(&lineEnds{r: r})
			require.NoError(t, err)
			assert.Equal(t, want, string(got), "%q, %s", in, name)
		}
	}
	require.NoError(t, iotest.TestReader(&lineEnds{r: strings.NewReader("a\r\nb\rc")}, []byte("a\nb\nc")))
}

func TestDecode(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want, encoding string }{
		{"\xef\xbb\xbfemail", "email", EncodingUTF8BOM},
		{"email", "email", EncodingUTF8},
		{"\xff\xfee\x00\xe9\x00", "eé", EncodingUTF16LE},
		{"\xfe\xff\x00e\x00\xe9", "eé", EncodingUTF16BE},
		{"\xff\xfee", "\ufffd", EncodingUTF16LE}, // an odd byte: replaced, and the email rule names U+FFFD
		{"", "", EncodingUTF8},
	} {
		r, enc, err := decode(strings.NewReader(tc.in))
		require.NoError(t, err)
		got, err := io.ReadAll(r)
		require.NoError(t, err)
		assert.Equal(t, tc.want, string(got), "%q", tc.in)
		assert.Equal(t, tc.encoding, enc, "%q", tc.in)
	}
}
