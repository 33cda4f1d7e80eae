// The generator is checked on an excerpt of Unicode 15.0.0's
// confusables.txt in testdata (its header and thirteen of its lines, among
// them a symbol, a right-to-left character between its marks and DŽ, whose
// prototype the table maps again): its output is reproduced byte for byte,
// and files that are not confusables.txt are refused.

package main

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	excerpt = "testdata/excerpt.txt"
	golden  = "testdata/excerpt.gen.go.golden"
)

var update = flag.Bool("update", false, "rewrite "+golden)

func TestTableIsReproduced(t *testing.T) {
	t.Parallel()
	if *update {
		require.NoError(t, run(excerpt, golden))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "confusables.gen.go")
	require.NoError(t, run(excerpt, out))
	got, err := os.ReadFile(out)
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "go test ./internal/rules/confusablesgen -update rewrites the golden file")
}

func TestParse(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(excerpt)
	require.NoError(t, err)
	tab, err := parse(raw)
	require.NoError(t, err)
	assert.Equal(t, "15.0.0", tab.version)
	assert.Equal(t, "2022-08-26, 16:49:08 GMT", tab.date)
	require.Len(t, tab.mappings, 13)
	byRune := map[rune]mapping{}
	for _, m := range tab.mappings {
		byRune[m.from] = m
	}
	assert.Equal(t, "HEBREW PUNCTUATION PASEQ", byRune[0x05C0].name, "the name of a character between right-to-left marks")
	assert.Equal(t, "FULLWIDTH RIGHT SQUARE BRACKET", byRune[0xFF3D].name, "the name of a symbol whose prototype is a parenthesis")
	assert.Equal(t, "D\u005a\u0306", byRune[0x01C4].prototype, "DŽ: Ž decomposed, and its caron mapped to a breve as the table says")
	assert.Equal(t, "rn", byRune['m'].prototype)
	assert.True(t, named(byRune[0x0430]))
	assert.False(t, named(byRune[0x00E6]), "æ passes for two characters")
	assert.False(t, named(byRune[0x1D41A]), "outside the Basic Multilingual Plane")
}

func TestRefusesWhatIsNotConfusablesTxt(t *testing.T) {
	t.Parallel()
	header := "# Version: 15.0.0\n"
	for name, text := range map[string]string{
		"no version":      "0430 ;\t0061 ;\tMA\t# ( а → a ) CYRILLIC SMALL LETTER A → LATIN SMALL LETTER A\n",
		"no mappings":     header,
		"two fields":      header + "0430 ;\t0061\n",
		"another type":    header + "0430 ;\t0061 ;\tML\n",
		"two sources":     header + "0430 0431 ;\t0061 ;\tMA\n",
		"not hex":         header + "04G0 ;\t0061 ;\tMA\n",
		"a surrogate":     header + "0430 ;\tD800 ;\tMA\n",
		"mapped twice":    header + "0430 ;\t0061 ;\tMA\n0430 ;\t0062 ;\tMA\n",
		"a spreadsheet":   "PK\x03\x04\x14\x00",
		"an empty target": header + "0430 ;\t ;\tMA\n",
		"a name left out": header + "0430 ;\t0061 ;\tMA\t# something else\n",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tab, err := parse([]byte(text))
			if err == nil {
				_, err = tab.goSource()
			}
			require.Error(t, err)
			assert.False(t, strings.Contains(err.Error(), "\x00"))
		})
	}
}
