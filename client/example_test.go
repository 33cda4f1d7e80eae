package client_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
)

func ExampleNew() {
	c, err := client.New(client.WithAPIKey("sk-admin-example"), client.WithBaseURL("https://api.openai.com/v1"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c) // the key is never printed
	// Output: client.Client{https://api.openai.com/v1/, key redacted}
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

func ExampleWithCallTimeout() {
	srv, err := fake.Start("")
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	// One call with its own deadline and a header for tracing; the Client's
	// settings stay as they are for every other call.
	inv, _, err := c.Invites.Create(context.Background(), client.CreateParams{Email: "ada@example.com", Role: client.RoleReader},
		client.WithCallTimeout(5*time.Second),
		client.WithCallHeader("X-Trace-Id", "trace-42"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(inv.Email)
	// Output: ada@example.com
}

func ExampleWithCallHeader() {
	c, err := client.New(client.WithAPIKey("sk-admin-example"))
	if err != nil {
		log.Fatal(err)
	}
	// A header that cannot be sent fails the call before anything is.
	_, _, err = c.Invites.Get(context.Background(), "invite-abc", client.WithCallHeader("X-Trace-Id", "line\nbreak"))
	fmt.Println(errors.Is(err, client.ErrInvalidInput))
	// Output: true
}

func ExampleResponse_Header() {
	srv, err := fake.Start("")
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	_, resp, err := c.Invites.List(context.Background(), client.ListParams{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.Header.Get("Content-Type"), resp.RequestID == resp.Header.Get("X-Request-Id"))
	// Output: application/json true
}

func ExampleAPIError() {
	srv, err := fake.Start("")
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

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

func ExampleRateLimitError() {
	// The fake allows one list an hour, on a clock that stands still, and
	// says how long to wait only in its 429's message, as the Admin API does.
	srv, err := fake.Start("", fake.WithNow(time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)),
		fake.WithFaults(fake.Faults{RateLimit: 1, RateWindow: time.Hour}))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	if _, _, err := c.Invites.List(ctx, client.ListParams{}); err != nil {
		log.Fatal(err)
	}

	_, _, err = c.Invites.List(ctx, client.ListParams{})
	var rl *client.RateLimitError
	if errors.As(err, &rl) { // a service can pass RetryAfter on to its own caller
		fmt.Println(rl.Reason)
		fmt.Println("retry after", rl.RetryAfter, "from the", rl.Source)
	}
	fmt.Println(errors.Is(err, client.ErrRateLimited))
	// Output:
	// the wait is longer than WithMaxRetryWait
	// retry after 1h0m0s from the message
	// true
}

func ExampleOutcomeUnknownError() {
	srv, err := fake.Start("")
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()), client.WithMaxRetries(0))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	alan := client.CreateParams{Email: "alan@example.com", Role: client.RoleReader}
	// The create is applied but answered 500, and the look-up for it fails.
	srv.FailNextFor(http.MethodPost, fake.FaultAmbiguousError, 1)
	srv.FailNextFor(http.MethodGet, fake.FaultServerError, 1)

	_, _, err = c.Invites.Create(ctx, alan)
	var unknown *client.OutcomeUnknownError
	if errors.As(err, &unknown) {
		fmt.Println("outcome unknown for", unknown.Email)
		// Later: Ensure looks first, and finds the invite the create made.
		got, _, err := c.Invites.Ensure(ctx, client.CreateParams{Email: unknown.Email, Role: client.RoleReader})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(got.Outcome, srv.CreatedFor(unknown.Email))
	}
	// Output:
	// outcome unknown for alan@example.com
	// existing 1
}

func ExampleErrNotSent() {
	c, err := client.New(client.WithAPIKey("sk-admin-example"))
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the caller gave up before the call

	_, _, err = c.Invites.Create(ctx, client.CreateParams{Email: "alan@example.com", Role: client.RoleReader})
	fmt.Println(errors.Is(err, client.ErrNotSent), errors.Is(err, context.Canceled), errors.Is(err, client.ErrOutcomeUnknown))
	// Output: true true false
}

func ExampleIncompleteReadError() {
	// A server whose second page says more invites follow, and holds none.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.URL.Query().Get("after") == "" {
			_, _ = io.WriteString(w, `{"object":"list","data":[{"id":"invite-1","email":"ada@example.com","role":"reader","status":"pending","created_at":1767258000}],"first_id":"invite-1","last_id":"invite-1","has_more":true}`)
			return
		}
		_, _ = io.WriteString(w, `{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":true}`)
	}))
	defer srv.Close()
	c, err := client.New(client.WithAPIKey("sk-admin-example"), client.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}

	read := 0
	for _, err := range c.Invites.All(context.Background(), client.AllParams{}) {
		var incomplete *client.IncompleteReadError
		if errors.As(err, &incomplete) {
			fmt.Printf("read %d, then the page after %s: %s\n", read, incomplete.After, incomplete.Reason)
			break // the invites read are not the list: plan nothing from them
		}
		if err != nil {
			log.Fatal(err)
		}
		read++
	}
	// Output: read 1, then the page after invite-1: the page says more follow but holds none
}

func ExampleWithOnWait() {
	srv, err := fake.Start("", fake.WithFaults(fake.Faults{RetryAfter: 20 * time.Millisecond}))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	srv.FailNextFor(http.MethodPost, fake.FaultRateLimit, 1) // the next create is answered 429, wait 20 ms
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()),
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
	for _, pacing := range []bool{true, false} {
		srv, err := fake.Start("", fake.WithFaults(fake.Faults{RetryAfter: 20 * time.Millisecond}))
		if err != nil {
			log.Fatal(err)
		}
		srv.FailNextFor(http.MethodPost, fake.FaultRateLimit, 1) // the next create is answered 429, wait 20 ms
		opts := []client.Option{client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()), client.WithMaxRetries(0)}
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
		_, _, err = c.Invites.Create(context.Background(), client.CreateParams{Email: "alan@example.com", Role: client.RoleReader})
		fmt.Printf("pacing %t: rate limited: %t\n", pacing, errors.Is(err, client.ErrRateLimited))
		srv.Close()
	}
	// Output:
	// pacing true: rate limited: false
	// pacing false: rate limited: true
}

func ExampleErrLookalike() {
	// The address is refused before anything is sent: no server is needed.
	c, err := client.New(client.WithAPIKey("sk-admin-example"))
	if err != nil {
		log.Fatal(err)
	}
	// "reаder" with a Cyrillic а (U+0430): it passes for reader@example.com.
	_, _, err = c.Invites.Create(context.Background(), client.CreateParams{Email: "re\u0430der@example.com", Role: client.RoleReader})
	fmt.Println(errors.Is(err, client.ErrLookalike))
	fmt.Println(err)
	// Output:
	// true
	// invalid email "reаder@example.com": looks like another address: U+0430 CYRILLIC SMALL LETTER A at position 3 (a Cyrillic letter among Latin ones, looks like "a")
}
