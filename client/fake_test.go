package client

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/goinvites/invites/fake"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests run the client against the project's fake, which validates
// every request against the spec and misbehaves on demand.

func TestFakeLifecycle(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	c := newTestClient(t, s.URL())
	ctx := ctx(t)

	inv, resp, err := c.Invites.Create(ctx, CreateParams{Email: "ada@example.com", Role: RoleOwner, Projects: []ProjectGrant{{"proj_1", ProjectMember}}})
	require.NoError(t, err)
	assert.NotEmpty(t, resp.RequestID)
	assert.Equal(t, []ProjectGrant{{"proj_1", ProjectMember}}, inv.Projects)
	assert.False(t, inv.CreatedAt.IsZero())
	assert.True(t, inv.AcceptedAt.IsZero())

	none, _, err := c.Invites.Create(ctx, CreateParams{Email: "bob@example.com", Role: RoleReader, Projects: []ProjectGrant{}})
	require.NoError(t, err)
	assert.Empty(t, none.Projects)

	got, _, err := c.Invites.Get(ctx, inv.ID)
	require.NoError(t, err)
	assert.Equal(t, inv, got)

	page, _, err := c.Invites.List(ctx, ListParams{Limit: 1})
	require.NoError(t, err)
	assert.Equal(t, none.ID, page.Invites[0].ID, "newest first")
	assert.True(t, page.HasMore)

	found, _, err := c.Invites.FindByEmail(ctx, "ADA@example.com")
	require.NoError(t, err)
	assert.Equal(t, inv.ID, found.ID)

	again, _, err := c.Invites.Ensure(ctx, CreateParams{Email: "ada@example.com", Role: RoleOwner, Projects: []ProjectGrant{{"proj_1", ProjectMember}}})
	require.NoError(t, err)
	assert.Equal(t, EnsureExisting, again.Outcome)
	assert.Equal(t, inv.ID, again.Invite.ID)

	_, _, err = c.Invites.Ensure(ctx, CreateParams{Email: "ada@example.com", Role: RoleReader})
	require.ErrorIs(t, err, ErrMismatch)

	require.NoError(t, s.Accept(none.ID))
	_, err = c.Invites.Delete(ctx, none.ID)
	require.ErrorIs(t, err, ErrInvalidRequest, "an accepted invite cannot be deleted")

	_, err = c.Invites.Delete(ctx, inv.ID)
	require.NoError(t, err)
	_, _, err = c.Invites.Get(ctx, inv.ID)
	require.ErrorIs(t, err, ErrNotFound)
	_, _, err = c.Invites.FindByEmail(ctx, "ada@example.com")
	require.ErrorIs(t, err, ErrNoMatch)
}

func TestFakeAmbiguousCreatesMakeOneInvite(t *testing.T) {
	t.Parallel()
	for _, policy := range []fake.DuplicatePolicy{fake.RejectDuplicates, fake.AllowDuplicates} {
		for _, kind := range []fake.FaultKind{fake.FaultAmbiguousError, fake.FaultAmbiguousDrop, fake.FaultTruncate, fake.FaultServerError, fake.FaultDrop, fake.FaultUnavailable, fake.FaultRateLimit} {
			t.Run(fmt.Sprintf("%d/%s", policy, kind), func(t *testing.T) {
				t.Parallel()
				s := newFake(t, fake.WithDuplicates(policy), fake.WithInvites(30), fake.WithFaults(fake.Faults{RetryAfter: 5 * time.Millisecond}))
				s.FailNextFor(http.MethodPost, kind, 1)
				inv, _, err := newTestClient(t, s.URL()).Invites.Create(ctx(t), CreateParams{Email: "ada@example.com", Role: RoleReader})
				require.NoError(t, err)
				assert.Equal(t, "ada@example.com", inv.Email)
				assert.Equal(t, 1, s.CreatedFor("ada@example.com"), "no duplicate")
			})
		}
	}
}

