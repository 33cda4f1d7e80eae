// Every projects command names a project the way an admin knows it, by ID
// or by name, and the members commands a person by user ID or by email.
// Both are resolved here, once for every command, from complete reads: a
// project's name is found by reading every project (client FindByName), and
// a person by reading every member of the project, since "not in the
// project" must never be taken from half a list.

package projectcmd

import (
	"context"
	"errors"
	"fmt"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
)

// findProject is the project arg names: the project with that ID, else the
// one project with that name (archived ones too with includeArchived). A
// name several projects share is a usage error listing their IDs.
func findProject(ctx context.Context, c *client.Client, arg string, includeArchived bool) (*client.Project, error) {
	if client.ValidateProjectID(arg) == nil {
		p, _, err := c.Projects.Get(ctx, arg)
		if !errors.Is(err, client.ErrNotFound) {
			return p, err
		}
	}
	p, _, err := c.Projects.FindByName(ctx, arg, includeArchived)
	switch {
	case errors.Is(err, client.ErrAmbiguousName):
		return nil, &cmdutil.UsageError{Err: err}
	case errors.Is(err, client.ErrNoMatch):
		scope := "every project was read"
		if !includeArchived {
			scope = "every active project was read; an archived project's members can be neither read nor changed"
		}
		return nil, fmt.Errorf("no project has the ID or name %q (%s)", arg, scope)
	}
	return p, err
}

// describeProject names a project for a message: its ID, and its name.
func describeProject(p client.Project) string { return cmdutil.DescribeProject(p.ID, p.Name) }

// activeProject is the project arg names, refused (a usage error) when
// archived: an archived project's members can be neither read nor changed.
func activeProject(ctx context.Context, c *client.Client, arg string) (*client.Project, error) {
	p, err := findProject(ctx, c, arg, false)
	if err != nil {
		return nil, err
	}
	if p.Archived() {
		return nil, cmdutil.Usagef("project %s is archived: the API refuses every call about its members", describeProject(*p))
	}
	return p, nil
}

// projectMembers is the project arg names, active, and every one of its
// members, read whole.
func projectMembers(ctx context.Context, c *client.Client, arg string) (*client.Project, []client.ProjectMember, error) {
	p, err := activeProject(ctx, c, arg)
	if err != nil {
		return nil, nil, err
	}
	var members []client.ProjectMember
	for m, err := range c.ProjectMembers.All(ctx, p.ID, client.AllProjectMembersParams{}) {
		if err != nil {
			return nil, nil, err
		}
		members = append(members, m)
	}
	return p, members, nil
}

// memberNamed is the member of p that arg (a user ID or an email) names
// among members, the whole list of p's members; an error says none does.
func memberNamed(p client.Project, members []client.ProjectMember, arg string) (client.ProjectMember, error) {
	if m, ok := cmdutil.FindPerson(members, arg, projectMemberWho); ok {
		return m, nil
	}
	return client.ProjectMember{}, fmt.Errorf("no member of project %s has the %s %s (all %d of its members were read)",
		describeProject(p), cmdutil.PersonArgKind(arg), arg, len(members))
}

// projectMemberWho is a project member's user ID and email, as people are
// named.
func projectMemberWho(m client.ProjectMember) (string, string) { return m.UserID, m.Email }

// describeMember names a project member for a message.
func describeMember(m client.ProjectMember) string {
	return cmdutil.DescribePerson(m.UserID, m.Email, m.Name)
}
