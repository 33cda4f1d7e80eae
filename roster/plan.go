// A plan is a pure function of a roster and the organization as read, so it
// can be shown, checked (--check) and tested without a server, and an apply
// that was cut short is finished by simply planning again.

package roster

import (
	"fmt"
	"strings"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/internal/rules"
	"github.com/goinvites/invites/rosterfile"
)

// Kind is what an action does.
type Kind string

// The kinds of action. Only Create, Resend, Replace, Revoke, SetRole,
// Remove and the three of project access send anything (see [Kind.Writes]).
const (
	Create  Kind = "create"   // no member and no invite for the email: create one
	Resend  Kind = "resend"   // only expired invites for the email: create one
	Replace Kind = "replace"  // a pending invite differs: delete it, then create the roster's
	Revoke  Kind = "revoke"   // a pending invite no roster entry wants, or one for a member: delete it
	SetRole Kind = "set-role" // a member has another role than the roster's: change it
	Remove  Kind = "remove"   // with PlanOptions.RemoveMembers, a member in no entry: remove them
	// AddToProject: a member is not in a project their projects cell
	// names: add them, with the cell's role.
	AddToProject Kind = "add-to-project"
	// SetProjectRole: a member has another role in a project than their
	// cell gives: change it.
	SetProjectRole Kind = "set-project-role"
	// RemoveFromProject: a member is in a project the sync manages that
	// their cell does not name: remove them from it.
	RemoveFromProject Kind = "remove-from-project"
	Keep              Kind = "keep"     // a member or a pending invite matches: nothing to do
	Mismatch          Kind = "mismatch" // with PlanOptions.CreateOnly, a member or pending invite differs: nothing to do
	Unlisted          Kind = "unlisted" // a member or pending invite in no entry, neither removed nor revoked: nothing to do
	Managed           Kind = "managed"  // a service account or SCIM-managed member differs or is unlisted: never changed
	Held              Kind = "held"     // a write the guard rails refuse (a removal, a role change, an invite to a look-alike): nothing is sent
)

// Writes reports whether an action of this kind sends a request that
// changes the organization.
func (k Kind) Writes() bool {
	switch k {
	case Create, Resend, Replace, Revoke, SetRole, Remove, AddToProject, SetProjectRole, RemoveFromProject:
		return true
	}
	return false
}

// aboutProject reports whether an action of this kind is about a
// member's access to one project.
func (k Kind) aboutProject() bool {
	return k == AddToProject || k == SetProjectRole || k == RemoveFromProject
}

// Drift reports whether an action of this kind means the organization
// differs from the roster: every write, and the differences a plan shows
// but leaves alone (an unlisted member or pending invite, a mismatch, a
// held write). A managed member is the directory's business, not drift.
func (k Kind) Drift() bool {
	switch k {
	case Unlisted, Mismatch, Held:
		return true
	}
	return k.Writes()
}

// Org is the organization as read: every member and every invite, and,
// when read, its projects and the members of those the sync manages, each
// from a complete read (see [ReadOrgWith]). A plan made from a partial read
// could remove someone the missing page holds.
type Org struct {
	Members []client.User
	Invites []client.Invite
	// Projects are every project, archived ones included; nil when the
	// projects were not read, and then a plan leaves project access alone.
	Projects []client.Project
	// ProjectMembers are the members of the projects whose members were
	// read, by project ID, each list complete. A project without a key
	// here was not read: a plan changes no one's access to it.
	ProjectMembers map[string][]client.ProjectMember
}

