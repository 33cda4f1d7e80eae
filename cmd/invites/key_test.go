package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// keyFactory is a factory as the command line env and --api-key-file
// keyFile make it, with stdin for its stdin.
func keyFactory(env map[string]string, stdin, keyFile string) *factory {
	f := newFactory(newTestIO(stdin).IOStreams, func(k string) string { return env[k] })
	f.flags.keyFile = keyFile
	return f
}

func TestAPIKeySources(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "key")
	require.NoError(t, os.WriteFile(file, []byte("sk-admin-file\nignored\n"), 0o600))

	key, err := keyFactory(map[string]string{client.EnvAPIKey: " sk-admin-env\n"}, "", "").apiKey()
	require.NoError(t, err)
	assert.Equal(t, "sk-admin-env", key)

	key, err = keyFactory(map[string]string{client.EnvAPIKey: "sk-admin-env"}, "", file).apiKey()
	require.NoError(t, err)
	assert.Equal(t, "sk-admin-file", key, "the file wins over the environment")

	key, err = keyFactory(nil, "sk-admin-stdin", "-").apiKey()
	require.NoError(t, err)
	assert.Equal(t, "sk-admin-stdin", key)
}

func TestAPIKeyMissingIsAUsageError(t *testing.T) {
	t.Parallel()
	var usage *usageError
	for name, f := range map[string]*factory{
		"no env":      keyFactory(nil, "", ""),
		"blank env":   keyFactory(map[string]string{client.EnvAPIKey: "  "}, "", ""),
		"empty stdin": keyFactory(nil, "\n", "-"),
		"no file":     keyFactory(nil, "", filepath.Join(t.TempDir(), "absent")),
	} {
		_, err := f.apiKey()
		require.Error(t, err, name)
		require.ErrorAs(t, err, &usage, name)
	}
	_, err := keyFactory(nil, "", "").apiKey()
	assert.Contains(t, err.Error(), client.EnvAPIKey)
	assert.Contains(t, err.Error(), "--api-key-file")
}

func TestRedactingHandler(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	secret := ""
	log := slog.New(redactingHandler{slog.NewTextHandler(&buf, nil), &secret})
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
		r := cli{}.run(t, args...)
		assert.Equal(t, exitUsage, r.code, args)
		assert.Equal(t, []string{"invites: " + errNoKey.Error()}, lines(r.stderr), args)
	}
}

func TestKeyFromStdinAndNeverLogged(t *testing.T) {
	t.Parallel()
	const key = "sk-admin-very-secret-0123456789"
	srv := fake.NewServer(t, fake.WithKey(key), fake.WithInvites(2))
	c := cli{env: map[string]string{client.EnvBaseURL: srv.URL()}, stdin: key + "\n"}

	r := c.run(t, "-v", "--api-key-file", "-", "list")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Len(t, lines(r.stdout), 3)
	assert.Contains(t, r.stderr, "level=DEBUG", "-v logs each request")
	assert.NotContains(t, r.stderr, key)
	assert.NotContains(t, r.stderr, "very-secret")

	r = c.run(t, "-v", "--api-key-file", "-", "create", "bad@example.com", "--role", "reader", "--max-retries", "0", "--timeout", "1ns")
	assert.Equal(t, exitFailure, r.code)
	assert.NotContains(t, r.stderr, "very-secret")

	file := filepath.Join(t.TempDir(), "key")
	require.NoError(t, os.WriteFile(file, []byte(key), 0o600))
	r = cli{env: map[string]string{client.EnvBaseURL: srv.URL()}}.run(t, "--api-key-file", file, "list")
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)

	require.NoError(t, os.Chmod(file, 0o644))
	r = cli{env: map[string]string{client.EnvBaseURL: srv.URL()}}.run(t, "--api-key-file", file, "list")
	assert.Equal(t, 0, r.code, r.stderr)
	if runtime.GOOS != "windows" {
		assert.Equal(t, "warning: "+file+" can be read by other users (chmod 600 "+file+")\n", r.stderr)
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

	r := cli{env: env}.run(t, "--api-key-file", file, "list")
	assert.Equal(t, exitFailure, r.code)
	assert.Equal(t, "invites: the API refused the key from --api-key-file "+file+hint, lines(r.stderr)[len(lines(r.stderr))-1])
	assert.NotContains(t, r.stderr, client.EnvAPIKey, "the environment's key was not the one sent")

	r = cli{env: env, stdin: "sk-admin-stale\n"}.run(t, "--api-key-file", "-", "get", "invite-x")
	assert.Equal(t, exitFailure, r.code)
	assert.Contains(t, r.stderr, "invites: the API refused the key from --api-key-file - (stdin)"+hint+"\n")

	// Each ID's row says 401; the hint comes once, after them.
	r = cli{env: env}.run(t, "--api-key-file", file, "delete", "invite-a", "invite-b")
	assert.Equal(t, exitFailure, r.code)
	assert.Regexp(t, `(?m)^FAILED\s+invite-a\s+401 Unauthorized: `, r.stdout)
	assert.Regexp(t, `(?m)^FAILED\s+invite-b\s+401 Unauthorized: `, r.stdout)
	assert.Equal(t, []string{"invites: the API refused the key from --api-key-file " + file + hint}, lines(r.stderr))

	r = cli{env: env}.run(t, "list")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr, "a key the API takes gets no hint")
	assert.Equal(t, 2, srv.Stats().CountAt(fake.EndpointDeleteInvite, 401), "one refused delete each, nothing deleted")
}
