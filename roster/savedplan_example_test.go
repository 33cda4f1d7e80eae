package roster_test

import (
	"bytes"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
	"github.com/goinvites/invites/rosterfile"
)

// exampleOrg is an organization as ReadOrg would return it.
func exampleOrg() roster.Org {
	return roster.Org{
		Members: []client.User{
			{ID: "user-boss", Email: "boss@example.com", Role: client.RoleOwner},
			{ID: "user-ada", Email: "ada@example.com", Role: client.RoleReader},
		},
		Invites: []client.Invite{
			{ID: "invite-bob", Email: "bob@example.com", Role: client.RoleReader, Status: client.StatusPending},
		},
	}
}

var exampleEntries = []rosterfile.Entry{
	{Email: "boss@example.com", Role: client.RoleOwner},
	{Email: "ada@example.com", Role: client.RoleOwner},
	{Email: "carol@example.com", Role: client.RoleReader, Projects: []client.ProjectGrant{{ID: "proj_a", Role: client.ProjectRoleMember}}},
}

func ExampleSavePlan() {
	org := exampleOrg()
	actions := roster.Plan(exampleEntries, org, roster.PlanOptions{RevokeMissing: true})
	saved := roster.SavePlan(actions, org, roster.PlanInfo{
		Roster:      roster.SavedRoster{Path: "roster.csv", SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"},
		Options:     map[string]string{"--revoke-missing": "true"},
		ToolVersion: "v1.2.3",
		CreatedAt:   time.Date(2025, 3, 4, 9, 30, 0, 0, time.UTC), // zero: now
	})
	if _, err := saved.WriteTo(os.Stdout); err != nil { // to a file: with internal/atomicfile
		log.Fatal(err)
	}
	// Output:
	// {
	//   "format": "invites-plan",
	//   "version": 2,
	//   "created_at": "2025-03-04T09:30:00Z",
	//   "tool_version": "v1.2.3",
	//   "roster": {
	//     "path": "roster.csv",
	//     "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
	//   },
	//   "options": {
	//     "--revoke-missing": "true"
	//   },
	//   "actions": [
	//     {
	//       "kind": "keep",
	//       "email": "boss@example.com",
	//       "user_id": "user-boss",
	//       "reason": "already a member with this role",
	//       "before": {
	//         "role": "owner"
	//       },
	//       "after": {
	//         "role": "owner"
	//       }
	//     },
	//     {
	//       "kind": "set-role",
	//       "email": "ada@example.com",
	//       "user_id": "user-ada",
	//       "reason": "member's role reader -> owner",
	//       "before": {
	//         "role": "reader"
	//       },
	//       "after": {
	//         "role": "owner"
	//       }
	//     },
	//     {
	//       "kind": "create",
	//       "email": "carol@example.com",
	//       "reason": "no member, no pending invite",
	//       "before": null,
	//       "after": {
	//         "role": "reader",
	//         "projects": "proj_a:member"
	//       }
	//     },
	//     {
	//       "kind": "revoke",
	//       "email": "bob@example.com",
	//       "invite_id": "invite-bob",
	//       "reason": "not in the roster",
	//       "before": {
	//         "role": "reader"
	//       },
	//       "after": null
	//     }
	//   ],
	//   "org": [
	//     {
	//       "email": "ada@example.com",
	//       "members": [
	//         {
	//           "id": "user-ada",
	//           "role": "reader"
	//         }
	//       ],
	//       "invites": []
	//     },
	//     {
	//       "email": "carol@example.com",
	//       "members": [],
	//       "invites": []
	//     },
	//     {
	//       "email": "bob@example.com",
	//       "members": [],
	//       "invites": [
	//         {
	//           "id": "invite-bob",
	//           "status": "pending",
	//           "role": "reader"
	//         }
	//       ]
	//     }
	//   ],
	//   "projects": []
	// }
}

// savedExample is ExampleSavePlan's plan as its file holds it.
func savedExample() []byte {
	org := exampleOrg()
	var file bytes.Buffer
	saved := roster.SavePlan(roster.Plan(exampleEntries, org, roster.PlanOptions{RevokeMissing: true}), org, roster.PlanInfo{})
	if _, err := saved.WriteTo(&file); err != nil {
		log.Fatal(err)
	}
	return file.Bytes()
}

func ExampleReadSavedPlan() {
	saved, err := roster.ReadSavedPlan(bytes.NewReader(savedExample())) // an *os.File in a program
	var format *roster.PlanFormatError
	switch {
	case errors.As(err, &format):
		log.Fatalf("made by another version: %v", err)
	case err != nil:
		log.Fatal(err)
	}
	fmt.Println(saved.Format, saved.Version, len(saved.Actions), "actions")
	// Output: invites-plan 2 4 actions
}

func ExampleSavedPlan_CheckAge() {
	saved, err := roster.ReadSavedPlan(bytes.NewReader(savedExample()))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(saved.CheckAge(time.Now(), time.Hour))
	err = saved.CheckAge(time.Now().Add(3*time.Hour), time.Hour)
	fmt.Println(errors.Is(err, roster.ErrPlanTooOld))
	// Output:
	// <nil>
	// true
}

func ExampleSavedPlan_Check() {
	saved, err := roster.ReadSavedPlan(bytes.NewReader(savedExample()))
	if err != nil {
		log.Fatal(err)
	}
	org := exampleOrg() // a fresh read, as ReadOrg returns it
	org.Invites[0].Status = client.StatusAccepted
	org.Members = append(org.Members, client.User{ID: "user-bob", Email: "bob@example.com", Role: client.RoleReader})
	err = saved.Check(org)
	var changed *roster.PlanChangedError
	if errors.As(err, &changed) {
		for _, c := range changed.Changes {
			fmt.Println(c)
		}
	}
	// Output:
	// new member bob@example.com (the plan: revoke)
	// invite to bob@example.com accepted (the plan: revoke)
}

func ExampleSavedPlan_Bind() {
	saved, err := roster.ReadSavedPlan(bytes.NewReader(savedExample()))
	if err != nil {
		log.Fatal(err)
	}
	org := exampleOrg() // a fresh read, as ReadOrg returns it
	org.Members = append(org.Members, client.User{ID: "user-dan", Email: "dan@example.com", Role: client.RoleReader})
	actions, err := saved.Bind(org) // dan touches nothing the plan does
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range actions { // ready for roster.Apply
		fmt.Println(a.Kind, a.Email, a.Reason)
	}
	// Output:
	// keep boss@example.com already a member with this role
	// set-role ada@example.com member's role reader -> owner
	// create carol@example.com no member, no pending invite
	// revoke bob@example.com not in the roster
}