// Action is one step of a plan: what to do about one roster email, one
// pending invite or one member.
type Action struct {
	Kind  Kind
	Email string
	// Member is the member the action is about: the one kept, changed,
	// removed or left alone. nil when the email is no member.
	Member *client.User
	// Invite is the existing invite the action is about: the one kept,
	// replaced or revoked, or the newest expired one for a Resend. nil for
	// a Create and for an action about a member.
	Invite *client.Invite
	// Entry is what the roster asks; nil for an action about a pending
	// invite or a member no entry lists. Its Role is never empty: for an
	// entry without one (see [Entry.HasRole]) it is the role the member or
	// the pending invite already has, or for a new invite
	// PlanOptions.DefaultRole.
	Entry *rosterfile.Entry
	// Project is the project an action about project access is about
	// (AddToProject, SetProjectRole, RemoveFromProject, and such an action
	// held, managed or a mismatch); nil for any other.
	Project *client.Project
	// ProjectMember is Member's membership in Project as read; nil for an
	// AddToProject, and when Member is in no such project.
	ProjectMember *client.ProjectMember
	// ProjectRole is the role in Project the roster asks (AddToProject,
	// SetProjectRole); "" for a removal.
	ProjectRole client.ProjectRole
	// Reason says why, in words: what differs, or which guard held a write.
	// An action about a project names it, by name and ID.
	Reason string
}

// ProjectID is the ID of the project the action is about, "" if none.
func (a Action) ProjectID() string {
	if a.Project == nil {
		return ""
	}
	return a.Project.ID
}

// InviteID is the ID of the existing invite the action is about, "" if none.
func (a Action) InviteID() string {
	if a.Invite == nil {
		return ""
	}
	return a.Invite.ID
}

// UserID is the ID of the member the action is about, "" if none.
func (a Action) UserID() string {
	if a.Member == nil {
		return ""
	}
	return a.Member.ID
}

// PlanOptions change what Plan may do.
type PlanOptions struct {
	// RevokeMissing revokes the pending invites whose email is in no entry.
	// Without it they are Unlisted: left alone, and reported.
	RevokeMissing bool
	// RemoveMembers removes the members whose email is in no entry. Without
	// it they are Unlisted. The guard rails apply either way (see Plan).
	RemoveMembers bool
	// CreateOnly plans no delete, role change or removal at all: a member or
	// pending invite that differs is a Mismatch, and other pending invites
	// for a roster email are left alone. It is how `invites import` only adds.
	CreateOnly bool
	// DefaultRole is the role of a new invite (a Create or Resend) for an
	// entry without one: reader or owner; "" means reader, the least
	// privilege. A member such an entry names keeps their role, and a
	// pending invite is judged by its projects alone.
	DefaultRole client.Role
	// ManageProjects says which projects a plan over project access
	// manages, that is, may remove members from: by default (ScopeNamed)
	// those some entry's projects cell names, so that a project nobody
	// wrote down is never touched; ScopeAll, every active project. Either
	// way, only the projects whose members org holds are planned.
	ManageProjects ProjectScope
}

// defaultRole is the role a new invite for an entry without one gets.
func (o PlanOptions) defaultRole() client.Role {
	if o.DefaultRole == "" {
		return client.RoleReader
	}
	return o.DefaultRole
}

// Kinds lists the kinds of action a plan made with these options may hold,
// in the order reports count them.
func (o PlanOptions) Kinds() []Kind {
	if o.CreateOnly {
		return []Kind{Create, Resend, AddToProject, Held, Mismatch, Unlisted, Managed, Keep}
	}
	return []Kind{Create, Resend, Replace, Revoke, SetRole, Remove, AddToProject, SetProjectRole, RemoveFromProject, Held, Mismatch, Unlisted, Managed, Keep}
}

