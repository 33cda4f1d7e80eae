package cmdutil_test

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keyFactory is a factory as the command line env and --api-key-file
// keyFile make it, with stdin for its stdin.
func keyFactory(env map[string]string, stdin, keyFile string) *cmdutil.Factory {
	f := cmdutil.NewFactory(clitest.NewTestIO(stdin).IOStreams, func(k string) string { return env[k] })
	f.Flags.KeyFile = keyFile
	return f
}

func TestAPIKeySources(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "key")
	require.NoError(t, os.WriteFile(file, []byte("sk-admin-file\nignored\n"), 0o600))

	key, err := keyFactory(map[string]string{client.EnvAPIKey: " sk-admin-env\n"}, "", "").APIKey()
	require.NoError(t, err)
	assert.Equal(t, "sk-admin-env", key)

	key, err = keyFactory(map[string]string{client.EnvAPIKey: "sk-admin-env"}, "", file).APIKey()
	require.NoError(t, err)
	assert.Equal(t, "sk-admin-file", key, "the file wins over the environment")

	key, err = keyFactory(nil, "sk-admin-stdin", "-").APIKey()
	require.NoError(t, err)
	assert.Equal(t, "sk-admin-stdin", key)
}

func TestAPIKeyMissingIsAUsageError(t *testing.T) {
	t.Parallel()
	var usage *cmdutil.UsageError
	for name, f := range map[string]*cmdutil.Factory{
		"no env":      keyFactory(nil, "", ""),
		"blank env":   keyFactory(map[string]string{client.EnvAPIKey: "  "}, "", ""),
		"empty stdin": keyFactory(nil, "\n", "-"),
		"no file":     keyFactory(nil, "", filepath.Join(t.TempDir(), "absent")),
	} {
		_, err := f.APIKey()
		require.Error(t, err, name)
		require.ErrorAs(t, err, &usage, name)
	}
	_, err := keyFactory(nil, "", "").APIKey()
	assert.Contains(t, err.Error(), client.EnvAPIKey)
	assert.Contains(t, err.Error(), "--api-key-file")
}

func TestRedactingHandler(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	secret := ""
	log := slog.New(cmdutil.NewRedactingHandler(slog.NewTextHandler(&buf, nil), &secret))
	secret = "sk-admin-s3cret"
	log.With("auth", "Bearer sk-admin-s3cret").
		WithGroup("req").
		Info("sending sk-admin-s3cret", "header", map[string]string{"Authorization": "Bearer sk-admin-s3cret"},
			slog.Group("g", "k", "sk-admin-s3cret"), "n", 3)
	out := buf.String()
	assert.NotContains(t, out, "s3cret")
	assert.Contains(t, out, "[REDACTED]")
	assert.Contains(t, out, "req.n=3", "other values keep their form")
}

func TestMissingKeyExits2WithOneLine(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"list"}, {"get", "x"}, {"create", "ada@example.com", "--role", "reader"}, {"delete", "x"}, {"prune", "--yes"}} {
		r := clitest.CLI{}.Run(t, args...)
		assert.Equal(t, cmdutil.ExitUsage, r.Code, args)
		assert.Equal(t, []string{"invites: " + cmdutil.ErrNoKey.Error()}, clitest.Lines(r.Stderr), args)
	}
}

func TestKeyFromStdinAndNeverLogged(t *testing.T) {
	t.Parallel()
	const key = "sk-admin-very-secret-0123456789"
	srv := fake.NewServer(t, fake.WithKey(key), fake.WithInvites(2))
	c := clitest.CLI{Env: map[string]string{client.EnvBaseURL: srv.URL()}, Stdin: key + "\n"}

	r := c.Run(t, "-v", "--api-key-file", "-", "list")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Len(t, clitest.Lines(r.Stdout), 3)
	assert.Contains(t, r.Stderr, "level=DEBUG", "-v logs each request")
	assert.NotContains(t, r.Stderr, key)
	assert.NotContains(t, r.Stderr, "very-secret")

	r = c.Run(t, "-v", "--api-key-file", "-", "create", "bad@example.com", "--role", "reader", "--max-retries", "0", "--timeout", "1ns")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.NotContains(t, r.Stderr, "very-secret")

	file := filepath.Join(t.TempDir(), "key")
	require.NoError(t, os.WriteFile(file, []byte(key), 0o600))
	r = clitest.CLI{Env: map[string]string{client.EnvBaseURL: srv.URL()}}.Run(t, "--api-key-file", file, "list")
	assert.Equal(t, 0, r.Code, r.Stderr)
	assert.Empty(t, r.Stderr)

	require.NoError(t, os.Chmod(file, 0o644))
	r = clitest.CLI{Env: map[string]string{client.EnvBaseURL: srv.URL()}}.Run(t, "--api-key-file", file, "list")
	assert.Equal(t, 0, r.Code, r.Stderr)
	if runtime.GOOS != "windows" {
		assert.Equal(t, "warning: "+file+" can be read by other users (chmod 600 "+file+")\n", r.Stderr)
	}
}

// A refused key's hint names where the key came from, once, after
// whatever the command printed: the file or stdin, not the environment
// variable it did not come from.
func TestRefusedKeyHintNamesItsSource(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	file := filepath.Join(t.TempDir(), "admin.key")
	require.NoError(t, os.WriteFile(file, []byte("sk-admin-stale\n"), 0o600))
	env := map[string]string{client.EnvBaseURL: srv.URL(), client.EnvAPIKey: srv.Key()}
	const hint = ": it must be an active Admin API key (sk-admin-...)"

	r := clitest.CLI{Env: env}.Run(t, "--api-key-file", file, "list")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Equal(t, "invites: the API refused the key from --api-key-file "+file+hint, clitest.Lines(r.Stderr)[len(clitest.Lines(r.Stderr))-1])
	assert.NotContains(t, r.Stderr, client.EnvAPIKey, "the environment's key was not the one sent")

	r = clitest.CLI{Env: env, Stdin: "sk-admin-stale\n"}.Run(t, "--api-key-file", "-", "get", "invite-x")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Contains(t, r.Stderr, "invites: the API refused the key from --api-key-file - (stdin)"+hint+"\n")

	// Each ID's row says 401; the hint comes once, after them.
	r = clitest.CLI{Env: env}.Run(t, "--api-key-file", file, "delete", "invite-a", "invite-b")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
	assert.Regexp(t, `(?m)^FAILED\s+invite-a\s+401 Unauthorized: `, r.Stdout)
	assert.Regexp(t, `(?m)^FAILED\s+invite-b\s+401 Unauthorized: `, r.Stdout)
	assert.Equal(t, []string{"invites: the API refused the key from --api-key-file " + file + hint}, clitest.Lines(r.Stderr))

	r = clitest.CLI{Env: env}.Run(t, "list")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.Empty(t, r.Stderr, "a key the API takes gets no hint")
	assert.Equal(t, 2, srv.Stats().CountAt(fake.EndpointDeleteInvite, 401), "one refused delete each, nothing deleted")
}
