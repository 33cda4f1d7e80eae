package rosterfile_test

import (
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/rosterfile"
)

func ExampleRead() {
	// A Google Workspace user download, cut to a few of its columns: it is
	// recognised by its header, its emails are found, suspended accounts
	// are left out, and every other column is ignored.
	export := `First Name [Required],Last Name [Required],Email Address [Required],Org Unit Path [Required],Status [READ ONLY]
Ada,Lovelace,ada@example.com,/Engineering,Active
Charles,Babbage,charles@example.com,/Engineering,Suspended
Grace,Hopper,grace@example,/Engineering,Active
`
	f, err := rosterfile.Read(strings.NewReader(export))
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range f.Notices() {
		fmt.Println(n)
	}
	for _, r := range f.Rows {
		if !r.Valid() {
			fmt.Printf("line %d: %s\n", r.Line, r.Problem())
			continue
		}
		fmt.Printf("line %d: %s role %q [%s]\n", r.Line, r.Email, r.Role, rosterfile.FormatProjects(r.Projects))
	}
	for _, s := range f.Skipped {
		fmt.Printf("line %d left out: %s\n", s.Line, s.Reason())
	}
	// Output:
	// Google Workspace user export recognised; emails from "Email Address [Required]"
	// kept 2 of 3 rows, those with Status [READ ONLY] "Active"; left out 1 with Status [READ ONLY] "Suspended"
	// ignored 3 columns: "First Name [Required]", "Last Name [Required]", "Org Unit Path [Required]"
	// no role column: their roles are left as they are (a member keeps theirs; a new invite gets the default role)
	// line 2: ada@example.com role "" []
	// line 4: invalid email "grace@example": the domain needs a dot (a fully-qualified name such as example.com)
	// line 3 left out: Status [READ ONLY] is "Suspended", not "Active"
}

func ExampleRead_options() {
	// A sheet of the admin's own, semicolon-separated as European Excel
	// saves it, whose columns have other names; only one team is wanted.
	sheet := "Name;Mail;Access;Team\r\n" +
		"Ada;ada@example.com;owner;Research\r\n" +
		"Grace;grace@example.com;;Research\r\n" +
		"Alan;alan@example.com;reader;Logic\r\n" +
		";;;\r\n"
	team, err := rosterfile.ParseFilter("team=research") // --where team=research
	if err != nil {
		log.Fatal(err)
	}
	f, err := rosterfile.Read(strings.NewReader(sheet),
		rosterfile.WithEmailColumn("Mail"),  // --email-column Mail
		rosterfile.WithRoleColumn("Access"), // --role-column Access
		rosterfile.WithFilters(team),        // --where team=research
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("delimiter %q, %d empty row(s) skipped\n", f.Delimiter, f.EmptyRows)
	for _, e := range f.Entries() {
		fmt.Printf("%s %q\n", e.Email, e.Role)
	}
	for _, n := range f.Notices() {
		fmt.Println(n)
	}
	// Output:
	// delimiter ';', 1 empty row(s) skipped
	// ada@example.com "owner"
	// grace@example.com ""
	// kept 2 of 3 rows, those with team "research"; left out 1 with team "Logic"
	// ignored 1 column: "Name"
	// 1 row has no role: their roles are left as they are (a member keeps theirs; a new invite gets the default role)
}

func ExampleWithOwnersWhere() {
	// An Okta report has no role column: the owners are named by rule
	// (--owner-where Department=IT), and everyone else keeps their role.
	export := "\"Username\",\"Primary email\",\"Department\",\"Status\"\n" +
		"\"ada\",\"ada@example.com\",\"IT\",\"ACTIVE\"\n" +
		"\"grace\",\"grace@example.com\",\"Research\",\"ACTIVE\"\n"
	it, err := rosterfile.ParseFilter("Department=IT")
	if err != nil {
		log.Fatal(err)
	}
	f, err := rosterfile.Read(strings.NewReader(export), rosterfile.WithOwnersWhere(it))
	if err != nil {
		log.Fatal(err)
	}
	for _, e := range f.Entries() {
		fmt.Printf("%s %q\n", e.Email, e.Role)
	}
	for _, n := range f.Notices() {
		fmt.Println(n)
	}
	// Output:
	// ada@example.com "owner"
	// grace@example.com ""
	// Okta user report recognised; emails from "Primary email"
	// kept 2 of 2 rows, those with Status "ACTIVE"
	// ignored 1 column: "Username"
	// owners by rule (Department "IT"): 1 row
	// 1 row has no role: their roles are left as they are (a member keeps theirs; a new invite gets the default role)
}

func ExampleParseEntry() {
	e, err := rosterfile.ParseEntry("ada@example.com", "OWNER", "proj_a:member")
	fmt.Println(e.Role, e.Projects, err)
	_, err = rosterfile.ParseEntry("ada", "admin", "")
	fmt.Println(err)
	// Output:
	// owner [{proj_a member}] <nil>
	// invalid email "ada": not a bare address such as name@example.com
	// invalid role "admin": must be "reader" or "owner"
}

func ExampleParseProjects() {
	for _, cell := range []string{"", "none", "proj_b:owner; proj_a:member"} {
		grants, _ := rosterfile.ParseProjects(cell)
		fmt.Printf("%q: nil %v, %d grant(s), written back %q\n", cell, grants == nil, len(grants), rosterfile.FormatProjects(grants))
	}
	// Output:
	// "": nil true, 0 grant(s), written back ""
	// "none": nil false, 0 grant(s), written back "none"
	// "proj_b:owner; proj_a:member": nil false, 2 grant(s), written back "proj_b:owner;proj_a:member"
}

func ExampleFormatProjects() {
	fmt.Println(rosterfile.FormatProjects([]client.ProjectGrant{{ID: "proj_a", Role: client.ProjectRoleOwner}}))
	fmt.Println(rosterfile.FormatProjects([]client.ProjectGrant{}))
	// Output:
	// proj_a:owner
	// none
}

func ExampleWriteCSV() {
	err := rosterfile.WriteCSV(os.Stdout, []rosterfile.Entry{
		{Email: "ada@example.com", Role: client.RoleReader},
		{Email: "grace@example.com", Role: client.RoleOwner, Projects: []client.ProjectGrant{}},
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// email,role,projects
	// ada@example.com,reader,
	// grace@example.com,owner,none
}

func ExampleEntries() {
	f, _ := rosterfile.Read(strings.NewReader("email,role\nada@example.com,reader\nnobody,reader\n"))
	fmt.Println(len(f.Rows), "rows,", len(rosterfile.Entries(f.Rows)), "valid")
	// Output: 2 rows, 1 valid
}
