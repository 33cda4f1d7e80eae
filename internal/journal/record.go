// A record holds only words, IDs, emails and numbers, so that nothing in a
// journal can carry the API key or a server's free text; the names and
// words are roster's, so the journal, the report and the observer say the
// same thing the same way.

package journal

import (
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/roster"
)

// Record is one line of the journal: a write about to be sent, or its
// outcome (see [roster.WriteEvent], whose fields these are).
type Record struct {
	Run   string       `json:"run"` // the run's ID: every record of one Writer
	Time  time.Time    `json:"time"`
	Phase roster.Phase `json:"phase"` // "sent" or "outcome"
	Write roster.Write `json:"write"`
	Kind  roster.Kind  `json:"kind"`
	Index int          `json:"index"` // the action's position in the run's plan
	Email string       `json:"email"`
	// InviteID is the invite deleted, or in a create's outcome the one made.
	InviteID string      `json:"invite_id,omitempty"`
	UserID   string      `json:"user_id,omitempty"`
	Role     client.Role `json:"role,omitempty"` // the role a create or role change sends
	// ProjectID is the project of a write of project access, and
	// ProjectRole the role an add to it or a change of role there sends.
	ProjectID   string             `json:"project_id,omitempty"`
	ProjectRole client.ProjectRole `json:"project_role,omitempty"`
	// Outcome, Status (absent when no answer came), RequestID and Attempts
	// are in an outcome record only.
	Outcome   roster.Outcome `json:"outcome,omitempty"`
	Status    int            `json:"status,omitempty"`
	RequestID string         `json:"request_id,omitempty"`
	Attempts  int            `json:"attempts,omitempty"`
}

// recordOf is the record of ev, without its run and time.
func recordOf(ev roster.WriteEvent) Record {
	return Record{
		Phase: ev.Phase, Write: ev.Write, Kind: ev.Kind, Index: ev.Index, Email: ev.Email,
		InviteID: ev.InviteID, UserID: ev.UserID, Role: ev.Role, ProjectID: ev.ProjectID, ProjectRole: ev.ProjectRole,
		Outcome: ev.Outcome, Status: ev.StatusCode, RequestID: ev.RequestID, Attempts: ev.Attempts,
	}
}

// valid reports whether r can be a record a Writer wrote.
func (r Record) valid() bool {
	return r.Run != "" && !r.Time.IsZero() && r.Write != "" && (r.Phase == roster.WriteSent || r.Phase == roster.WriteOutcome)
}
