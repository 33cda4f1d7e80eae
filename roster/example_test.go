package roster_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
)

func ExampleEntry_HasRole() {
	// An empty role cell, as an HR export without a role column gives:
	// the roster does not say, so the plan changes no one's role.
	e, err := rosterfile.ParseEntry("grace@example.com", "", "")
	if err != nil {
		log.Fatal(err)
	}
	org := roster.Org{Members: []client.User{{ID: "user-1", Email: "grace@example.com", Role: client.RoleOwner}}}
	for _, a := range roster.Plan([]rosterfile.Entry{e, {Email: "alan@example.com"}}, org, roster.PlanOptions{}) {
		fmt.Println(a.Email, a.Kind, a.Entry.Role, "-", a.Reason)
	}
	fmt.Println(e.HasRole())
	// Output:
	// grace@example.com keep owner - already a member; the roster gives no role, so they keep theirs
	// alan@example.com create reader - no member, no pending invite (the roster gives no role: reader, the default)
	// false
}

func ExamplePlan() {
	entries := []rosterfile.Entry{
		{Email: "ada@example.com", Role: client.RoleOwner},
		{Email: "grace@example.com", Role: client.RoleReader},
		{Email: "alan@example.com", Role: client.RoleReader},
	}
	org := roster.Org{ // as client's Users.All and Invites.All yield them
		Members: []client.User{
			{ID: "user-1", Email: "grace@example.com", Role: client.RoleReader},
			{ID: "user-2", Email: "mallory@example.com", Role: client.RoleReader},
		},
		Invites: []client.Invite{
			{ID: "invite-1", Email: "ada@example.com", Role: client.RoleReader, Status: client.StatusPending},
			{ID: "invite-2", Email: "grace@example.com", Role: client.RoleReader, Status: client.StatusAccepted},
			{ID: "invite-3", Email: "linus@example.com", Role: client.RoleReader, Status: client.StatusPending},
		},
	}
	for _, a := range roster.Plan(entries, org, roster.PlanOptions{RevokeMissing: true, RemoveMembers: true}) {
		fmt.Printf("%-8s %-19s %-8s %s\n", a.Kind, a.Email, a.InviteID()+a.UserID(), a.Reason)
	}
	// Output:
	// replace  ada@example.com     invite-1 pending invite differs: role reader -> owner
	// keep     grace@example.com   user-1   already a member with this role
	// create   alan@example.com             no member, no pending invite
	// revoke   linus@example.com   invite-3 not in the roster
	// remove   mallory@example.com user-2   not in the roster
}

func ExampleKind_Writes() {
	fmt.Println(roster.Create.Writes(), roster.Keep.Writes(), roster.Unlisted.Writes())
	// Output: true false false
}

func ExampleApply() {
	// A fake Invites API stands in for OpenAI's; a real program would call
	// client.New() with OPENAI_ADMIN_KEY set.
	srv, err := fake.Start("127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	entries := []rosterfile.Entry{
		{Email: "ada@example.com", Role: client.RoleReader},
		{Email: "grace@example.com", Role: client.RoleOwner},
	}

	// Each run reads the organization afresh, plans, and applies what is
	// left: the second run finds nothing to do.
	for run := 1; run <= 2; run++ {
		org, err := roster.ReadOrg(ctx, c) // every member and invite, or an error
		if err != nil {
			log.Fatal(err)
		}
		for r := range roster.Apply(ctx, c, roster.Plan(entries, org, roster.PlanOptions{}), roster.ApplyOptions{}) {
			if r.Err != nil {
				fmt.Printf("run %d: %s %s %s: %v\n", run, r.Action.Kind, r.Action.Email, r.Outcome(), r.Err)
				continue
			}
			fmt.Printf("run %d: %s %s %s\n", run, r.Action.Kind, r.Action.Email, r.Outcome())
		}
	}
	// Output:
	// run 1: create ada@example.com done
	// run 1: create grace@example.com done
	// run 2: keep ada@example.com unchanged
	// run 2: keep grace@example.com unchanged
}

func ExampleAction_Outcome() {
	actions := roster.Plan([]rosterfile.Entry{{Email: "ada@example.com", Role: client.RoleReader}}, roster.Org{Invites: []client.Invite{
		{ID: "invite-1", Email: "ada@example.com", Role: client.RoleReader, Status: client.StatusPending},
		{ID: "invite-2", Email: "linus@example.com", Role: client.RoleReader, Status: client.StatusPending},
	}}, roster.PlanOptions{RevokeMissing: true})
	for _, a := range actions { // as a dry run reports them
		fmt.Println(a.Kind, a.Email, a.Outcome())
	}
	// Output:
	// keep ada@example.com unchanged
	// revoke linus@example.com planned
}

