package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
)

// The examples run against the project's fake (package fake), so that
// their output is checked: it is how a program's own tests can exercise
// the client too. In real use, New reads OPENAI_ADMIN_KEY and needs no
// options.

// example is the fake, holding three invites sent on 2026-01-01, and a
// client for it.
type example struct {
	*client.Client
	fake *fake.Server
	ids  map[string]string // invite IDs by email
}

// newExample starts the fake with grace's accepted invite, then ada's and
// linus's pending ones (ada an owner); Close stops it.
func newExample(opts ...fake.Option) *example {
	s, err := fake.Start("", append([]fake.Option{fake.WithNow(time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC))}, opts...)...)
	if err != nil {
		log.Fatal(err)
	}
	c, err := client.New(client.WithAPIKey(s.Key()), client.WithBaseURL(s.URL()))
	if err != nil {
		log.Fatal(err)
	}
	e := &example{Client: c, fake: s, ids: map[string]string{}}
	for _, p := range []client.CreateParams{
		{Email: "grace@example.com", Role: client.RoleReader, Projects: []client.ProjectGrant{{ID: "proj_1", Role: client.ProjectMember}}},
		{Email: "ada@example.com", Role: client.RoleOwner},
		{Email: "linus@example.com", Role: client.RoleReader},
	} {
		inv, _, err := c.Invites.Create(context.Background(), p)
		if err != nil {
			log.Fatal(err)
		}
		e.ids[inv.Email] = inv.ID
	}
	if err := s.Accept(e.ids["grace@example.com"]); err != nil {
		log.Fatal(err)
	}
	return e
}

func (e *example) Close() { e.fake.Close() }

func ExampleNew() {
	c, err := client.New(client.WithAPIKey("sk-admin-example"), client.WithBaseURL("https://api.openai.com/v1"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c) // the key is never printed
	// Output: client.Client{https://api.openai.com/v1/, key redacted}
}

func ExampleInvitesService_Get() {
	c := newExample()
	defer c.Close()
	inv, resp, err := c.Invites.Get(context.Background(), c.ids["ada@example.com"])
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inv.Email, inv.Role, inv.Status, inv.CreatedAt.Format("2006-01-02"))
	fmt.Println("accepted:", !inv.AcceptedAt.IsZero(), "request ID given:", resp.RequestID != "")
	// Output:
	// ada@example.com owner pending 2026-01-01
	// accepted: false request ID given: true
}

func ExampleInvitesService_List() {
	c := newExample()
	defer c.Close()
	page, _, err := c.Invites.List(context.Background(), client.ListParams{Limit: 2})
	if err != nil {
		log.Fatal(err)
	}
	for _, inv := range page.Invites {
		fmt.Println(inv.Email, inv.Status)
	}
	fmt.Println("more after ada's:", page.LastID == c.ids["ada@example.com"] && page.HasMore)
	// Output:
	// linus@example.com pending
	// ada@example.com pending
	// more after ada's: true
}

func ExampleInvitesService_All() {
	c := newExample()
	defer c.Close()
	for inv, err := range c.Invites.All(context.Background(), client.AllParams{Status: client.StatusPending, Limit: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(inv.Email)
	}
	// Output:
	// linus@example.com
	// ada@example.com
}

func ExampleInvitesService_Create() {
	c := newExample()
	defer c.Close()
	inv, _, err := c.Invites.Create(context.Background(), client.CreateParams{
		Email: "alan@example.com",
		Role:  client.RoleReader,
		// nil: the default project; []client.ProjectGrant{}: no project at all.
		Projects: []client.ProjectGrant{{ID: "proj_1", Role: client.ProjectOwner}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inv.Email, inv.Status, inv.Projects)
	// Output: alan@example.com pending [{proj_1 owner}]
}

func ExampleInvitesService_Delete() {
	c := newExample()
	defer c.Close()
	if _, err := c.Invites.Delete(context.Background(), c.ids["ada@example.com"]); err != nil {
		log.Fatal(err)
	}
	_, err := c.Invites.Delete(context.Background(), c.ids["grace@example.com"])
	var apiErr *client.APIError
	fmt.Println(errors.Is(err, client.ErrInvalidRequest), errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest)
	// Output:
	// true true
}

func ExampleInvitesService_FindByEmail() {
	c := newExample()
	defer c.Close()
	inv, _, err := c.Invites.FindByEmail(context.Background(), "ADA@example.com")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inv.Email, inv.Role, inv.ID == c.ids["ada@example.com"])
	_, _, err = c.Invites.FindByEmail(context.Background(), "grace@example.com") // accepted, not pending
	fmt.Println(errors.Is(err, client.ErrNoMatch))
	fmt.Println(err)
	// Output:
	// ada@example.com owner true
	// true
	// client: no match: no pending invite for grace@example.com
}

func ExampleInvitesService_Ensure() {
	c := newExample()
	defer c.Close()
	got, resp, err := c.Invites.Ensure(context.Background(), client.CreateParams{Email: "ada@example.com", Role: client.RoleOwner})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.Invite.Email, got.Outcome, resp.StatusCode)

	_, _, err = c.Invites.Ensure(context.Background(), client.CreateParams{Email: "ada@example.com", Role: client.RoleReader})
	var mismatch *client.MismatchError
	if errors.As(err, &mismatch) {
		fmt.Println(mismatch.Existing.Role, mismatch.Fields)
	}
	// Output:
	// ada@example.com existing 200
	// owner [role]
}

func ExampleAPIError() {
	c := newExample()
	defer c.Close()
	_, resp, err := c.Invites.Get(context.Background(), "invite-missing")
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Message, apiErr.Param, apiErr.RequestID == resp.RequestID)
	}
	fmt.Println(errors.Is(err, client.ErrNotFound), resp.Attempts)
	// Output:
	// 404 No invite found with id 'invite-missing'. invite_id true
	// true 1
}

