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
	code := run(context.Background(), args, strings.NewReader(""), io.Discard, io.Discard, os.Getenv)
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
		fakeStateEnv+"="+filepath.Join(t.TempDir(), "state.json"), keyEnv+"=")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, stderr.String())
	_, err = fmt.Sscanf(string(out), "%d %d", &code, &mallocs)
	require.NoError(t, err, "%s", out)
	initAllocs = map[string]int{}
	for _, line := range lines(stderr.String()) {
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