func ExampleResult_Outcome() {
	replace := roster.Action{Kind: roster.Replace, Email: "ada@example.com"}
	for _, r := range []roster.Result{
		{Action: replace},
		{Action: replace, Err: fmt.Errorf("%w: %w", roster.ErrDeletedNotCreated, client.ErrServer)},
		{Action: replace, Err: fmt.Errorf("%w: %w", roster.ErrNotStarted, context.Canceled)},
		{Action: replace, Err: client.ErrServer},
		{Action: roster.Action{Kind: roster.Unlisted}},
	} {
		fmt.Println(r.Outcome())
	}
	// Output:
	// done
	// deleted_not_recreated
	// not_attempted
	// failed
	// unchanged
}

func ExamplePlanOptions_Kinds() {
	fmt.Println(roster.PlanOptions{}.Kinds())
	fmt.Println(roster.PlanOptions{CreateOnly: true}.Kinds())
	// Output:
	// [create resend replace revoke set-role remove add-to-project set-project-role remove-from-project held mismatch unlisted managed keep]
	// [create resend add-to-project held mismatch unlisted managed keep]
}

func ExampleFromOrg() {
	org := roster.Org{
		Members: []client.User{ // as client's Users.All yields them
			{ID: "user-1", Email: "grace@example.com", Role: client.RoleReader},
		},
		Invites: []client.Invite{ // as client's Invites.All yields them, newest first
			{Email: "ada@example.com", Role: client.RoleOwner, Status: client.StatusPending,
				Projects: []client.ProjectGrant{{ID: "proj_a", Role: client.ProjectRoleOwner}}},
			{Email: "grace@example.com", Role: client.RoleReader, Status: client.StatusAccepted},
			{Email: "alan@example.com", Role: client.RoleReader, Status: client.StatusExpired},
		},
	}
	if err := rosterfile.WriteCSV(os.Stdout, roster.FromOrg(org)); err != nil {
		log.Fatal(err)
	}
	// Output:
	// email,role,projects
	// grace@example.com,reader,
	// ada@example.com,owner,proj_a:owner
}

func ExampleReadMembers() {
	srv, err := fake.Start("127.0.0.1:0", fake.WithMembers(fake.Member{Email: "grace@example.com", Role: "owner"}))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}
	members, err := roster.ReadMembers(context.Background(), c) // all of them, or an error
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(members), members[0].Email, members[0].Role)
	// Output: 1 grace@example.com owner
}

func ExampleLimits_Check() {
	org := roster.Org{Members: []client.User{
		{ID: "user-1", Email: "boss@example.com", Role: client.RoleOwner},
		{ID: "user-2", Email: "ada@example.com", Role: client.RoleOwner},
		{ID: "user-3", Email: "alan@example.com", Role: client.RoleReader},
	}}
	// A roster cut short: only the boss is left in it, and it says ada is
	// a reader.
	actions := roster.Plan([]rosterfile.Entry{
		{Email: "boss@example.com", Role: client.RoleOwner},
	}, org, roster.PlanOptions{RemoveMembers: true})
	fmt.Println(roster.Limits{MaxRemovals: 1}.Check(actions))
	actions = roster.Plan([]rosterfile.Entry{
		{Email: "boss@example.com", Role: client.RoleOwner},
		{Email: "ada@example.com", Role: client.RoleReader},
		{Email: "alan@example.com"}, // no role: alan keeps his
	}, org, roster.PlanOptions{})
	err := roster.Limits{MaxRemovals: 5}.Check(actions)
	fmt.Println(err, errors.Is(err, roster.ErrTooManyDemotions))
	// Output:
	// the plan removes 2 members, more than the limit of 1: ada@example.com, alan@example.com
	// the plan demotes 1 owner to reader, more than the limit of 0: ada@example.com true
}

func ExampleLeavesNoOwner() {
	members := []client.User{
		{ID: "user-1", Role: client.RoleOwner},
		{ID: "user-ci", Role: client.RoleOwner, IsServiceAccount: true}, // no one signs in as it
		{ID: "user-2", Role: client.RoleReader},
	}
	fmt.Println(roster.LeavesNoOwner(members, map[string]client.Role{"user-1": client.RoleReader}))
	fmt.Println(roster.LeavesNoOwner(members, map[string]client.Role{"user-1": "", "user-2": client.RoleOwner}))
	// Output:
	// true
	// false
}
