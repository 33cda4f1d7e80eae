package roster_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/synctest"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// handlerDoer sends each request straight to a fake Handler in memory, so
// that a whole run fits in a synctest bubble, on its virtual clock.
type handlerDoer struct{ h *fake.Handler }

func (d handlerDoer) Do(r *http.Request) (*http.Response, error) {
	if r.Body == nil { // a server's request always has a body
		r.Body = http.NoBody
	}
	rec := httptest.NewRecorder()
	d.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

// bigOrg gives h 1,000 invites (some accepted, whose members it makes)
// and as many more members as make 1,000.
func bigOrg(t *testing.T, h interface {
	Seed(int)
	Members() []fake.Member
	AddMember(fake.Member) (fake.Member, error)
}) {
	h.Seed(1000)
	for i := len(h.Members()); i < 1000; i++ {
		_, err := h.AddMember(fake.Member{ID: fmt.Sprintf("user-%04d", i), Email: fmt.Sprintf("m%d@example.com", i), Role: "reader"})
		require.NoError(t, err)
	}
}

// A plan over 1,000 members and 1,000 invites costs one paged read of
// each, and as the API limits each endpoint on its own, the two reads take
// the time of one.
func TestReadOrgOfThousandsIsTwoPagedReadsSideBySide(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		const perSecond = 1 // each endpoint: 1 request a second, burst 1
		h := fake.NewHandler(fake.WithClock(time.Now))
		bigOrg(t, h)
		h.SetFaults(fake.Faults{RateLimit: perSecond, RateWindow: time.Second, RateBurst: 1, RateLimitHeaders: true})
		c, err := client.New(client.WithoutEnvironment(), client.WithAPIKey(h.Key()), client.WithBaseURL("http://127.0.0.1/v1"),
			client.WithHTTPClient(handlerDoer{h}), client.WithMaxRetries(10), client.WithMaxRetryWait(time.Minute))
		require.NoError(t, err)

		start := time.Now()
		org, err := roster.ReadOrg(t.Context(), c)
		require.NoError(t, err)
		took := time.Since(start)
		assert.Equal(t, 1000, len(org.Members)) //nolint:testifylint // Len would print a thousand members
		assert.Equal(t, 1000, len(org.Invites)) //nolint:testifylint // and a thousand invites

		stats := h.Stats()
		lists := stats.CountAt(fake.EndpointListUsers, http.StatusOK) + stats.CountAt(fake.EndpointListInvites, http.StatusOK)
		assert.Equal(t, 20, lists, "10 pages of 100 each")
		assert.Equal(t, 20, stats.Total, "and no other request: no 429, no retry")
		// One endpoint's 10 pages at 1 a second, burst 1, take 9 s at best;
		// the two endpoints side by side take no longer than that.
		ideal := 9 * time.Second
		t.Logf("ReadOrg of 1,000 members and 1,000 invites: %d requests, %s (the rate limit's ideal: %s; one after the other: %s)",
			stats.Total, took, ideal, 2*ideal+time.Second)
		assert.GreaterOrEqual(t, took, ideal)
		assert.Less(t, took, ideal+2*time.Second, "the two reads overlap")
	})
}

// A page that fails fails the whole read: no partial Org, from which a plan
// would remove whoever the missing page holds.
func TestReadOrgFailsWholeWhenAPageFails(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t)
	bigOrg(t, srv)
	c := newClient(t, srv, client.WithMaxRetries(0))
	srv.FailNthAt(fake.EndpointListUsers, fake.FaultServerError, 3)
	org, err := roster.ReadOrg(t.Context(), c)
	require.ErrorIs(t, err, client.ErrServer)
	assert.Empty(t, org.Members)
	assert.Empty(t, org.Invites)
}

// The first read to fail stops the other: a users read that fails on its
// first page leaves the invites, ten pages at a page a second, unread, and
// its own error, not the cancellation, is the one returned.
func TestReadOrgStopsTheOtherReadWhenOneFails(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		h := fake.NewHandler(fake.WithClock(time.Now))
		bigOrg(t, h)
		h.SetFaults(fake.Faults{RateLimit: 1, RateWindow: time.Second, RateBurst: 1, RateLimitHeaders: true})
		h.FailNthAt(fake.EndpointListUsers, fake.FaultServerError, 1)
		c, err := client.New(client.WithoutEnvironment(), client.WithAPIKey(h.Key()), client.WithBaseURL("http://127.0.0.1/v1"),
			client.WithHTTPClient(handlerDoer{h}), client.WithMaxRetries(0), client.WithMaxRetryWait(time.Minute))
		require.NoError(t, err)

		start := time.Now()
		org, err := roster.ReadOrg(t.Context(), c)
		require.ErrorIs(t, err, client.ErrServer)
		require.NotErrorIs(t, err, context.Canceled)
		assert.Equal(t, roster.Org{}, org)
		pages := h.Stats().CountAt(fake.EndpointListInvites, http.StatusOK)
		assert.Less(t, pages, 10, "the invites read stopped")
		assert.Less(t, time.Since(start), 9*time.Second, "without waiting out its pages")
	})
}

// A nil context or no client is an error, returned before any goroutine
// starts, never a panic in one that no caller could recover; Apply sends
// nothing and says why for each write.
func TestReadsAndApplyRefuseANilContextOrNoClient(t *testing.T) {
	t.Parallel()
	srv := fake.NewServer(t, fake.WithMembers(fake.Member{Email: "grace@example.com", Role: "owner"}))
	good := newClient(t, srv)
	var noContext context.Context
	for name, tc := range map[string]struct {
		ctx context.Context
		c   *client.Client
	}{
		"nil context":  {noContext, good},
		"nil client":   {t.Context(), nil},
		"zero client":  {t.Context(), &client.Client{}},
		"zero, no ctx": {noContext, &client.Client{}},
	} {
		_, err := roster.ReadOrg(tc.ctx, tc.c)
		require.ErrorIs(t, err, roster.ErrInvalidArgument, name)
		_, err = roster.ReadMembers(tc.ctx, tc.c)
		require.ErrorIs(t, err, roster.ErrInvalidArgument, name)

		actions := roster.Plan([]rosterfile.Entry{entry("ada@example.com", client.RoleReader), entry("grace@example.com", client.RoleOwner)}, roster.Org{}, roster.PlanOptions{})
		var results []roster.Result
		for r := range roster.Apply(tc.ctx, tc.c, actions, roster.ApplyOptions{Concurrency: 2}) {
			results = append(results, r)
		}
		require.Len(t, results, 2, name)
		for _, r := range results {
			require.ErrorIs(t, r.Err, roster.ErrNotStarted, name)
			require.ErrorIs(t, r.Err, roster.ErrInvalidArgument, name)
			assert.Equal(t, roster.NotAttempted, r.Outcome(), name)
		}
	}
	assert.Zero(t, srv.Stats().Total, "nothing read, nothing sent")
	_, err := roster.ReadOrg(t.Context(), good)
	require.NoError(t, err, "the good client, given a context, reads")
}
