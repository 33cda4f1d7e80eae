// A run killed mid-way (SIGKILL, a closed laptop) leaves no report, so what
// was sent must be told as it happens: Apply tells an observer of every
// write before it goes out and again once its outcome is known, and a
// journal or a service's own audit trail is built on that.

package roster

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/goinvites/invites/client"
)

// Phase is where a write stands when the observer hears of it.
type Phase string

// The phases of a write, each told once per write.
const (
	// WriteSent is told before the write's first attempt goes out: the
	// server can have received nothing of it yet.
	WriteSent Phase = "sent"
	// WriteOutcome is told when the client has returned: the write was
	// carried out, failed, or was never sent after all.
	WriteOutcome Phase = "outcome"
)

// Write is one request that changes the organization. A Create or Resend
// is one CreateInvite, a Revoke one DeleteInvite, a SetRole one
// SetMemberRole, a Remove one RemoveMember, and a Replace a DeleteInvite
// then, if that succeeded, a CreateInvite. An AddToProject is one
// AddProjectMember, a SetProjectRole one SetProjectMemberRole, a
// RemoveFromProject one RemoveProjectMember.
type Write string

// The writes Apply sends.
const (
	CreateInvite         Write = "create-invite"
	DeleteInvite         Write = "delete-invite"
	SetMemberRole        Write = "set-member-role"
	RemoveMember         Write = "remove-member"
	AddProjectMember     Write = "add-project-member"
	SetProjectMemberRole Write = "set-project-member-role"
	RemoveProjectMember  Write = "remove-project-member"
)

// WriteEvent is what an observer is told of one write (see
// [ApplyOptions].Observe).
//
// A write is one call to the client, and the client may send it in several
// HTTP attempts: retries after a 429, a 5xx or a dropped connection, and a
// create's look-ups for what an earlier attempt made, before it sends again.
// The one WriteSent event comes before all of them, so a journal that holds
// it holds a record of every request the server may have received for the
// write; the WriteOutcome event says how many attempts went out.
type WriteEvent struct {
	Phase Phase
	Index int  // the action's position in the slice given to Apply
	Kind  Kind // the action's kind; a Replace's two writes share it
	Write Write
	Email string
	// InviteID is the invite deleted; in a CreateInvite's WriteOutcome, the
	// invite it made ("" when it made none, and in its WriteSent).
	InviteID string
	// UserID is the member whose role is set, or who is removed (from the
	// organization, or from ProjectID), or added to ProjectID.
	UserID string
	// Role and Projects are what a CreateInvite sends (Projects as in
	// [client.CreateParams]), and Role what a SetMemberRole sets.
	Role     client.Role
	Projects []client.ProjectGrant
	// ProjectID is the project of a write of project access, and
	// ProjectRole the role an AddProjectMember or SetProjectMemberRole
	// gives in it.
	ProjectID   string
	ProjectRole client.ProjectRole

	// The rest is set in a WriteOutcome event only.

	// Outcome is Done, Failed, or NotAttempted when no attempt went out
	// (the context ended first, or the client refused the call before
	// sending anything).
	Outcome Outcome
	// StatusCode, RequestID and Attempts are those of the client's
	// [client.Response]: the last attempt's status (0 when no answer came,
	// so a Failed write with status 0 may or may not have been applied)
	// and request ID, and how many attempts went out.
	StatusCode int
	RequestID  string
	Attempts   int
	// Err is the client's error for a write that did not succeed.
	Err error
}

// ErrNotRecorded is matched by the error of an action whose write Apply did
// not send because the observer returned an error for its WriteSent event;
// so is ErrNotStarted, unless a Replace's delete went before
// (ErrDeletedNotCreated).
var ErrNotRecorded = errors.New("roster: not sent, as the observer could not record it")

// observer tells one Apply's observer of its writes, one event at a time,
// so that an observer needs no lock of its own.
type observer struct {
	observe func(WriteEvent) error // nil: nobody listens
	mu      sync.Mutex
}

