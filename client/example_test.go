package client_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"time"

	"github.com/goinvites/invites/client"
)

// The examples talk to a stand-in for the API, so that their output is
// checked; in real use, New reads OPENAI_ADMIN_KEY and needs no options.

const (
	ada   = `{"object":"organization.invite","id":"invite-ada","email":"ada@example.com","role":"owner","status":"pending","created_at":1767225600,"expires_at":1767830400,"accepted_at":null,"projects":[]}`
	grace = `{"object":"organization.invite","id":"invite-grace","email":"grace@example.com","role":"reader","status":"accepted","created_at":1767139200,"expires_at":null,"accepted_at":1767142800,"projects":[{"id":"proj_1","role":"member"}]}`
	alan  = `{"object":"organization.invite","id":"invite-alan","email":"alan@example.com","role":"reader","status":"pending","created_at":1767225700,"expires_at":1767830500,"accepted_at":null,"projects":[{"id":"proj_1","role":"owner"}]}`
)

var routes = map[string]string{
	"GET /v1/organization/invites/invite-ada":                 ada,
	"GET /v1/organization/invites?limit=2":                    `{"object":"list","data":[` + ada + `,` + grace + `],"first_id":"invite-ada","last_id":"invite-grace","has_more":true}`,
	"GET /v1/organization/invites?limit=2&after=invite-grace": `{"object":"list","data":[` + alan + `],"first_id":"invite-alan","last_id":"invite-alan","has_more":false}`,
	"GET /v1/organization/invites?limit=100":                  `{"object":"list","data":[` + ada + `,` + grace + `],"first_id":"invite-ada","last_id":"invite-grace","has_more":false}`,
	"POST /v1/organization/invites":                           alan,
	"DELETE /v1/organization/invites/invite-ada":              `{"object":"organization.invite.deleted","id":"invite-ada","deleted":true}`,
	"DELETE /v1/organization/invites/invite-grace":            `{"error":{"message":"Cannot delete an invite that has been accepted.","type":"invalid_request_error","param":null,"code":null}}`,
}

// newExampleClient starts the stand-in and returns a client for it, and a
// function that stops it.
func newExampleClient() (*client.Client, func()) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Request-Id", "req_123")
		if trace := r.Header.Get("X-Trace-Id"); trace != "" {
			w.Header().Set("X-Trace-Echo", trace)
		}
		body, ok := routes[r.Method+" "+r.URL.RequestURI()]
		switch {
		case !ok:
			w.WriteHeader(http.StatusNotFound)
			body = `{"error":{"message":"No such invite.","type":"invalid_request_error","param":null,"code":null}}`
		case r.Method == http.MethodDelete && r.URL.Path == "/v1/organization/invites/invite-grace":
			w.WriteHeader(http.StatusBadRequest)
		}
		_, _ = w.Write([]byte(body))
	}))
	c, err := client.New(client.WithAPIKey("sk-admin-example"), client.WithBaseURL(srv.URL+"/v1"))
	if err != nil {
		log.Fatal(err)
	}
	return c, srv.Close
}

func ExampleNew() {
	c, err := client.New(client.WithAPIKey("sk-admin-example"), client.WithBaseURL("https://api.openai.com/v1"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c) // the key is never printed
	// Output: client.Client{https://api.openai.com/v1/, key redacted}
}

func ExampleInvitesService_Get() {
	c, stop := newExampleClient()
	defer stop()
	inv, resp, err := c.Invites.Get(context.Background(), "invite-ada")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inv.Email, inv.Role, inv.Status, inv.CreatedAt.Format("2006-01-02"))
	fmt.Println("accepted:", !inv.AcceptedAt.IsZero(), "request:", resp.RequestID)
	// Output:
	// ada@example.com owner pending 2026-01-01
	// accepted: false request: req_123
}

func ExampleInvitesService_List() {
	c, stop := newExampleClient()
	defer stop()
	page, _, err := c.Invites.List(context.Background(), client.ListParams{Limit: 2})
	if err != nil {
		log.Fatal(err)
	}
	for _, inv := range page.Invites {
		fmt.Println(inv.ID, inv.Status)
	}
	fmt.Println("more after", page.LastID+":", page.HasMore)
	// Output:
	// invite-ada pending
	// invite-grace accepted
	// more after invite-grace: true
}

