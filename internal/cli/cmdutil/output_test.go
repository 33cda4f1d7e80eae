package cmdutil

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPrinterDeletions(t *testing.T) {
	t.Parallel()
	results := []DeleteOut{{ID: "inv_1", Deleted: true}, {ID: "inv_2", Error: "404 not found"}}
	var buf bytes.Buffer
	require.NoError(t, Printer{&buf, "csv"}.Deletions(results, "deleted"))
	assert.Equal(t, "id,email,deleted,error\ninv_1,,true,\ninv_2,,false,404 not found\n", buf.String())
	buf.Reset()
	require.NoError(t, Printer{&buf, "json"}.Deletions(results, "deleted"))
	assert.JSONEq(t, `[{"id":"inv_1","deleted":true},{"id":"inv_2","deleted":false,"error":"404 not found"}]`, buf.String())
	buf.Reset()
	require.NoError(t, Printer{&buf, "table"}.Deletions(results, "deleted"))
	assert.Equal(t, "deleted  inv_1\nFAILED   inv_2  404 not found\n", buf.String())
}