func TestFakeBadDaysBulkOnboarding(t *testing.T) {
	t.Parallel()
	s := newFake(t, fake.WithSeed(7), fake.WithInvites(120), fake.WithFaults(fake.Faults{
		ErrorRate: 0.1, UnavailableRate: 0.05, DropRate: 0.05, AmbiguousCreateRate: 0.25, TruncateRate: 0.05,
	}))
	c := newTestClient(t, s.URL(), WithMaxRetries(8))
	for i := range 25 {
		email := fmt.Sprintf("user%d@example.com", i)
		_, _, err := c.Invites.Ensure(ctx(t), CreateParams{Email: email, Role: RoleReader})
		require.NoError(t, err, email)
		assert.Equal(t, 1, s.CreatedFor(email), email)
	}
	n := 0
	for _, err := range c.Invites.All(ctx(t), AllParams{Status: StatusPending}) {
		require.NoError(t, err)
		n++
	}
	assert.GreaterOrEqual(t, n, 25)
}

func TestFakeRateLimitWithoutHeaders(t *testing.T) {
	t.Parallel()
	s := newFake(t, fake.WithFaults(fake.Faults{RateLimit: 2, RateWindow: time.Hour}))
	c := newTestClient(t, s.URL())
	for range 2 {
		_, _, err := c.Invites.List(ctx(t), ListParams{})
		require.NoError(t, err)
	}
	_, resp, err := c.Invites.List(ctx(t), ListParams{})
	require.ErrorIs(t, err, ErrRateLimited)
	var ae *APIError
	require.ErrorAs(t, err, &ae)
	assert.Greater(t, ae.RetryAfter, time.Second, "the wait read from the message, beyond the cap: no sleep")
	assert.Equal(t, ae.RetryAfter, resp.RetryAfter)
	assert.Equal(t, 1, resp.Attempts)
}

// TestClientAndFakeAgreeOnEmails sends each address to the fake directly,
// past the client's check, and holds the fake's verdict to the client's.
func TestClientAndFakeAgreeOnEmails(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	for _, email := range []string{
		"ada@example.com", "a.b+tag@sub.example.co.uk", "ü@例え.jp",
		"a@localhost", `"a b"@example.com`, "a@[127.0.0.1]", "a..b@example.com", "a@example.com.", "A <a@example.com>",
	} {
		body := fmt.Sprintf(`{"email":%q,"role":"reader"}`, email)
		req, err := http.NewRequestWithContext(ctx(t), http.MethodPost, s.URL()+"/organization/invites", strings.NewReader(body))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+s.Key())
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		_ = resp.Body.Close()
		clientOK := ValidateEmail(email) == nil
		assert.Equal(t, clientOK, resp.StatusCode == http.StatusOK, "%s: client accepts %t, fake answers %d", email, clientOK, resp.StatusCode)
	}
}

// TestTruncatedCreatesAreFoundNotFailed: with 5% of answers cut short, every
// create still succeeds, once each: whether the connection breaks mid-body
// or the JSON is cut in a whole HTTP answer, which only the decoder notices.
func TestTruncatedCreatesAreFoundNotFailed(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name      string
		faults    fake.Faults
		inProcess bool
	}{
		{"connection cut mid-body", fake.Faults{TruncateRate: 0.05}, false},
		{"JSON cut in a whole answer", fake.Faults{TruncateJSONRate: 0.05}, false},
		{"aborted answer, in-process", fake.Faults{TruncateRate: 0.05}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newFake(t, fake.WithSeed(3), fake.WithFaults(tc.faults))
			opts := []Option{WithMaxRetries(4)}
			if tc.inProcess {
				opts = append(opts, WithHTTPClient(handlerDoer{s.Handler}))
			}
			c := newTestClient(t, s.URL(), opts...)
			failed := 0
			for i := range 200 {
				if _, _, err := c.Invites.Create(ctx(t), CreateParams{Email: fmt.Sprintf("row%d@example.com", i), Role: RoleReader}); err != nil {
					t.Logf("row %d: %v", i, err)
					failed++
				}
			}
			stats := s.Stats()
			t.Logf("200 creates, 5%% of answers truncated: %d failed, %d requests (%d GETs for look-ups and retries)", failed, stats.Total, stats.Total-200)
			assert.Zero(t, failed)
			assert.Len(t, stats.Created, 200)
			for email, n := range stats.Created {
				assert.Equal(t, 1, n, "duplicate for %s", email)
			}
		})
	}
}