func ExampleInvitesService_All() {
	c, stop := newExampleClient()
	defer stop()
	for inv, err := range c.Invites.All(context.Background(), client.AllParams{Status: client.StatusPending, Limit: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(inv.Email)
	}
	// Output:
	// ada@example.com
	// alan@example.com
}

func ExampleInvitesService_Create() {
	c, stop := newExampleClient()
	defer stop()
	inv, _, err := c.Invites.Create(context.Background(), client.CreateParams{
		Email: "alan@example.com",
		Role:  client.RoleReader,
		// nil: the default project; []client.ProjectGrant{}: no project at all.
		Projects: []client.ProjectGrant{{ID: "proj_1", Role: client.ProjectOwner}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inv.ID, inv.Projects)
	// Output: invite-alan [{proj_1 owner}]
}

func ExampleInvitesService_Delete() {
	c, stop := newExampleClient()
	defer stop()
	if _, err := c.Invites.Delete(context.Background(), "invite-ada"); err != nil {
		log.Fatal(err)
	}
	_, err := c.Invites.Delete(context.Background(), "invite-grace")
	fmt.Println(errors.Is(err, client.ErrInvalidRequest))
	fmt.Println(err)
	// Output:
	// true
	// 400 Bad Request: Cannot delete an invite that has been accepted. (request req_123)
}

func ExampleInvitesService_FindByEmail() {
	c, stop := newExampleClient()
	defer stop()
	inv, resp, err := c.Invites.FindByEmail(context.Background(), "ADA@example.com")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inv.ID, resp.RequestID)
	_, _, err = c.Invites.FindByEmail(context.Background(), "grace@example.com") // accepted, not pending
	fmt.Println(errors.Is(err, client.ErrNoMatch))
	// Output:
	// invite-ada req_123
	// true
}

func ExampleInvitesService_Ensure() {
	c, stop := newExampleClient()
	defer stop()
	got, resp, err := c.Invites.Ensure(context.Background(), client.CreateParams{Email: "ada@example.com", Role: client.RoleOwner})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.Invite.ID, got.Outcome, resp.StatusCode)

	_, _, err = c.Invites.Ensure(context.Background(), client.CreateParams{Email: "ada@example.com", Role: client.RoleReader})
	var mismatch *client.MismatchError
	if errors.As(err, &mismatch) {
		fmt.Println(mismatch.Existing.Role, mismatch.Fields)
	}
	// Output:
	// invite-ada existing 200
	// owner [role]
}

func ExampleAPIError() {
	c, stop := newExampleClient()
	defer stop()
	_, resp, err := c.Invites.Get(context.Background(), "invite-missing")
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Message, apiErr.RequestID)
	}
	fmt.Println(errors.Is(err, client.ErrNotFound), resp.Attempts)
	// Output:
	// 404 No such invite. req_123
	// true 1
}

func ExampleWithCallTimeout() {
	c, stop := newExampleClient()
	defer stop()
	// One call with its own deadline and a header for tracing; the Client's
	// settings stay as they are for every other call.
	inv, resp, err := c.Invites.Get(context.Background(), "invite-ada",
		client.WithCallTimeout(5*time.Second),
		client.WithCallHeader("X-Trace-Id", "trace-42"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inv.ID, resp.Header.Get("X-Trace-Echo"))
	// Output: invite-ada trace-42
}

func ExampleWithCallHeader() {
	c, stop := newExampleClient()
	defer stop()
	_, _, err := c.Invites.Get(context.Background(), "invite-ada", client.WithCallHeader("X-Trace-Id", "line\nbreak"))
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

func ExampleValidateID() {
	fmt.Println(client.ValidateID("invite-abc"))
	fmt.Println(client.ValidateID(".."))
	// Output:
	// <nil>
	// invalid id "..": a dot segment, which would address another path
}

func ExampleResponse_Header() {
	c, stop := newExampleClient()
	defer stop()
	_, resp, err := c.Invites.Get(context.Background(), "invite-ada")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.Header.Get("Content-Type"))
	_, resp, err = c.Invites.Get(context.Background(), "invite-missing")
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Header.Get("X-Request-Id"), resp.Header.Get("X-Request-Id"))
	}
	// Output:
	// application/json
	// req_123 req_123
}

// newRateLimitedServer answers the first request 429, with the wait only
// in the message as the Admin API does, and creates alan's invite after.
func newRateLimitedServer() (string, func()) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if calls.Add(1) == 1 {
			w.WriteHeader(http.StatusTooManyRequests)
			_, _ = w.Write([]byte(`{"error":{"message":"Rate limit reached for requests. Please try again after 0.02 seconds.","type":"requests","param":null,"code":"rate_limit_exceeded"}}`))
			return
		}
		_, _ = w.Write([]byte(alan))
	}))
	return srv.URL + "/v1", srv.Close
}

func ExampleWithOnWait() {
	url, stop := newRateLimitedServer()
	defer stop()
	c, err := client.New(client.WithAPIKey("sk-admin-example"), client.WithBaseURL(url),
		client.WithOnWait(func(w client.Wait) { fmt.Println("waiting:", w.Reason) }))
	if err != nil {
		log.Fatal(err)
	}
	inv, resp, err := c.Invites.Create(context.Background(), client.CreateParams{Email: "alan@example.com", Role: client.RoleReader})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inv.ID, "after", resp.Attempts, "attempts; waited:", resp.Waited > 0)
	// Output:
	// waiting: rate limited
	// invite-alan after 2 attempts; waited: true
}

func ExampleWithoutPacing() {
	params := client.CreateParams{Email: "alan@example.com", Role: client.RoleReader}
	for _, pacing := range []bool{true, false} {
		url, stop := newRateLimitedServer()
		opts := []client.Option{client.WithAPIKey("sk-admin-example"), client.WithBaseURL(url), client.WithMaxRetries(0)}
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
		stop()
	}
	// Output:
	// pacing true: rate limited: false
	// pacing false: rate limited: true
}
