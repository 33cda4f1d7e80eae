package client

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goinvites/invites/gen"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestListParamsReachGen(t *testing.T) {
	t.Parallel()
	assert.Equal(t, &gen.ListInvitesParams{}, listParams(ListParams{}), "zero fields are left out")
	limit, after := 7, "invite-9"
	assert.Equal(t, &gen.ListInvitesParams{Limit: &limit, After: &after}, listParams(ListParams{Limit: 7, After: "invite-9"}))
}

// TestEveryListParamReachesGen sets each field of a list's params alone
// and looks for it in gen's params, so that a field added without its line
// in params.go cannot go unnoticed. Fields are found through their JSON
// form, which needs no list of them here.
func TestEveryListParamReachesGen(t *testing.T) {
	t.Parallel()
	t.Run("invites", func(t *testing.T) { t.Parallel(); eachParamReachesGen(t, listParams) })
	t.Run("projects", func(t *testing.T) { t.Parallel(); eachParamReachesGen(t, projectListParams) })
	t.Run("project members", func(t *testing.T) { t.Parallel(); eachParamReachesGen(t, projectMemberListParams) })
}

// eachParamReachesGen sets each field of P alone and checks that toGen
// hands it, and only it, to gen.
func eachParamReachesGen[P, G any](t *testing.T, toGen func(P) G) {
	var zeroParams P
	var fields map[string]any
	require.NoError(t, json.Unmarshal(mustJSON(t, zeroParams), &fields))
	require.NotEmpty(t, fields)
	for name, zero := range fields {
		var value any
		switch zero.(type) {
		case float64:
			value = 7
		case string:
			value = "x"
		case bool:
			value = true
		default:
			t.Fatalf("%T.%s: a %T, which this test cannot set", zeroParams, name, zero)
		}
		var p P
		require.NoError(t, json.Unmarshal(mustJSON(t, map[string]any{name: value}), &p), name)
		var sent map[string]any
		require.NoError(t, json.Unmarshal(mustJSON(t, toGen(p)), &sent), name)
		wire := make([]string, 0, len(sent))
		for param := range sent {
			wire = append(wire, strings.ReplaceAll(param, "_", ""))
		}
		assert.Equal(t, []string{strings.ToLower(name)}, wire, "%T.%s set alone: gen's params hold %v", p, name, sent)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

// TestASpecParameterReachesTheWire is the promise of the design: in a copy
// of the module, an optional query parameter added to the spec and
// regenerated reaches the wire through List, with no edit in client/ but
// two lines: its field in ListParams and its line in listParams. The test
// counts them, so that the promise cannot quietly grow.
func TestASpecParameterReachesTheWire(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerates gen and builds the client in a copy of the module")
	}
	t.Parallel()
	root, dir := "..", t.TempDir()
	for _, pattern := range []string{"go.mod", "go.sum", "oapi-codegen.yaml", "api/*.yaml", "api/*.go", "api/bundle/*.go", "gen/*.go", "internal/*/*.go", "client/*.go"} {
		files, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: %v", pattern, err)
		}
		for _, f := range files {
			if !strings.HasSuffix(f, "_test.go") {
				copyFile(t, f, filepath.Join(dir, strings.TrimPrefix(f, root+string(filepath.Separator))))
			}
		}
	}
	after := "        - name: after\n"
	edit(t, filepath.Join(dir, "api/invites.yaml"), after,
		"        - name: order\n          in: query\n          required: false\n          schema:\n            type: string\n            enum: [asc, desc]\n"+after)
	// On a fresh machine nothing has fetched the generator yet: the copy
	// gets it, and only what go.mod and go.sum pin, before going offline.
	goCmdOnline(t, dir, "list", "-deps", "tool", "./gen", "./client")
	goCmd(t, dir, "generate", "./gen")
	gen, err := os.ReadFile(filepath.Join(dir, "gen/openapi.gen.go"))
	if err != nil || !strings.Contains(string(gen), "Order *ListInvitesParamsOrder") {
		t.Fatalf("regenerating did not add the parameter to gen (%v)", err)
	}
	params := "type ListParams struct {\n"
	edit(t, filepath.Join(dir, "client/invites.go"), params, params+"\tOrder string\n")
	toGen := "return &gen.ListInvitesParams{\n\t\tLimit: optional(p.Limit),\n\t\tAfter: optional(p.After),\n"
	edit(t, filepath.Join(dir, "client/params.go"), toGen, toGen+"\t\tOrder: optional(gen.ListInvitesParamsOrder(p.Order)),\n")
	added, removed := changedLines(t, filepath.Join(root, "client"), filepath.Join(dir, "client"))
	if added != 2 || removed != 0 {
		t.Fatalf("the parameter took %d added and %d removed lines in client/, want 2 and 0", added, removed)
	}
	if err := os.WriteFile(filepath.Join(dir, "client/order_test.go"), []byte(orderTest), 0o600); err != nil {
		t.Fatal(err)
	}
	goCmd(t, dir, "test", "-count=1", "-run", "^TestOrderReachesTheWire$", "./client")
}

// orderTest runs in the copy, against the regenerated code.
const orderTest = `package client

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestOrderReachesTheWire(t *testing.T) {
	var query string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query = r.URL.RawQuery
		_, _ = w.Write([]byte(` + "`" + `{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}` + "`" + `))
	}))
	defer srv.Close()
	c, err := New(WithoutEnvironment(), WithAPIKey("sk-test"), WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Invites.List(t.Context(), ListParams{Limit: 5, Order: "asc"}); err != nil {
		t.Fatal(err)
	}
	if query != "limit=5&order=asc" {
		t.Fatalf("query %q, want limit=5&order=asc", query)
	}
}
`

// changedLines counts the lines of the client's code (tests aside) that
// are in dir and not in orig, and the other way round.
func changedLines(t *testing.T, orig, dir string) (added, removed int) {
	t.Helper()
	lines := func(root string) map[string]int {
		files, err := filepath.Glob(filepath.Join(root, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		count := map[string]int{}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, line := range strings.Split(string(b), "\n") {
				count[filepath.Base(f)+"\x00"+line]++
			}
		}
		return count
	}
	before, after := lines(orig), lines(dir)
	for line, n := range after {
		added += max(n-before[line], 0)
	}
	for line, n := range before {
		removed += max(n-after[line], 0)
	}
	return added, removed
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err == nil {
		err = os.MkdirAll(filepath.Dir(to), 0o700)
	}
	if err == nil {
		err = os.WriteFile(to, b, 0o600)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// edit replaces anchor, which must occur exactly once, with text.
func edit(t *testing.T, path, anchor, text string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(b), anchor); n != 1 {
		t.Fatalf("%s: %q occurs %d times", path, anchor, n)
	}
	out := strings.Replace(string(b), anchor, text, 1)
	if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
}

// goCmd runs the go command in dir, offline: every module it needs must
// already be in the module cache, so the copy cannot reach past what go.sum
// pins.
func goCmd(t *testing.T, dir string, args ...string) {
	t.Helper()
	runGo(t, dir, args, "GOPROXY=off")
}

// goCmdOnline runs the go command in dir with the user's module proxy, to
// fill the module cache.
func goCmdOnline(t *testing.T, dir string, args ...string) {
	t.Helper()
	runGo(t, dir, args)
}

func runGo(t *testing.T, dir string, args []string, env ...string) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), "go", args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off", "GOTOOLCHAIN=local"), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}
