package fakecmd_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/fakecmd"
	"github.com/goinvites/invites/internal/cli/membercmd"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const membersJSON = `[
  {"email": "ada@example.com", "name": "Ada", "role": "owner", "added_at": "2026-01-02T03:04:05Z"},
  {"id": "user-ci", "name": "CI", "service_account": true},
  {"email": "sso@example.com", "scim_managed": true}
]`

func TestReadMembersFile(t *testing.T) {
	t.Parallel()
	members, err := fakecmd.ReadMembersFile("--members", clitest.WriteFile(t, "m.json", membersJSON))
	require.NoError(t, err)
	assert.Equal(t, []fake.Member{
		{Email: "ada@example.com", Name: "Ada", Role: "owner", AddedAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)},
		{ID: "user-ci", Name: "CI", ServiceAccount: true},
		{Email: "sso@example.com", SCIMManaged: true},
	}, members)

	for name, tc := range map[string]struct{ content, want string }{
		"an object":      {`{"email": "a@example.com"}`, "not a JSON array of members"},
		"unknown field":  {`[{"mail": "a@example.com"}]`, `unknown field "mail"`},
		"trailing":       {`[] []`, "something follows the array"},
		"not JSON":       {`email,role`, "not a JSON array of members"},
		"bad email":      {`[{"email": "a@example.com"}, {"email": "ada@localhost"}]`, `member 2: invalid email "ada@localhost"`},
		"bad role":       {`[{"email": "a@example.com", "role": "admin"}]`, `member 1: invalid role "admin"`},
		"dot segment ID": {`[{"id": ".."}]`, `member 1: invalid id ".."`},
	} {
		path := clitest.WriteFile(t, "m.json", tc.content)
		_, err := fakecmd.ReadMembersFile("--members", path)
		require.ErrorContains(t, err, tc.want, name)
		require.ErrorContains(t, err, "--members "+path, name)
		assert.Equal(t, cmdutil.ExitUsage, cmdutil.ExitCode(t.Context(), err, true), name)
	}
	_, err = fakecmd.ReadMembersFile("--members", filepath.Join(t.TempDir(), "missing.json"))
	assert.Equal(t, cmdutil.ExitUsage, cmdutil.ExitCode(t.Context(), err, true))
}

func TestFakeServerSeedsMembersOnANewStateOnly(t *testing.T) {
	t.Parallel()
	state := filepath.Join(t.TempDir(), "state.json")
	serve := func(membersFile string) (members []client.User, stderr string) {
		ctx, cancel := context.WithCancel(t.Context())
		defer cancel()
		tio := clitest.NewTestIO("")
		done := make(chan error, 1)
		go func() {
			done <- fakecmd.RunServer(ctx, &fakecmd.ServerOptions{IO: tio.IOStreams, Logger: slog.New(slog.DiscardHandler), Addr: "127.0.0.1:0",
				Key: fake.DefaultKey, State: state, MembersFile: membersFile, Seed: 1, Expiry: fake.DefaultExpiry, CreateStatus: 200,
				Faults: fake.Faults{RateWindow: time.Minute}})
		}()
		require.Eventually(t, func() bool { return strings.HasSuffix(tio.Stdout.String(), "\n") }, 10*time.Second, 5*time.Millisecond)
		c, err := client.New(client.WithBaseURL(strings.TrimSpace(tio.Stdout.String())), client.WithAPIKey(fake.DefaultKey))
		require.NoError(t, err)
		members, err = roster.ReadMembers(t.Context(), c)
		require.NoError(t, err)
		cancel()
		require.NoError(t, <-done)
		return members, tio.Stderr.String()
	}

	members, stderr := serve(clitest.WriteFile(t, "m.json", membersJSON))
	require.Len(t, members, 3)
	assert.Equal(t, "sso@example.com", members[0].Email, "newest first: the file's last")
	assert.True(t, members[1].IsServiceAccount)
	assert.Equal(t, client.RoleOwner, members[2].Role)
	assert.NotContains(t, stderr, "not used")

	// The state file now holds members: another file seeds nothing.
	members, stderr = serve(clitest.WriteFile(t, "other.json", `[{"email": "other@example.com"}]`))
	assert.Len(t, members, 3)
	assert.Contains(t, stderr, "(--members not used: "+state+" already holds a state")

	r := clitest.CLI{}.Run(t, "fake-server", "--addr", "127.0.0.1:0", "--members", clitest.WriteFile(t, "dup.json", `[{"email": "a@example.com"}, {"email": "A@example.com"}]`))
	assert.Equal(t, cmdutil.ExitUsage, r.Code, "two members with one email")
	assert.Len(t, clitest.Lines(r.Stderr), 1, r.Stderr)
	assert.Empty(t, r.Stdout, "nothing is served")
}

