package roster

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A plan's key is the one email key of the address without the spaces
// around it.
func TestTrimmedKey(t *testing.T) {
	t.Parallel()
	assert.Equal(t, trimmedKey(" Jose\u0301@Example.com "), trimmedKey("jos\u00e9@example.com"))
	assert.Equal(t, trimmedKey("grace@example.com\u00a0"), trimmedKey("grace@example.com"), "a no-break space is a space")
	assert.NotEqual(t, trimmedKey("gr ace@example.com"), trimmedKey("grace@example.com"), "only the spaces around it")
}