func ExampleWithCallTimeout() {
	c := newExample()
	defer c.Close()
	// One call with its own deadline and a header for tracing; the Client's
	// settings stay as they are for every other call.
	inv, _, err := c.Invites.Get(context.Background(), c.ids["ada@example.com"],
		client.WithCallTimeout(5*time.Second),
		client.WithCallHeader("X-Trace-Id", "trace-42"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inv.Email)
	// Output: ada@example.com
}

func ExampleWithCallHeader() {
	c := newExample()
	defer c.Close()
	_, _, err := c.Invites.Get(context.Background(), c.ids["ada@example.com"], client.WithCallHeader("X-Trace-Id", "line\nbreak"))
	fmt.Println(errors.Is(err, client.ErrInvalidInput))
	// Output: true
}

func ExampleWithoutEnvironment() {
	// Whatever OPENAI_ADMIN_KEY or OPENAI_BASE_URL hold, this client uses
	// only what it is given.
	_, err := client.New(client.WithoutEnvironment())
	fmt.Println(errors.Is(err, client.ErrNoAPIKey))
	c, err := client.New(client.WithoutEnvironment(), client.WithAPIKey("sk-admin-example"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c)
	// Output:
	// true
	// client.Client{https://api.openai.com/v1/, key redacted}
}

func ExampleValidateEmail() {
	for _, email := range []string{"ada@example.com", "ada@localhost", `"ada lovelace"@example.com`} {
		fmt.Println(client.ValidateEmail(email))
	}
	// Output:
	// <nil>
	// invalid email "ada@localhost": the domain needs a dot (a fully-qualified name such as example.com)
	// invalid email "\"ada lovelace\"@example.com": '"' before the @ would need quoting, which is not accepted
}

func ExampleParseRole() {
	role, err := client.ParseRole(" Owner ")
	fmt.Println(role, err)
	_, err = client.ParseRole("admin")
	fmt.Println(err)
	// Output:
	// owner <nil>
	// invalid role "admin": must be "reader" or "owner"
}

func ExampleValidateRole() {
	fmt.Println(client.ValidateRole(client.RoleOwner))
	fmt.Println(client.ValidateRole("Owner")) // ParseRole accepts this one
	// Output:
	// <nil>
	// invalid role "Owner": must be "reader" or "owner"
}

func ExampleValidateInviteID() {
	fmt.Println(client.ValidateInviteID("invite-abc"))
	fmt.Println(client.ValidateInviteID(".."))
	// Output:
	// <nil>
	// invalid id "..": a dot segment, which would address another path
}

func ExampleResponse_Header() {
	c := newExample()
	defer c.Close()
	_, resp, err := c.Invites.Get(context.Background(), c.ids["ada@example.com"])
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.Header.Get("Content-Type"))
	_, resp, err = c.Invites.Get(context.Background(), "invite-missing")
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Header.Get("X-Request-Id") == resp.Header.Get("X-Request-Id"))
	}
	// Output:
	// application/json
	// true
}

// newRateLimitedFake is the fake answering the next create 429, with the
// wait (20 ms) only in the message, as the Admin API does.
func newRateLimitedFake() *fake.Server {
	s, err := fake.Start("", fake.WithFaults(fake.Faults{RetryAfter: 20 * time.Millisecond}))
	if err != nil {
		log.Fatal(err)
	}
	s.FailNextFor(http.MethodPost, fake.FaultRateLimit, 1)
	return s
}

func ExampleWithOnWait() {
	s := newRateLimitedFake()
	defer s.Close()
	c, err := client.New(client.WithAPIKey(s.Key()), client.WithBaseURL(s.URL()),
		client.WithOnWait(func(w client.Wait) { fmt.Println("waiting:", w.Reason) }))
	if err != nil {
		log.Fatal(err)
	}
	inv, resp, err := c.Invites.Create(context.Background(), client.CreateParams{Email: "alan@example.com", Role: client.RoleReader})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inv.Email, "after", resp.Attempts, "attempts; waited:", resp.Waited > 0)
	// Output:
	// waiting: rate limited
	// alan@example.com after 2 attempts; waited: true
}

func ExampleWithoutPacing() {
	params := client.CreateParams{Email: "alan@example.com", Role: client.RoleReader}
	for _, pacing := range []bool{true, false} {
		s := newRateLimitedFake()
		opts := []client.Option{client.WithAPIKey(s.Key()), client.WithBaseURL(s.URL()), client.WithMaxRetries(0)}
		if !pacing {
			opts = append(opts, client.WithoutPacing())
		}
		c, err := client.New(opts...)
		if err != nil {
			log.Fatal(err)
		}
		// No retries allowed: the paced client still sits out the 429's
		// wait, which is patience, not a retry; without pacing the 429 is a
		// failure like any other.
		_, _, err = c.Invites.Create(context.Background(), params)
		fmt.Printf("pacing %t: rate limited: %t\n", pacing, errors.Is(err, client.ErrRateLimited))
		s.Close()
	}
	// Output:
	// pacing true: rate limited: false
	// pacing false: rate limited: true
}