func TestFakeFlagHasMembers(t *testing.T) {
	t.Parallel()
	offline := clitest.CLI{Env: map[string]string{fakecmd.StateEnv: filepath.Join(t.TempDir(), "fake-state.json")}}
	r := offline.Run(t, "--fake", "users", "list", "-o", "json")
	require.Equal(t, 0, r.Code, r.Stderr)
	byEmail := map[string]membercmd.MemberOut{}
	var service []membercmd.MemberOut
	for _, m := range clitest.DecodeJSON[membercmd.MembersOut](t, r).Members {
		if m.Email != nil {
			byEmail[*m.Email] = m
		}
		if m.ServiceAccount {
			service = append(service, m)
		}
	}
	assert.Len(t, service, 1, "a new state has a sample service account")
	assert.True(t, byEmail["sso@example.com"].SCIMManaged, "and a SCIM-managed member")
	require.Contains(t, byEmail, "owner@example.com")
	assert.Equal(t, "owner", *byEmail["owner@example.com"].Role)

	// The members persist: a removal stays a removal.
	r = offline.Run(t, "--fake", "users", "remove", "--yes", "reader@example.com")
	require.Equal(t, 0, r.Code, r.Stderr)
	r = offline.Run(t, "--fake", "users", "get", "reader@example.com")
	assert.Equal(t, cmdutil.ExitFailure, r.Code)
}

func TestFakeMembersFlag(t *testing.T) {
	t.Parallel()
	offline := clitest.CLI{Env: map[string]string{fakecmd.StateEnv: filepath.Join(t.TempDir(), "fake-state.json")}}
	file := clitest.WriteFile(t, "m.json", membersJSON)
	r := offline.Run(t, "--fake", "--fake-members", file, "users", "get", "user-ci", "-o", "json")
	require.Equal(t, 0, r.Code, r.Stderr)
	assert.True(t, clitest.DecodeJSON[membercmd.MemberOut](t, r).ServiceAccount)
	r = offline.Run(t, "--fake", "users", "get", "owner@example.com")
	assert.Equal(t, cmdutil.ExitFailure, r.Code, "the file's members instead of the samples")

	r = offline.Run(t, "--fake", "users", "remove", "--yes", "--force", "sso@example.com")
	require.Equal(t, 0, r.Code, r.Stderr)
	r = offline.Run(t, "--fake", "--fake-members", file, "users", "get", "sso@example.com")
	assert.Equal(t, cmdutil.ExitFailure, r.Code, "a state is seeded once: the member removed stays removed")
	assert.Contains(t, r.Stderr, "(--fake-members not used: ")

	r = offline.Run(t, "--fake-members", file, "users", "list")
	assert.Equal(t, cmdutil.ExitUsage, r.Code)
	assert.Contains(t, r.Stderr, "add --fake")

	fresh := clitest.CLI{Env: map[string]string{fakecmd.StateEnv: filepath.Join(t.TempDir(), "fake-state.json")}}
	r = fresh.Run(t, "--fake", "--fake-members", clitest.WriteFile(t, "dup.json", `[{"email": "a@example.com"}, {"email": "A@example.com"}]`), "users", "list")
	assert.Equal(t, cmdutil.ExitUsage, r.Code, r.Stderr)
	assert.Len(t, clitest.Lines(r.Stderr), 1, r.Stderr)
	assert.Contains(t, r.Stderr, "--fake-members")
	r = fresh.Run(t, "--fake", "--fake-members", clitest.WriteFile(t, "bad.json", `[{"email": "nobody"}]`), "users", "list")
	assert.Equal(t, cmdutil.ExitUsage, r.Code, r.Stderr)
}
