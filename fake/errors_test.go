package fake

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestErrorsCapWhatTheyEcho(t *testing.T) {
	t.Parallel()
	tt, _ := newTester(t)
	huge := strings.Repeat("x", 1<<20) // a 1 MB ID
	// The longest local part the email rule allows, and long labels: a valid
	// address well past what an error may echo.
	long := strings.Repeat("a", 64) + "@" + strings.Repeat("b", 60) + "." + strings.Repeat("c", 60) + ".com"
	tt.create(long)
	for name, c := range map[string]struct{ method, path, body string }{
		"get":              {http.MethodGet, invitesPath + "/" + huge, ""},
		"delete":           {http.MethodDelete, invitesPath + "/" + huge, ""},
		"list after":       {http.MethodGet, invitesPath + "?after=" + huge, ""},
		"unrouted":         {http.MethodGet, "/organization/" + huge, ""},
		"unknown field":    {http.MethodPost, invitesPath, `{"email":"a@example.com","role":"reader","` + huge[:1<<19] + `":1}`},
		"not in the enum":  {http.MethodPost, invitesPath, `{"email":"a@example.com","role":"` + huge[:1<<19] + `"}`},
		"duplicate":        {http.MethodPost, invitesPath, `{"email":"` + long + `","role":"reader"}`},
		"method, not path": {http.MethodPut, invitesPath + "/" + url.PathEscape(huge[:1<<19]), ""},
	} {
		t.Run(name, func(t *testing.T) {
			r := tt.do(c.method, c.path, c.body)
			require.GreaterOrEqual(t, r.status, 400, "%.200s", r.body)
			e := r.apiError(t)
			assert.Less(t, len(r.body), 1024, "the answer stays small: %.300s", r.body)
			assert.Contains(t, e.Message, "…", "the cut is marked")
			if e.Param != nil {
				assert.LessOrEqual(t, len(*e.Param), maxEcho+len("…"))
			}
		})
	}
}

func TestCapRunes(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "short", capRunes("short", 5))
	assert.Equal(t, "sho…", capRunes("short", 3))
	assert.Equal(t, "ééé…", capRunes("éééé", 3), "cut between runes, never inside one")
}
