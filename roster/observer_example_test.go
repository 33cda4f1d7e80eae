package roster_test

import (
	"context"
	"fmt"
	"log"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
)

// An audit trail of every write: told before the write goes out, and
// again with its outcome. Returning an error for a sent event keeps the
// write from being sent.
func ExampleApplyOptions_observe() {
	srv, err := fake.Start("127.0.0.1:0", fake.WithMembers(fake.Member{ID: "user-ada", Email: "ada@example.com", Role: "reader"}))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	org, err := roster.ReadOrg(ctx, c)
	if err != nil {
		log.Fatal(err)
	}
	entries := []rosterfile.Entry{{Email: "ada@example.com", Role: client.RoleOwner}, {Email: "grace@example.com", Role: client.RoleReader}}
	audit := func(ev roster.WriteEvent) error {
		switch ev.Phase {
		case roster.WriteSent:
			fmt.Println("sending", ev.Write, ev.Email, ev.Role)
		case roster.WriteOutcome:
			fmt.Println(ev.Outcome, ev.Write, ev.Email, ev.StatusCode, "attempts:", ev.Attempts)
		}
		return nil
	}
	for r := range roster.Apply(ctx, c, roster.Plan(entries, org, roster.PlanOptions{}), roster.ApplyOptions{Observe: audit}) {
		if r.Err != nil {
			log.Println(r.Action.Email, r.Err)
		}
	}
	// Output:
	// sending set-member-role ada@example.com owner
	// done set-member-role ada@example.com 200 attempts: 1
	// sending create-invite grace@example.com reader
	// done create-invite grace@example.com 200 attempts: 1
}
