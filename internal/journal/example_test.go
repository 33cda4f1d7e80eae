package journal_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/fake"
	"github.com/goinvites/invites/internal/journal"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
)

// A sync that journals every write as it happens.
func ExampleWriter_Observe() {
	dir, err := os.MkdirTemp("", "journal")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	srv, err := fake.Start("127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.WithAPIKey(srv.Key()), client.WithBaseURL(srv.URL()))
	if err != nil {
		log.Fatal(err)
	}

	w, err := journal.Open(filepath.Join(dir, "journal.jsonl")) // or journal.DefaultPath()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	org, err := roster.ReadOrg(ctx, c)
	if err != nil {
		log.Fatal(err)
	}
	actions := roster.Plan([]rosterfile.Entry{{Email: "ada@example.com", Role: client.RoleReader}}, org, roster.PlanOptions{})
	for r := range roster.Apply(ctx, c, actions, roster.ApplyOptions{Observe: w.Observe}) {
		fmt.Println(r.Action.Kind, r.Action.Email, r.Outcome())
	}
	if err := w.Err(); err != nil { // an outcome it could not record
		log.Println(err)
	}

	j, err := journal.Read(ctx, w.Path())
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range j.Records {
		fmt.Println(r.Run == w.Run(), r.Phase, r.Write, r.Email, r.Outcome, r.Status)
	}
	// Output:
	// create ada@example.com done
	// true sent create-invite ada@example.com  0
	// true outcome create-invite ada@example.com done 200
}

// What `invites journal` shows: the last runs, and what each left unknown.
func ExampleLog_LastRuns() {
	dir, err := os.MkdirTemp("", "journal")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "journal.jsonl")
	w, err := journal.Open(path, journal.WithRunID("run-1"))
	if err != nil {
		log.Fatal(err)
	}
	// A run killed as its second write went out.
	for _, r := range []journal.Record{
		{Phase: roster.WriteSent, Write: roster.CreateInvite, Kind: roster.Create, Index: 0, Email: "ada@example.com"},
		{Phase: roster.WriteOutcome, Write: roster.CreateInvite, Kind: roster.Create, Index: 0, Email: "ada@example.com", Outcome: roster.Done, Status: 200},
		{Phase: roster.WriteSent, Write: roster.RemoveMember, Kind: roster.Remove, Index: 1, Email: "bob@example.com", UserID: "user-bob"},
	} {
		if err := w.Append(r); err != nil {
			log.Fatal(err)
		}
	}

	j, err := journal.Read(context.Background(), path)
	if err != nil {
		log.Fatal(err)
	}
	for _, run := range j.LastRuns(10) {
		fmt.Printf("%s: %d sent, %d answered %v\n", run.ID, run.Sent, run.Answered(), run.Outcomes)
		for _, r := range run.NoOutcome {
			fmt.Println("  sent, never answered:", r.Write, r.Email, r.UserID)
		}
	}
	// Output:
	// run-1: 2 sent, 1 answered map[done:1]
	//   sent, never answered: remove-member bob@example.com user-bob
}

// What `invites journal --run ID` shows: each write of one run, with its
// outcome if it came.
func ExampleLog_WritesOf() {
	dir, err := os.MkdirTemp("", "journal")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "journal.jsonl")
	w, err := journal.Open(path, journal.WithRunID("run-1"))
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range []journal.Record{
		{Phase: roster.WriteSent, Write: roster.SetMemberRole, Kind: roster.SetRole, Index: 0, Email: "ada@example.com", UserID: "user-ada", Role: client.RoleOwner},
		{Phase: roster.WriteSent, Write: roster.DeleteInvite, Kind: roster.Revoke, Index: 1, Email: "bob@example.com", InviteID: "invite-bob"},
		{Phase: roster.WriteOutcome, Write: roster.SetMemberRole, Kind: roster.SetRole, Index: 0, Email: "ada@example.com", UserID: "user-ada", Role: client.RoleOwner, Outcome: roster.Done, Status: 200},
	} {
		if err := w.Append(r); err != nil {
			log.Fatal(err)
		}
	}

	j, err := journal.Read(context.Background(), path)
	if err != nil {
		log.Fatal(err)
	}
	for _, wr := range j.WritesOf("run-1") {
		outcome := "never answered"
		if wr.Outcome != nil {
			outcome = string(wr.Outcome.Outcome)
		}
		fmt.Println(wr.Sent.Write, wr.Sent.Email, outcome)
	}
	// Output:
	// set-member-role ada@example.com done
	// delete-invite bob@example.com never answered
}

// A journal a kill left with a line cut short: the line is no record, and
// Read says so.
func ExampleRead() {
	dir, err := os.MkdirTemp("", "journal")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "journal.jsonl")
	cut := `{"run":"run-1","time":"2025-03-04T09:30:00Z","phase":"sent","write":"create-invite","kind":"create","index":0,"email":"ada@example.com"}` + "\n" +
		`{"run":"run-1","time":"2025-03-04T09:30:01Z","phase":"outc`
	if err := os.WriteFile(path, []byte(cut), 0o600); err != nil {
		log.Fatal(err)
	}
	j, err := journal.Read(context.Background(), path)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(j.Records), "record")
	for _, s := range j.Skipped {
		fmt.Println(filepath.Base(s.Path), s.Line, s.Reason)
	}
	// Output:
	// 1 record
	// journal.jsonl 2 the last line has no end (58 bytes): an append cut short or under way
}

func ExampleDefaultPath() {
	path, err := journal.DefaultPath() // ~/.local/state/invites/journal.jsonl, say
	if err != nil {
		log.Fatal(err) // no home directory known: ask for a path
	}
	w, err := journal.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	_ = w // give w.Observe to roster.ApplyOptions
}

func ExampleOpen() {
	dir, err := os.MkdirTemp("", "journal")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	w, err := journal.Open(filepath.Join(dir, "journal.jsonl"), journal.WithRunID("nightly"), journal.WithMaxBytes(1<<20))
	if err != nil {
		log.Fatal(err)
	}
	err = w.Append(journal.Record{Phase: roster.WriteSent, Write: roster.DeleteInvite, Kind: roster.Revoke, Email: "bob@example.com", InviteID: "invite-bob"})
	fmt.Println(w.Run(), err)
	// Output: nightly <nil>
}
