package journal_test

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/journal"
	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A whole run under faults, journaled: a sent and an outcome record per
// write, the attempts the fake counted, and no trace of the key.
func TestAJournaledRunUnderFaults(t *testing.T) {
	t.Parallel()
	const key = "sk-admin-journal-test-0123456789abcdef"
	srv := fake.NewServer(t, fake.WithKey(key), fake.WithMembers(syncMembers...), fake.WithFaults(fake.Faults{RetryAfter: 10 * time.Millisecond}))
	c, err := client.New(client.WithoutEnvironment(), client.WithAPIKey(key), client.WithBaseURL(srv.URL()), client.WithMaxRetries(5))
	require.NoError(t, err)
	_, _, err = c.Invites.Create(t.Context(), client.CreateParams{Email: "role@example.com", Role: client.RoleReader})
	require.NoError(t, err)
	org, err := roster.ReadOrg(t.Context(), c)
	require.NoError(t, err)
	actions := roster.Plan(syncEntries, org, syncOptions)

	srv.FailNextAt(fake.EndpointCreateInvite, fake.FaultAmbiguousError, 1)
	srv.FailNextAt(fake.EndpointDeleteInvite, fake.FaultRateLimit, 1)
	srv.FailNextAt(fake.EndpointModifyUser, fake.FaultAmbiguousDrop, 1)
	before := srv.Stats()
	path := filepath.Join(t.TempDir(), "journal.jsonl")
	w := open(t, path)
	for r := range roster.Apply(t.Context(), c, actions, roster.ApplyOptions{Concurrency: 2, Limits: roster.Limits{MaxRemovals: 1, MaxDemotions: 1}, Observe: w.Observe}) {
		require.NoError(t, r.Err, "%s %s", r.Action.Kind, r.Action.Email)
	}
	require.NoError(t, w.Err())

	log := read(t, path)
	assert.Empty(t, log.Skipped)
	runs := log.Runs()
	require.Len(t, runs, 1)
	assert.Equal(t, w.Run(), runs[0].ID)
	assert.Equal(t, 9, runs[0].Sent, "a set-role, a replace's delete and create, 5 creates, a removal")
	assert.Equal(t, map[roster.Outcome]int{roster.Done: 9}, runs[0].Outcomes)
	assert.Empty(t, runs[0].NoOutcome)
	attempts := 0
	for _, r := range log.Records {
		if r.Phase == roster.WriteOutcome {
			attempts += r.Attempts
			assert.NotEmpty(t, r.RequestID, "%+v", r)
			if r.Write == roster.CreateInvite {
				assert.NotEmpty(t, r.InviteID, "the invite made")
			}
		}
	}
	after := srv.Stats()
	received := 0
	for _, e := range []fake.Endpoint{fake.EndpointCreateInvite, fake.EndpointDeleteInvite, fake.EndpointModifyUser, fake.EndpointDeleteUser} {
		received += after.SentTo(e) - before.SentTo(e)
	}
	assert.Equal(t, received, attempts, "the attempts recorded are the writes the fake received")
	assert.Equal(t, 1, after.CountAt(fake.EndpointDeleteInvite, http.StatusTooManyRequests))

	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotContains(t, string(data), key)
	assert.NotContains(t, string(data), key[len(key)-8:], "nor a piece of it")
	assert.NotContains(t, string(data), "Bearer")
}

func TestDefaultPath(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		goos string
		env  map[string]string
		want string
	}{
		{"linux", map[string]string{"XDG_STATE_HOME": "/var/state", "HOME": "/home/ada"}, filepath.Join("/var/state", "invites", "journal.jsonl")},
		{"linux", map[string]string{"XDG_STATE_HOME": "relative/state", "HOME": "/home/ada"}, filepath.Join("/home/ada", ".local", "state", "invites", "journal.jsonl")},
		{"freebsd", map[string]string{"HOME": "/home/ada"}, filepath.Join("/home/ada", ".local", "state", "invites", "journal.jsonl")},
		{"darwin", map[string]string{"XDG_STATE_HOME": "/var/state", "HOME": "/Users/ada"}, filepath.Join("/Users/ada", "Library", "Application Support", "invites", "journal.jsonl")},
		{"windows", map[string]string{"LocalAppData": `C:\Users\ada\AppData\Local`}, filepath.Join(`C:\Users\ada\AppData\Local`, "invites", "journal.jsonl")},
		{"linux", nil, ""},
		{"darwin", nil, ""},
		{"windows", map[string]string{"HOME": "/home/ada"}, ""},
	} {
		got, err := journal.DefaultPathFor(tc.goos, func(name string) string { return tc.env[name] })
		if tc.want == "" {
			require.ErrorIs(t, err, journal.ErrNoHome, tc.goos)
			continue
		}
		require.NoError(t, err)
		assert.Equal(t, tc.want, got, "%s %v", tc.goos, tc.env)
	}
}
