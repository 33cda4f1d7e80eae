package roster_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/writetest"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// witness records what the observer hears and checks, for every write
// request that goes out, that the observer was told of it first.
type witness struct {
	t          *testing.T
	mu         sync.Mutex
	events     []roster.WriteEvent
	open       map[string]int // writes told as sent, outcome not yet told
	onTheWire  int            // write requests the middleware let through
	unrecorded []string       // write requests that went out untold
}

func newWitness(t *testing.T) *witness { return &witness{t: t, open: map[string]int{}} }

func (w *witness) observe(ev roster.WriteEvent) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.events = append(w.events, ev)
	switch ev.Phase {
	case roster.WriteSent:
		w.open[writetest.Name(ev.Write, ev.Email, ev.InviteID, ev.UserID)]++
	case roster.WriteOutcome:
		w.open[writetest.Name(ev.Write, ev.Email, ev.InviteID, ev.UserID)]--
	}
	return nil
}

func (w *witness) middleware(next http.RoundTripper) http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		key, err := writetest.Of(r)
		require.NoError(w.t, err)
		if key != "" {
			w.mu.Lock()
			w.onTheWire++
			if w.open[key] <= 0 {
				w.unrecorded = append(w.unrecorded, key)
			}
			w.mu.Unlock()
		}
		return next.RoundTrip(r)
	})
}

// writesReceived is how many write requests the fake has counted, answered
// or not, by its own counters.
func writesReceived(s fake.Stats) int {
	n := 0
	for _, e := range []fake.Endpoint{fake.EndpointCreateInvite, fake.EndpointDeleteInvite, fake.EndpointModifyUser, fake.EndpointDeleteUser} {
		n += s.SentTo(e)
	}
	return n
}

func TestObserverIsToldOfEveryWriteBeforeItIsSent(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	w := newWitness(t)
	c := newClient(t, srv, client.WithMiddleware(w.middleware))
	entries := append(seed(t, srv, c), seedMembers(t, srv, c)...)
	opts := roster.PlanOptions{RevokeMissing: true, RemoveMembers: true}
	actions := roster.Plan(entries, readOrg(t, c), opts)

	// Writes meet every kind of trouble: applied then answered 500 or
	// dropped (a create then looks up before it sends again), plain 5xx,
	// connections dropped before the fake acted.
	srv.FailNextAt(fake.EndpointCreateInvite, fake.FaultAmbiguousError, 1)
	srv.FailNextAt(fake.EndpointCreateInvite, fake.FaultAmbiguousDrop, 1)
	srv.FailNextAt(fake.EndpointCreateInvite, fake.FaultServerError, 1)
	srv.FailNextAt(fake.EndpointDeleteInvite, fake.FaultAmbiguousDrop, 1)
	srv.FailNextAt(fake.EndpointDeleteInvite, fake.FaultUnavailable, 1)
	srv.FailNextAt(fake.EndpointModifyUser, fake.FaultAmbiguousError, 1)
	srv.FailNextAt(fake.EndpointDeleteUser, fake.FaultDrop, 1)
	before := srv.Stats()
	w.mu.Lock()
	w.onTheWire, w.unrecorded = 0, nil // the seeding's writes were told to no one
	w.mu.Unlock()

	results := map[int]roster.Result{}
	for r := range roster.Apply(t.Context(), c, actions, roster.ApplyOptions{Concurrency: 2, Limits: roster.Limits{MaxRemovals: 5, MaxDemotions: 1}, Observe: w.observe}) {
		require.NoError(t, r.Err, "%s %s", r.Action.Kind, r.Action.Email)
		results[r.Index] = r
	}
	after := srv.Stats()

	assert.Empty(t, w.unrecorded, "write requests sent before the observer heard of them")
	received := writesReceived(after) - writesReceived(before)
	assert.Equal(t, received, w.onTheWire, "the fake's own count of writes received")

	// One WriteSent then one WriteOutcome per write, the outcome's attempts
	// adding up to what the fake received.
	sent, told, attempts := map[string]int{}, map[string]int{}, 0
	want := map[roster.Write]int{}
	for _, ev := range w.events {
		k := fmt.Sprint(ev.Index, ev.Write)
		switch ev.Phase {
		case roster.WriteSent:
			assert.Zero(t, told[k], "%s: sent after its outcome", k)
			assert.Empty(t, ev.Outcome)
			sent[k]++
			want[ev.Write]++
		case roster.WriteOutcome:
			assert.Equal(t, 1, sent[k], "%s: an outcome for a write sent once", k)
			told[k]++
			attempts += ev.Attempts
			assert.Equal(t, roster.Done, ev.Outcome, k)
			require.NoError(t, ev.Err)
			assert.Equal(t, actions[ev.Index].Kind, ev.Kind)
			r := results[ev.Index]
			switch ev.Write {
			case roster.CreateInvite:
				require.NotNil(t, r.Invite, k)
				assert.Equal(t, r.Invite.ID, ev.InviteID, "the invite made")
			case roster.DeleteInvite:
				assert.Equal(t, actions[ev.Index].InviteID(), ev.InviteID)
			default:
				assert.Equal(t, actions[ev.Index].UserID(), ev.UserID)
			}
			if ev.StatusCode != 0 {
				assert.True(t, strings.HasPrefix(ev.RequestID, "req_"), "%s: request ID %q", k, ev.RequestID)
			}
		}
	}
	assert.Equal(t, sent, told, "every write sent has its outcome")
	assert.Equal(t, received, attempts, "the outcomes' attempts are the requests the fake received")
	assert.Equal(t, map[roster.Write]int{roster.CreateInvite: 6, roster.DeleteInvite: 4, roster.SetMemberRole: 3, roster.RemoveMember: 1}, want,
		"creates: new, expired, 2 replaces, new1, new2; deletes: 2 replaces, a stale invite, leaver's invite; roles: promoted, dev, lead; removals: leaver")
	assert.Equal(t, 1, after.CountAt(fake.EndpointDeleteUser, 0), "a removal's connection dropped")
	for _, email := range []string{"new@example.com", "new1@example.com", "new2@example.com"} {
		assert.Equal(t, 1, srv.CreatedFor(email), "%s: the ambiguous creates were looked up, not sent again", email)
	}
}

