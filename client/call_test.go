package client

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestACallWhoseContextWasDoneSendsNothingAndSaysSo: the context is
// checked before anything is taken or sent, and the error is the context's,
// matching ErrNotSent: a create that never left the process is not an
// outcome to look for later.
func TestACallWhoseContextWasDoneSendsNothingAndSaysSo(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	s := play(mux, okInvite)
	cancelled, cancel := context.WithCancel(t.Context())
	cancel()
	expired, cancel := context.WithDeadline(t.Context(), time.Now())
	defer cancel()
	for name, call := range map[string]func(context.Context) error{
		"create": func(ctx context.Context) error { _, _, err := c.Invites.Create(ctx, reader); return err },
		"get":    func(ctx context.Context) error { _, _, err := c.Invites.Get(ctx, "invite-1"); return err },
		"ensure": func(ctx context.Context) error { _, _, err := c.Invites.Ensure(ctx, reader); return err },
		"remove": func(ctx context.Context) error { _, err := c.Users.Remove(ctx, "user-1"); return err },
	} {
		err := call(cancelled)
		require.ErrorIs(t, err, context.Canceled, name)
		require.ErrorIs(t, err, ErrNotSent, name)
		require.NotErrorIs(t, err, ErrOutcomeUnknown, name)
		err = call(expired)
		require.ErrorIs(t, err, context.DeadlineExceeded, name)
		require.ErrorIs(t, err, ErrNotSent, name)
	}
	assert.Empty(t, s.requests())
}

// TestACreateCutOffAfterItWasSentIsOutcomeUnknown: the server has the
// create (it counted it) when the caller's context ends; the error is the
// context's, and matches ErrOutcomeUnknown with the email, so the caller
// knows to Ensure it later. Nothing is sent after the context ended.
func TestACreateCutOffAfterItWasSentIsOutcomeUnknown(t *testing.T) {
	t.Parallel()
	c, mux, _ := setup(t)
	cctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var posts atomic.Int32
	mux.HandleFunc("/", func(_ http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			posts.Add(1)
		}
		_, _ = io.Copy(io.Discard, r.Body) // the invite is made
		cancel()                           // and the caller gives up before the answer
		<-r.Context().Done()
	})
	_, resp, err := c.Invites.Create(cctx, reader)
	require.ErrorIs(t, err, context.Canceled)
	require.ErrorIs(t, err, ErrOutcomeUnknown)
	require.NotErrorIs(t, err, ErrNotSent)
	var unknown *OutcomeUnknownError
	require.ErrorAs(t, err, &unknown)
	assert.Equal(t, reader.Email, unknown.Email)
	assert.Contains(t, err.Error(), reader.Email)
	assert.Equal(t, int32(1), posts.Load(), "one create, and no look-up after the context ended")
	assert.Equal(t, 1, resp.Attempts)
}

// waitForTheEnd is a server that takes each request and never answers: a
// request waits for its context, which the caller's deadline ends.
type waitForTheEnd struct{ got atomic.Int32 }

func (d *waitForTheEnd) Do(r *http.Request) (*http.Response, error) {
	d.got.Add(1)
	<-r.Context().Done()
	return nil, r.Context().Err()
}

// TestACreatePastItsDeadlineIsOutcomeUnknown: the same with a deadline,
// on synctest's clock.
func TestACreatePastItsDeadlineIsOutcomeUnknown(t *testing.T) {
	t.Parallel()
	synctest.Test(t, func(t *testing.T) {
		d := &waitForTheEnd{}
		c := newTestClient(t, "http://127.0.0.1/v1", WithHTTPClient(d))
		_, _, err := c.Invites.Create(t.Context(), reader, WithCallTimeout(100*time.Millisecond))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.ErrorIs(t, err, ErrOutcomeUnknown)
		var unknown *OutcomeUnknownError
		require.ErrorAs(t, err, &unknown)
		assert.Equal(t, reader.Email, unknown.Email)
		assert.Equal(t, int32(1), d.got.Load())

		// A read cut off the same way is the context's error, as it is.
		_, _, err = c.Invites.Get(t.Context(), "invite-1", WithCallTimeout(100*time.Millisecond))
		require.ErrorIs(t, err, context.DeadlineExceeded)
		require.NotErrorIs(t, err, ErrNotSent)
	})
}

// TestNoPanicOnANilContextOrAZeroClient: every method of every service
// returns an error, as go-github's do, for a nil context and for a Client
// that New did not make; a nil or zero Client prints.
func TestNoPanicOnANilContextOrAZeroClient(t *testing.T) {
	t.Parallel()
	s := newFake(t)
	made := newTestClient(t, s.URL())
	var nilCtx context.Context
	calls := func(c *Client, ctx context.Context) map[string]error {
		all := func(seq func(func(Invite, error) bool)) (err error) {
			seq(func(_ Invite, e error) bool { err = e; return false })
			return err
		}
		users := func(seq func(func(User, error) bool)) (err error) {
			seq(func(_ User, e error) bool { err = e; return false })
			return err
		}
		errs := map[string]error{}
		_, _, errs["Invites.Get"] = c.Invites.Get(ctx, "invite-1")
		_, _, errs["Invites.List"] = c.Invites.List(ctx, ListParams{})
		errs["Invites.All"] = all(c.Invites.All(ctx, AllParams{}))
		_, _, errs["Invites.Create"] = c.Invites.Create(ctx, reader)
		_, errs["Invites.Delete"] = c.Invites.Delete(ctx, "invite-1")
		_, _, errs["Invites.FindByEmail"] = c.Invites.FindByEmail(ctx, reader.Email)
		_, _, errs["Invites.Ensure"] = c.Invites.Ensure(ctx, reader)
		_, _, errs["Users.Get"] = c.Users.Get(ctx, "user-1")
		_, _, errs["Users.List"] = c.Users.List(ctx, UserListParams{})
		errs["Users.All"] = users(c.Users.All(ctx, AllUsersParams{}))
		_, _, errs["Users.SetRole"] = c.Users.SetRole(ctx, "user-1", RoleOwner)
		_, errs["Users.Remove"] = c.Users.Remove(ctx, "user-1")
		_, _, errs["Users.FindByEmail"] = c.Users.FindByEmail(ctx, reader.Email)
		return errs
	}
	for name, err := range calls(made, nilCtx) {
		require.ErrorIs(t, err, ErrNilContext, name)
	}
	zero := &Client{}
	for name, err := range calls(zero, t.Context()) {
		require.ErrorIs(t, err, ErrZeroClient, name)
	}
	for _, svc := range []*InvitesService{nil, new(InvitesService), (*InvitesService)(&service{client: zero})} {
		_, _, err := svc.Get(t.Context(), "invite-1")
		require.ErrorIs(t, err, ErrZeroClient)
		err = errors.New("no error yielded")
		for _, e := range svc.All(t.Context(), AllParams{}) {
			err = e
		}
		require.ErrorIs(t, err, ErrZeroClient)
	}
	_, err := (*UsersService)(nil).Remove(t.Context(), "user-1")
	require.ErrorIs(t, err, ErrZeroClient)
	var none *Client
	assert.Equal(t, "client.Client(nil)", none.String())
	assert.Equal(t, "client.Client{not made by New}", zero.String())
	assert.Zero(t, s.Stats().Total, "nothing was sent")
}