func (o *observer) tell(ev WriteEvent) error {
	if o.observe == nil {
		return nil
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.observe(ev)
}

// send tells the observer of ev, makes the write with do unless the
// observer refused it, then tells its outcome. do may fill in what only
// the answer says (a created invite's ID).
func (o *observer) send(ev WriteEvent, do func(ev *WriteEvent) (*client.Response, error)) (*client.Response, error) {
	ev.Phase = WriteSent
	if err := o.tell(ev); err != nil {
		return nil, fmt.Errorf("%w: %w: %w", ErrNotStarted, ErrNotRecorded, err)
	}
	resp, err := do(&ev)
	ev.Phase, ev.Err = WriteOutcome, err
	switch {
	case resp == nil || resp.Attempts == 0:
		ev.Outcome = NotAttempted
	case err == nil:
		ev.Outcome = Done
	default:
		ev.Outcome = Failed
	}
	if resp != nil {
		ev.StatusCode, ev.RequestID, ev.Attempts = resp.StatusCode, resp.RequestID, resp.Attempts
	}
	// The write is made: an observer that cannot record its outcome has
	// to say so itself (journal.Writer keeps the error for Err).
	_ = o.tell(ev)
	return resp, err
}

// createInvite sends a's entry's invite.
func (o *observer) createInvite(ctx context.Context, c *client.Client, i int, a Action) (*client.Invite, *client.Response, error) {
	p := a.Entry.Params()
	var inv *client.Invite
	resp, err := o.send(WriteEvent{Index: i, Kind: a.Kind, Write: CreateInvite, Email: a.Email, Role: p.Role, Projects: p.Projects},
		func(ev *WriteEvent) (*client.Response, error) {
			var resp *client.Response
			var err error
			inv, resp, err = c.Invites.Create(ctx, p)
			if inv != nil {
				ev.InviteID = inv.ID
			}
			return resp, err
		})
	return inv, resp, err
}

// deleteInvite deletes a's invite; one already gone (404) is what a delete
// wants, so it counts as deleted.
func (o *observer) deleteInvite(ctx context.Context, c *client.Client, i int, a Action) (*client.Response, error) {
	return o.send(WriteEvent{Index: i, Kind: a.Kind, Write: DeleteInvite, Email: a.Email, InviteID: a.Invite.ID},
		func(*WriteEvent) (*client.Response, error) {
			resp, err := c.Invites.Delete(ctx, a.Invite.ID)
			if errors.Is(err, client.ErrNotFound) {
				return resp, nil
			}
			return resp, err
		})
}

// setRole gives a's member the entry's role.
func (o *observer) setRole(ctx context.Context, c *client.Client, i int, a Action) (*client.User, *client.Response, error) {
	var u *client.User
	resp, err := o.send(WriteEvent{Index: i, Kind: a.Kind, Write: SetMemberRole, Email: a.Email, UserID: a.Member.ID, Role: a.Entry.Role},
		func(*WriteEvent) (*client.Response, error) {
			var resp *client.Response
			var err error
			u, resp, err = c.Users.SetRole(ctx, a.Member.ID, a.Entry.Role)
			return resp, err
		})
	return u, resp, err
}

// removeMember removes a's member.
func (o *observer) removeMember(ctx context.Context, c *client.Client, i int, a Action) (*client.Response, error) {
	return o.send(WriteEvent{Index: i, Kind: a.Kind, Write: RemoveMember, Email: a.Email, UserID: a.Member.ID},
		func(*WriteEvent) (*client.Response, error) { return c.Users.Remove(ctx, a.Member.ID) })
}

// changeProjectAccess adds a's member to its project (AddToProject) or
// changes their role in it (SetProjectRole), with the role the roster
// asks, and returns the membership as the write left it.
func (o *observer) changeProjectAccess(ctx context.Context, c *client.Client, i int, a Action) (*client.ProjectMember, *client.Response, error) {
	w, call := AddProjectMember, func() (*client.ProjectMember, *client.Response, error) {
		return c.ProjectMembers.Add(ctx, a.Project.ID, client.AddProjectMemberParams{UserID: a.Member.ID, Role: a.ProjectRole})
	}
	if a.Kind == SetProjectRole {
		w, call = SetProjectMemberRole, func() (*client.ProjectMember, *client.Response, error) {
			return c.ProjectMembers.SetRole(ctx, a.Project.ID, a.Member.ID, a.ProjectRole)
		}
	}
	var pm *client.ProjectMember
	resp, err := o.send(o.projectWrite(i, a, w, a.ProjectRole),
		func(*WriteEvent) (*client.Response, error) {
			var resp *client.Response
			var err error
			pm, resp, err = call()
			return resp, err
		})
	return pm, resp, err
}

// removeFromProject removes a's member from its project.
func (o *observer) removeFromProject(ctx context.Context, c *client.Client, i int, a Action) (*client.Response, error) {
	return o.send(o.projectWrite(i, a, RemoveProjectMember, ""),
		func(*WriteEvent) (*client.Response, error) {
			return c.ProjectMembers.Remove(ctx, a.Project.ID, a.Member.ID)
		})
}

// projectWrite is the event of a write of a's member's access to its
// project.
func (o *observer) projectWrite(i int, a Action, w Write, role client.ProjectRole) WriteEvent {
	return WriteEvent{Index: i, Kind: a.Kind, Write: w, Email: a.Email, UserID: a.Member.ID, ProjectID: a.Project.ID, ProjectRole: role}
}