// An observer that cannot record a write keeps it from being sent; the
// half of a Replace already made is reported as such.
func TestApplySendsNothingTheObserverCannotRecord(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	c := newClient(t, srv)
	entries := seed(t, srv, c)
	actions := roster.Plan(entries, readOrg(t, c), roster.PlanOptions{})
	full := errors.New("disk full")
	var told []string
	observe := func(ev roster.WriteEvent) error {
		told = append(told, string(ev.Phase)+" "+string(ev.Write)+" "+ev.Email)
		if ev.Phase == roster.WriteSent && ev.Write == roster.CreateInvite {
			return full
		}
		return nil
	}
	before := srv.Stats()
	got := map[string]roster.Outcome{}
	for r := range roster.Apply(t.Context(), c, actions, roster.ApplyOptions{Observe: observe}) {
		if !r.Action.Kind.Writes() {
			continue
		}
		got[r.Action.Email] = r.Outcome()
		if r.Action.Kind == roster.SetRole {
			require.NoError(t, r.Err)
			continue
		}
		require.ErrorIs(t, r.Err, roster.ErrNotRecorded, r.Action.Email)
		require.ErrorIs(t, r.Err, full)
		assert.Equal(t, r.Action.Kind == roster.Replace, r.Deleted, r.Action.Email)
	}
	assert.Equal(t, map[string]roster.Outcome{
		"new@example.com":      roster.NotAttempted,
		"expired@example.com":  roster.NotAttempted,
		"role@example.com":     roster.DeletedNotCreated,
		"proj@example.com":     roster.DeletedNotCreated,
		"promoted@example.com": roster.Done,
	}, got)
	after := srv.Stats()
	assert.Zero(t, after.SentTo(fake.EndpointCreateInvite)-before.SentTo(fake.EndpointCreateInvite), "no create sent")
	assert.Equal(t, 2, after.SentTo(fake.EndpointDeleteInvite)-before.SentTo(fake.EndpointDeleteInvite), "the replaces' deletes")
	assert.Contains(t, told, "sent delete-invite role@example.com")
	assert.Contains(t, told, "outcome delete-invite role@example.com")
	assert.NotContains(t, told, "outcome create-invite role@example.com", "a write refused has no outcome")
}

// The outcome of a write that failed, or that was never sent, says so.
func TestObserverHearsFailuresAndWritesNeverSent(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithMembers(
		fake.Member{ID: "user-boss", Email: "boss@example.com", Role: "owner"},
		fake.Member{ID: "user-ada", Email: "ada@example.com", Role: "reader"}))
	c := newClient(t, srv, client.WithMaxRetries(0))
	actions := roster.Plan([]rosterfile.Entry{entry("boss@example.com", client.RoleOwner), entry("ada@example.com", client.RoleOwner)}, readOrg(t, c), roster.PlanOptions{})
	require.Equal(t, roster.SetRole, actions[1].Kind)
	// A create the client refuses before sending anything.
	bad := rosterfile.Entry{Email: "not an email", Role: client.RoleReader}
	actions = append(actions, roster.Action{Kind: roster.Create, Email: bad.Email, Entry: &bad})
	srv.FailNextAt(fake.EndpointModifyUser, fake.FaultServerError, 1)

	var outcomes []roster.WriteEvent
	observe := func(ev roster.WriteEvent) error {
		if ev.Phase == roster.WriteOutcome {
			outcomes = append(outcomes, ev)
		}
		return nil
	}
	for r := range roster.Apply(t.Context(), c, actions, roster.ApplyOptions{Observe: observe}) {
		if r.Action.Kind.Writes() {
			assert.Equal(t, roster.Failed, r.Outcome())
		}
	}
	require.Len(t, outcomes, 2)
	byWrite := map[roster.Write]roster.WriteEvent{}
	for _, ev := range outcomes {
		byWrite[ev.Write] = ev
	}
	role := byWrite[roster.SetMemberRole]
	assert.Equal(t, roster.Failed, role.Outcome)
	assert.Equal(t, http.StatusInternalServerError, role.StatusCode)
	assert.Equal(t, 1, role.Attempts)
	assert.NotEmpty(t, role.RequestID)
	require.ErrorIs(t, role.Err, client.ErrServer)
	assert.Equal(t, "user-ada", role.UserID)
	assert.Equal(t, client.RoleOwner, role.Role)

	never := byWrite[roster.CreateInvite]
	assert.Equal(t, roster.NotAttempted, never.Outcome)
	assert.Zero(t, never.Attempts)
	assert.Zero(t, never.StatusCode)
	var invalid *client.ValidationError
	require.ErrorAs(t, never.Err, &invalid)
}
