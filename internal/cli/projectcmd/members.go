// The members commands decide from complete reads: the project named, every
// one of its members and, before a change that could take an owner away,
// the organization's members, whose owners own every project and whose
// project role no call changes. A read cut short is no read at all.

package projectcmd

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/roster"
)

// ProjectOptions are what every command about one project runs with.
type ProjectOptions struct {
	IO     *cmdutil.IOStreams
	Client cmdutil.ClientFunc
	Output string

	Project string // an ID, or a name
}

// checkProjectArg refuses, before anything is sent, an argument that can
// name no project.
func checkProjectArg(arg string) error {
	if strings.TrimSpace(arg) == "" {
		return cmdutil.Usagef("an empty project: give a project ID or name")
	}
	return nil
}

// checkArgs refuses, before anything is sent, a project or people that no
// argument can name.
func checkArgs(project string, people ...string) error {
	if err := checkProjectArg(project); err != nil {
		return err
	}
	for _, arg := range people {
		if err := cmdutil.CheckPersonArg(arg); err != nil {
			return err
		}
	}
	return nil
}

// projectChange is what a command that changes a project's members read
// first: the project, its members, and the organization's owners.
type projectChange struct {
	c         *client.Client
	project   client.Project
	members   []client.ProjectMember
	orgOwners map[string]bool // by user ID
}

// readForChange reads what a change to the members of the project
// opts names is decided from.
func readForChange(ctx context.Context, opts *ProjectOptions) (*projectChange, error) {
	c, err := opts.Client(ctx)
	if err != nil {
		return nil, err
	}
	p, members, err := projectMembers(ctx, c, opts.Project)
	if err != nil {
		return nil, err
	}
	users, err := roster.ReadMembers(ctx, c)
	if err != nil {
		return nil, err
	}
	owners := map[string]bool{}
	for _, u := range users {
		// A service account that owns the organization is listed as an
		// owner of every project too, and runs none: it is no project's
		// owner of its own either.
		if u.Role == client.RoleOwner {
			owners[u.ID] = true
		}
	}
	return &projectChange{c: c, project: *p, members: members, orgOwners: owners}, nil
}

// memberNamed is the member of the project arg names; an error says none
// does.
func (pc *projectChange) memberNamed(arg string) (client.ProjectMember, error) {
	return memberNamed(pc.project, pc.members, arg)
}

// refuseOrgOwners refuses a change to any owner of the organization among
// targets: they own every project, and the API refuses to change that.
func (pc *projectChange) refuseOrgOwners(verb string, targets []client.ProjectMember) error {
	var errs []error
	for _, m := range targets {
		if pc.orgOwners[m.UserID] {
			errs = append(errs, fmt.Errorf("refusing to %s %s: an owner of the organization owns every project, and the API refuses to change that; make them a reader first (invites users set-role %s reader)",
				verb, describeMember(m), m.UserID))
		}
	}
	if errs == nil {
		return nil
	}
	return &cmdutil.UsageError{Err: errors.Join(errs...)}
}

// leavesNoOwner reports whether the changes (by user ID: the new role, ""
// for a removal) would take away the project's last owner of its own: the
// organization's owners own every project by their organization role, and
// a project needs someone besides them. The rule is the organization's
// (roster.LeavesNoOwner), over the project's members who do not own the
// organization, each as owning the project or not.
func (pc *projectChange) leavesNoOwner(changes map[string]client.ProjectRole) bool {
	var members []client.User
	for _, m := range pc.members {
		if !pc.orgOwners[m.UserID] {
			members = append(members, client.User{ID: m.UserID, Role: owning(m.Role)})
		}
	}
	after := make(map[string]client.Role, len(changes))
	for id, r := range changes {
		after[id] = owning(r)
	}
	return roster.LeavesNoOwner(members, after)
}

// owning is a project role as the owner rule counts it: owner, or not.
func owning(r client.ProjectRole) client.Role {
	if r == client.ProjectRoleOwner {
		return client.RoleOwner
	}
	return ""
}

// owners names the project's owners who do not own the organization, for a
// refusal that would leave it without one.
func (pc *projectChange) owners() string {
	var names []string
	for _, m := range pc.members {
		if m.Role == client.ProjectRoleOwner && !pc.orgOwners[m.UserID] {
			names = append(names, describeMember(m))
		}
	}
	return strings.Join(names, ", ")
}