// Plan compares entries with the organization (org's members and invites of
// every status) and returns one action per entry, in entry order; then one
// Revoke per pending invite left over (with RevokeMissing, for a second
// pending invite to a roster email, and for a pending invite to a member);
// then (unless CreateOnly) one action per member no entry lists.
//
// For each entry: a member with the entry's role is kept; a member with
// another role gets a SetRole; with no member, the entry's invites decide
// (create, resend, replace or keep a pending invite). An entry without a
// role changes no one's role: its member is kept as they are, its pending
// invite is compared by projects only, and a new invite gets
// opts.DefaultRole. An accepted invite counts for nothing: the member it
// made is the truth, and a person who left and comes back gets a Create.
//
// Project access is planned when org holds the projects (see [ReadOrgWith]
// and the package doc): after each member's action, the AddToProject,
// SetProjectRole and RemoveFromProject actions that make their access to
// the managed projects what their entry's projects cell says; an entry
// with an empty cell (nil Projects) leaves it alone. Entries must name
// projects by ID here: [ResolveProjects] turns names into IDs first.
//
// Emails compare without regard to surrounding spaces, case and Unicode
// form: trimmed, then as the client and the fake compare them. An email is
// planned once: entries that repeat an earlier one's email
// ([rosterfile.Read] reports them as problems) are left out.
//
// The guard rails: a service account or SCIM-managed member is never changed
// or removed (Managed); a member whose email matches no entry but looks like
// one ([rules.VisibleKey]: it differs only by spaces, invisible characters or
// compatibility forms) is Held, never removed; and when the plan would leave
// the organization without an owner, every demotion and removal of an owner
// is Held. So is every write that would leave a managed project without an
// owner of its own, and every write to the project access of a member held
// as a look-alike. Limits on how many removals and demotions a run may make
// are the caller's, with [Limits.Check]; [Apply] enforces them too.
func Plan(entries []rosterfile.Entry, org Org, opts PlanOptions) []Action {
	members := map[string][]*client.User{}
	for i := range org.Members {
		if m := &org.Members[i]; m.Email != "" {
			members[trimmedKey(m.Email)] = append(members[trimmedKey(m.Email)], m)
		}
	}
	invites := map[string][]client.Invite{}
	for _, inv := range org.Invites {
		invites[trimmedKey(inv.Email)] = append(invites[trimmedKey(inv.Email)], inv)
	}
	handled := map[string]bool{} // pending invite IDs that have their action
	rostered := map[string]bool{}
	access := readAccess(entries, org, opts)
	var actions []Action
	for i := range entries {
		e := &entries[i]
		k := trimmedKey(e.Email)
		if rostered[k] {
			continue
		}
		rostered[k] = true
		if ms := members[k]; ms != nil {
			for _, m := range ms {
				actions = append(actions, planMember(e, m, opts))
				actions = append(actions, access.plan(e, m)...)
			}
			continue
		}
		a := planEntry(e, invites[k], opts)
		if a.Invite != nil && a.Invite.Status == client.StatusPending {
			handled[a.Invite.ID] = true
		}
		actions = append(actions, a)
	}
	for _, inv := range org.Invites {
		if inv.Status != client.StatusPending || handled[inv.ID] {
			continue
		}
		k := trimmedKey(inv.Email)
		a := Action{Kind: Revoke, Email: inv.Email, Invite: &inv}
		switch {
		case opts.CreateOnly:
			continue
		case members[k] != nil:
			a.Reason = "already a member"
		case rostered[k]:
			a.Reason = "a second pending invite for the same email"
		case opts.RevokeMissing:
			a.Reason = "not in the roster"
		default:
			a.Kind, a.Reason = Unlisted, "not in the roster"
		}
		actions = append(actions, a)
	}
	if !opts.CreateOnly { // a plan that only adds has nothing to say of those it does not list
		looks := lookalikes(entries)
		for i := range org.Members {
			m := &org.Members[i]
			if m.Email == "" || !rostered[trimmedKey(m.Email)] {
				actions = append(actions, planUnlisted(m, looks, opts))
			}
		}
	}
	actions = append(actions, access.unread()...)
	return access.holdOwnerless(holdOwnerless(org.Members, holdLookalikes(org, actions)))
}

// withRole is e, or for an entry without a role a copy given role: the one
// a member or a pending invite already has, or the default of a new invite.
func withRole(e *rosterfile.Entry, role client.Role) *rosterfile.Entry {
	if e.HasRole() {
		return e
	}
	resolved := *e
	resolved.Role = role
	return &resolved
}

