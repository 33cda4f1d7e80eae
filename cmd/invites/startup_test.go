package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/fakecmd"
	"github.com/goinvites/invites/internal/cli/root"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startupProbeEnv makes the test binary, run again as a child, execute one
// command line and print its exit code and the allocations it made.
const startupProbeEnv = "INVITES_STARTUP_PROBE"

func TestMain(m *testing.M) {
	if args := os.Getenv(startupProbeEnv); args != "" {
		os.Exit(startupProbe(strings.Fields(args)))
	}
	os.Exit(m.Run())
}

func startupProbe(args []string) int {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	code := root.Run(context.Background(), args, cmdutil.NewStreams(strings.NewReader(""), io.Discard, io.Discard), os.Getenv)
	runtime.ReadMemStats(&after)
	fmt.Printf("%d %d\n", code, after.Mallocs-before.Mallocs)
	return 0
}

// probe runs args in a fresh process (so that nothing is cached from other
// tests) with GODEBUG=inittrace=1, and returns the exit code, the number of
// allocations the command made, and those of each of our packages' init.
func probe(t *testing.T, args string) (code int, mallocs uint64, initAllocs map[string]int) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), startupProbeEnv+"="+args, "GODEBUG=inittrace=1",
		fakecmd.StateEnv+"="+filepath.Join(t.TempDir(), "state.json"), client.EnvAPIKey+"=")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, stderr.String())
	_, err = fmt.Sscanf(string(out), "%d %d", &code, &mallocs)
	require.NoError(t, err, "%s", out)
	initAllocs = map[string]int{}
	for _, line := range clitest.Lines(stderr.String()) {
		var pkg string
		var allocs int
		// init github.com/x/y @3.7 ms, 4.5 ms clock, 1701224 bytes, 21286 allocs
		f := strings.Fields(line)
		if len(f) == 11 && f[0] == "init" && strings.HasPrefix(f[1], "github.com/goinvites/") {
			pkg = f[1]
			_, err := fmt.Sscan(f[9], &allocs)
			require.NoError(t, err, line)
			initAllocs[pkg] = allocs
		}
	}
	return code, mallocs, initAllocs
}

// TestHelpStaysLight checks that help neither starts a fake nor decodes the
// spec, which fake/ does on first use at a cost of thousands of
// allocations: not at package init (our packages' inits stay small) and not
// while running (compared with a command that does start a fake).
func TestHelpStaysLight(t *testing.T) {
	t.Parallel()
	helpCode, help, inits := probe(t, "--help")
	fakeCode, withFake, _ := probe(t, "--fake list")
	require.Equal(t, 0, helpCode)
	require.Equal(t, 0, fakeCode)
	t.Logf("allocations: --help %d, --fake list %d; inits %v", help, withFake, inits)
	assert.Less(t, help*5, withFake, "help allocates like a command that decodes the spec")
	require.Contains(t, inits, "github.com/goinvites/invites/gen/server", "the fake is linked in: its init must be traced")
	for pkg, allocs := range inits {
		assert.Less(t, allocs, 500, "%s allocates at init as if it decoded the spec", pkg)
	}
}

// startupBaseline is invites' command line without fake/ (and so without
// kin-openapi): the same cobra, client and progress bar.
const startupBaseline = `package main

import (
	"os"

	"github.com/goinvites/invites/client"
	_ "github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	_ "golang.org/x/term"
)

func main() {
	root := &cobra.Command{Use: "invites", Short: client.DefaultBaseURL}
	root.AddCommand(&cobra.Command{Use: "list", Run: func(*cobra.Command, []string) {}})
	root.SetArgs(os.Args[1:])
	_ = root.Execute()
}
`

// BenchmarkStartup measures ` + "`invites --help`" + ` as a whole process against
// a baseline built in the same run from the same module without fake/, to
// show what linking the fake costs every command:
//
//	go test -run '^$' -bench Startup ./cmd/invites
func BenchmarkStartup(b *testing.B) {
	root, err := filepath.Abs("../..")
	require.NoError(b, err)
	dir := b.TempDir()
	goMod := "module startupbench\n\ngo 1.26.0\n\nrequire github.com/goinvites/invites v0.0.0\n\nreplace github.com/goinvites/invites => " + root + "\n"
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	require.NoError(b, err)
	require.NoError(b, os.MkdirAll(filepath.Join(dir, "baseline"), 0o755))
	require.NoError(b, os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod), 0o644))
	require.NoError(b, os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644))
	require.NoError(b, os.WriteFile(filepath.Join(dir, "baseline", "main.go"), []byte(startupBaseline), 0o644))

	build := func(workdir, out, pkg string) string {
		cmd := exec.CommandContext(b.Context(), "go", "build", "-mod=mod", "-o", out, pkg)
		cmd.Dir = workdir
		output, err := cmd.CombinedOutput()
		require.NoError(b, err, "%s", output)
		return out
	}
	bins := []struct{ name, path string }{
		{"without-fake", build(dir, filepath.Join(dir, "baseline.bin"), "./baseline")},
		{"invites", build(root, filepath.Join(dir, "invites.bin"), "./cmd/invites")},
	}
	for _, bin := range bins {
		b.Run(bin.name, func(b *testing.B) {
			for b.Loop() {
				require.NoError(b, exec.CommandContext(b.Context(), bin.path, "--help").Run())
			}
		})
	}
}