// planMember decides the action for an entry whose email is a member's.
func planMember(e *rosterfile.Entry, m *client.User, opts PlanOptions) Action {
	a := Action{Email: e.Email, Entry: withRole(e, m.Role), Member: m}
	switch {
	case !e.HasRole():
		a.Kind, a.Reason = Keep, "already a member; the roster gives no role, so they keep theirs"
	case m.Role == e.Role:
		a.Kind, a.Reason = Keep, "already a member with this role"
	case m.Managed():
		a.Kind, a.Reason = Managed, fmt.Sprintf("%s, role %s -> %s not changed", managedKind(m), m.Role, e.Role)
	case opts.CreateOnly:
		a.Kind, a.Reason = Mismatch, fmt.Sprintf("member's role %s -> %s", m.Role, e.Role)
	default:
		a.Kind, a.Reason = SetRole, fmt.Sprintf("member's role %s -> %s", m.Role, e.Role)
	}
	return a
}

// planUnlisted decides the action for a member no entry lists.
func planUnlisted(m *client.User, looks map[string]string, opts PlanOptions) Action {
	a := Action{Email: m.Email, Member: m}
	switch like, ok := looks[rules.VisibleKey(m.Email)]; {
	case m.Managed():
		a.Kind, a.Reason = Managed, managedKind(m)+", not in the roster: never removed"
	case m.Email == "":
		a.Kind, a.Reason = Unlisted, "a member with no email, which no roster can list: never removed"
	case ok:
		a.Kind, a.Reason = Held, fmt.Sprintf("not removed: differs from the roster's %s only by spaces, invisible characters or Unicode form", like)
	case opts.RemoveMembers:
		a.Kind, a.Reason = Remove, "not in the roster"
	default:
		a.Kind, a.Reason = Unlisted, "not in the roster"
	}
	return a
}

// managedKind is the label a plan's reason gives a managed member: who
// manages it, in two words.
func managedKind(m *client.User) string {
	if m.IsServiceAccount {
		return "service account"
	}
	return "managed by SCIM"
}

// planEntry decides the action for an entry with no member; invites are
// those for its email, newest first.
func planEntry(e *rosterfile.Entry, invites []client.Invite, opts PlanOptions) Action {
	a := Action{Email: e.Email, Entry: withRole(e, opts.defaultRole())}
	pending, expired := pick(invites, e)
	switch {
	case pending != nil:
		a.Invite, a.Entry = pending, withRole(e, pending.Role)
		diffs := differences(*e, *pending)
		switch {
		case diffs == nil:
			a.Kind, a.Reason = Keep, "pending invite matches"
		case opts.CreateOnly:
			a.Kind, a.Reason = Mismatch, "pending invite differs: "+strings.Join(diffs, "; ")
		default:
			a.Kind, a.Reason = Replace, "pending invite differs: "+strings.Join(diffs, "; ")
		}
	case expired != nil:
		a.Kind, a.Invite, a.Reason = Resend, expired, "only expired invites"
	default:
		a.Kind, a.Reason = Create, "no member, no pending invite"
	}
	if !e.HasRole() && (a.Kind == Create || a.Kind == Resend) {
		a.Reason += fmt.Sprintf(" (the roster gives no role: %s, the default)", a.Entry.Role)
	}
	return a
}

// pick chooses, among one email's invites (newest first), the pending
// invite the entry is judged by (a matching one if any, else the newest)
// and the newest expired one. Accepted invites count for nothing: who is a
// member is the Users API's to say.
func pick(invites []client.Invite, e *rosterfile.Entry) (pending, expired *client.Invite) {
	for i := range invites {
		inv := &invites[i]
		switch inv.Status {
		case client.StatusPending:
			if pending == nil || (differences(*e, *pending) != nil && differences(*e, *inv) == nil) {
				pending = inv
			}
		case client.StatusExpired:
			if expired == nil {
				expired = inv
			}
		}
	}
	return pending, expired
}
