// An admin who approves a plan approves those writes, not whatever a fresh
// plan would say a minute later; so a plan can be saved, reviewed, and then
// applied exactly, or refused if what it touches changed meanwhile (the
// `terraform plan -out` then `apply PLANFILE` way).

package roster

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goinvites/invites/client"
	"github.com/goinvites/invites/rosterfile"
)

// The saved plan's format. PlanVersion changes with any change to what
// the file holds or means; a file of another version is refused.
const (
	PlanFormat  = "invites-plan"
	PlanVersion = 2 // 2: the actions of project access, and the projects they touch
)

// MaxSavedPlanBytes is the largest saved plan ReadSavedPlan reads: a plan
// for MaxRows entries and their organization fits in it with room to spare.
const MaxSavedPlanBytes = 128 << 20

// SavedPlan is a plan as saved to a file: JSON that a person and jq can
// read, and that [ReadSavedPlan] reads back. It never holds the API key:
// nothing in it comes from the client's configuration. The README shows an
// example.
type SavedPlan struct {
	Format      string      `json:"format"`  // PlanFormat
	Version     int         `json:"version"` // PlanVersion
	CreatedAt   time.Time   `json:"created_at"`
	ToolVersion string      `json:"tool_version"`
	Roster      SavedRoster `json:"roster"`
	// Options are the options or flags that shaped the plan, as the caller
	// names them ("--revoke-missing": "true"): for the reviewer, not read
	// back.
	Options map[string]string `json:"options"`
	// Actions are the plan's actions, every kind, in plan order.
	Actions []SavedAction `json:"actions"`
	// Org is the organization as read, for each email the plan's writes
	// touch, and for every owner when the plan demotes or removes one (the
	// guard against leaving no owner counts them): what [SavedPlan.Check]
	// compares a fresh read with.
	Org []SavedEmail `json:"org"`
	// Projects are, for each project the plan's writes of project access
	// touch, the memberships they depend on, as read: what [SavedPlan.Check]
	// compares a fresh read of the project's members with.
	Projects []SavedProject `json:"projects"`
}

// SavedRoster names the roster a plan was made from.
type SavedRoster struct {
	Path string `json:"path"`
	// SHA256 is the digest of the file's bytes in hex, as sha256sum prints it.
	SHA256 string `json:"sha256"`
}

// SavedAction is one action of a saved plan.
type SavedAction struct {
	Kind     Kind   `json:"kind"`
	Email    string `json:"email"`
	InviteID string `json:"invite_id,omitempty"`
	UserID   string `json:"user_id,omitempty"`
	Reason   string `json:"reason"`
	// Before is the member or the invite the action is about, as read
	// (a member's projects are not known); null for a Create.
	Before *SavedState `json:"before"`
	// After is what the roster asks; null for an action no entry asks for
	// (a Revoke, a Remove, an unlisted member).
	After *SavedState `json:"after"`
	// Project is, for an action about project access, the project and the
	// member's role in it; left out for any other.
	Project *SavedProjectAccess `json:"project,omitempty"`
}

// SavedProjectAccess is the project of an action about project access:
// the member's role in it as read (Before; left out when they are not in
// it) and the role the roster asks (After; left out for a removal).
type SavedProjectAccess struct {
	ID     string             `json:"id"`
	Name   string             `json:"name"`
	Before client.ProjectRole `json:"before,omitempty"`
	After  client.ProjectRole `json:"after,omitempty"`
}

// SavedProject is what a project held of the memberships a plan's writes
// depend on: those of each member a write of the plan touches in it (one
// not listed was not in it), and, when a write takes an owner's role
// away, those of all its owners of their own (the guard against leaving a
// project without an owner counts them).
type SavedProject struct {
	ID      string               `json:"id"`
	Name    string               `json:"name"`
	Members []SavedProjectMember `json:"members"`
}

// SavedProjectMember is a membership as read.
type SavedProjectMember struct {
	UserID string             `json:"user_id"`
	Email  string             `json:"email"`
	Role   client.ProjectRole `json:"role"`
}

// SavedState is a role and projects, projects written as a roster's
// projects cell ([rosterfile.FormatProjects]): left out for the organization's
// default, "none" for none.
type SavedState struct {
	Role     client.Role `json:"role"`
	Projects string      `json:"projects,omitempty"`
}

// SavedEmail is what the organization held for one email, compared by
// [EmailKey]: its members, and its pending and expired invites (an
// accepted invite counts for nothing in a plan).
type SavedEmail struct {
	Email   string        `json:"email"`
	Members []SavedMember `json:"members"`
	Invites []SavedInvite `json:"invites"`
}

// SavedMember is a member as read.
type SavedMember struct {
	ID             string      `json:"id"`
	Role           client.Role `json:"role"`
	ServiceAccount bool        `json:"service_account,omitempty"`
	SCIMManaged    bool        `json:"scim_managed,omitempty"`
}

// SavedInvite is an invite as read; Projects as in [SavedState].
type SavedInvite struct {
	ID       string        `json:"id"`
	Status   client.Status `json:"status"`
	Role     client.Role   `json:"role"`
	Projects string        `json:"projects,omitempty"`
}

// PlanInfo is what a saved plan says of where it came from.
type PlanInfo struct {
	Roster      SavedRoster
	Options     map[string]string
	ToolVersion string
	CreatedAt   time.Time // when the plan was made; the zero time means now
}

// SavePlan is actions, planned from org, in their saved form; write it
// with [SavedPlan.WriteTo].
func SavePlan(actions []Action, org Org, info PlanInfo) *SavedPlan {
	created := info.CreatedAt
	if created.IsZero() {
		created = time.Now()
	}
	p := &SavedPlan{
		Format:      PlanFormat,
		Version:     PlanVersion,
		CreatedAt:   created.UTC(),
		ToolVersion: info.ToolVersion,
		Roster:      info.Roster,
		Options:     maps.Clone(info.Options),
		Actions:     make([]SavedAction, len(actions)),
		Org:         []SavedEmail{},
		Projects:    touchedProjects(actions, org),
	}
	if p.Options == nil {
		p.Options = map[string]string{}
	}
	for i, a := range actions {
		p.Actions[i] = saveAction(a)
	}
	idx := indexOrg(org)
	for _, t := range touched(actions, org.Members) {
		p.Org = append(p.Org, idx.save(t))
	}
	return p
}

func saveAction(a Action) SavedAction {
	s := SavedAction{Kind: a.Kind, Email: a.Email, InviteID: a.InviteID(), UserID: a.UserID(), Reason: a.Reason}
	if a.Project != nil {
		s.Project = &SavedProjectAccess{ID: a.Project.ID, Name: a.Project.Name, After: a.ProjectRole}
		if a.ProjectMember != nil {
			s.Project.Before = a.ProjectMember.Role
		}
	}
	switch {
	case a.Member != nil:
		s.Before = &SavedState{Role: a.Member.Role}
	case a.Invite != nil:
		s.Before = &SavedState{Role: a.Invite.Role, Projects: rosterfile.FormatProjects(a.Invite.Projects)}
	}
	if a.Entry != nil {
		s.After = &SavedState{Role: a.Entry.Role, Projects: rosterfile.FormatProjects(a.Entry.Projects)}
	}
	return s
}

// touched lists the emails whose state a plan's writes depend on, each
// once, in plan order: those of its writes, then, if it demotes or removes
// an owner, every owner's (service accounts aside, as the guard counts
// them).
func touched(actions []Action, members []client.User) []string {
	var emails []string
	seen := map[string]bool{}
	add := func(email string) {
		if k := trimmedKey(email); !seen[k] {
			seen[k] = true
			emails = append(emails, email)
		}
	}
	ownerLeaves := false
	for _, a := range actions {
		if !a.Kind.Writes() {
			continue
		}
		add(a.Email)
		ownerLeaves = ownerLeaves || losesOwner(a)
	}
	if ownerLeaves {
		for _, m := range members {
			if !m.IsServiceAccount && m.Role == client.RoleOwner {
				add(m.Email)
			}
		}
	}
	return emails
}

// losesOwner reports whether a takes an owner's role away.
func losesOwner(a Action) bool {
	return a.Member != nil && a.Member.Role == client.RoleOwner &&
		(a.Kind == Remove || a.Kind == SetRole && a.Entry != nil && a.Entry.Role != client.RoleOwner)
}

// WriteTo writes p as indented JSON ending in a newline.
func (p *SavedPlan) WriteTo(w io.Writer) (int64, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(p); err != nil {
		return 0, err
	}
	return b.WriteTo(w)
}

// ReadSavedPlan reads a plan [SavedPlan.WriteTo] wrote. A file of another
// format or version fails with a *PlanFormatError; a file cut short,
// malformed, larger than MaxSavedPlanBytes, or whose actions could not
// have been planned (a write without the ID it needs, an email its
// organization part does not hold) fails matching ErrPlanInvalid.
func ReadSavedPlan(r io.Reader) (*SavedPlan, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSavedPlanBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxSavedPlanBytes {
		return nil, fmt.Errorf("%w: larger than %d MiB", ErrPlanInvalid, MaxSavedPlanBytes>>20)
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("%w: not JSON, or cut short: %w", ErrPlanInvalid, err)
	}
	if head.Format != PlanFormat || head.Version != PlanVersion {
		return nil, &PlanFormatError{Format: head.Format, Version: head.Version}
	}
	var p SavedPlan
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPlanInvalid, err)
	}
	if err := p.validate(); err != nil {
		return nil, err
	}
	return &p, nil
}

// CheckAge refuses a plan made more than maxAge before now, or dated more
// than maxAge after it (a clock or a file that cannot be trusted), with a
// *PlanAgeError. maxAge <= 0 sets no limit.
func (p *SavedPlan) CheckAge(now time.Time, maxAge time.Duration) error {
	if age := now.Sub(p.CreatedAt); maxAge > 0 && (age > maxAge || -age > maxAge) {
		return &PlanAgeError{CreatedAt: p.CreatedAt, Now: now, MaxAge: maxAge}
	}
	return nil
}

// Check compares what the plan's writes touch (see [SavedPlan].Org and
// Projects) with org, a fresh read: nil if all of it is as it was, else a
// *PlanChangedError naming each change. A change to an email, or a
// membership, the plan writes nothing to does not count.
func (p *SavedPlan) Check(org Org) error {
	idx := indexOrg(org)
	if changes := append(p.changes(idx), p.projectChanges(idx)...); len(changes) > 0 {
		return &PlanChangedError{Changes: changes}
	}
	return nil
}

// validate refuses what SavePlan never writes: a write without the entry,
// invite or member its kind needs, a write to an email, member or invite
// the organization part does not hold, an entry Read would refuse.
func (p *SavedPlan) validate() error {
	var problems []error
	if d := p.Roster.SHA256; d != "" && (len(d) != 64 || strings.Trim(d, "0123456789abcdef") != "") {
		problems = append(problems, fmt.Errorf("roster sha256 %s: want 64 hex digits", strconv.Quote(d)))
	}
	org := map[string]*SavedEmail{}
	for i := range p.Org {
		e := &p.Org[i]
		if org[trimmedKey(e.Email)] != nil {
			problems = append(problems, fmt.Errorf("org: %s listed twice", strconv.Quote(e.Email)))
		}
		org[trimmedKey(e.Email)] = e
		for _, m := range e.Members {
			if err := client.ValidateUserID(m.ID); err != nil {
				problems = append(problems, fmt.Errorf("org: a member of %s: %w", strconv.Quote(e.Email), err))
			}
		}
		for _, inv := range e.Invites {
			if err := client.ValidateInviteID(inv.ID); err != nil {
				problems = append(problems, fmt.Errorf("org: an invite to %s: %w", strconv.Quote(e.Email), err))
			}
			if inv.Status != client.StatusPending && inv.Status != client.StatusExpired {
				problems = append(problems, fmt.Errorf("org: invite %s: status %s, want pending or expired", strconv.Quote(inv.ID), strconv.Quote(string(inv.Status))))
			}
			if _, err := rosterfile.ParseProjects(inv.Projects); err != nil {
				problems = append(problems, fmt.Errorf("org: invite %s: %w", strconv.Quote(inv.ID), err))
			}
		}
	}
	projects := map[string]bool{}
	for _, sp := range p.Projects {
		if projects[sp.ID] {
			problems = append(problems, fmt.Errorf("projects: %s listed twice", strconv.Quote(sp.ID)))
		}
		projects[sp.ID] = true
		problems = append(problems, sp.validate())
	}
	kinds := PlanOptions{}.Kinds()
	for i, a := range p.Actions {
		if err := a.validate(org, projects, kinds); err != nil {
			problems = append(problems, fmt.Errorf("action %d (%s %s): %w", i+1, a.Kind, a.Email, err))
		}
	}
	if err := errors.Join(problems...); err != nil {
		return fmt.Errorf("%w: %w", ErrPlanInvalid, err)
	}
	return nil
}

// needs says what a write of each kind names: an entry (After), an
// invite, a member, a project.
var needs = map[Kind]struct{ entry, invite, member, project bool }{
	Create:            {entry: true},
	Resend:            {entry: true, invite: true},
	Replace:           {entry: true, invite: true},
	Revoke:            {invite: true},
	SetRole:           {entry: true, member: true},
	Remove:            {member: true},
	AddToProject:      {entry: true, member: true, project: true},
	SetProjectRole:    {entry: true, member: true, project: true},
	RemoveFromProject: {entry: true, member: true, project: true},
}

func (a SavedAction) validate(org map[string]*SavedEmail, projects map[string]bool, kinds []Kind) error {
	if !slices.Contains(kinds, a.Kind) {
		return errors.New("unknown kind")
	}
	if !a.Kind.Writes() {
		return nil
	}
	n := needs[a.Kind]
	if (a.After != nil) != n.entry || (a.InviteID != "") != n.invite || (a.UserID != "") != n.member || (a.Project != nil) != n.project {
		return errors.New("not the entry, invite, member and project this kind of action names")
	}
	var problems []error
	if a.After != nil {
		problems = append(problems, client.ValidateEmail(a.Email), client.ValidateRole(a.After.Role))
		if _, err := rosterfile.ParseProjects(a.After.Projects); err != nil {
			problems = append(problems, err)
		}
	}
	if a.Project != nil {
		problems = append(problems, a.Project.validate(a.Kind, projects))
	}
	e := org[trimmedKey(a.Email)]
	switch {
	case e == nil:
		problems = append(problems, errors.New("the email is not in the plan's org part"))
	case a.UserID != "" && !slices.ContainsFunc(e.Members, func(m SavedMember) bool { return m.ID == a.UserID }):
		problems = append(problems, fmt.Errorf("member %s is not in the plan's org part for this email", strconv.Quote(a.UserID)))
	case a.InviteID != "" && !slices.ContainsFunc(e.Invites, func(inv SavedInvite) bool { return inv.ID == a.InviteID }):
		problems = append(problems, fmt.Errorf("invite %s is not in the plan's org part for this email", strconv.Quote(a.InviteID)))
	}
	return errors.Join(problems...)
}

// ErrPlanInvalid is matched by the error of a saved plan that cannot be
// read or applied as it is: see [ReadSavedPlan] and [SavedPlan.Bind].
var ErrPlanInvalid = errors.New("roster: invalid saved plan")

// ErrPlanFormat is matched by a *PlanFormatError.
var ErrPlanFormat = errors.New("roster: not a saved plan of a version this tool reads")

// PlanFormatError is a file that is not a saved plan of [PlanFormat]
// version [PlanVersion]: another program's JSON, or a plan made by a
// version of the tool that writes another format.
type PlanFormatError struct {
	Format  string // "" when the file names none
	Version int
}

func (e *PlanFormatError) Error() string {
	if e.Format != PlanFormat {
		return fmt.Sprintf("not a saved plan: format %s, want %q", strconv.Quote(e.Format), PlanFormat)
	}
	return fmt.Sprintf("saved plan version %d: this version of the tool reads version %d only; make the plan again", e.Version, PlanVersion)
}

// Is matches ErrPlanFormat.
func (e *PlanFormatError) Is(target error) bool { return target == ErrPlanFormat }

// ErrPlanTooOld is matched by a *PlanAgeError.
var ErrPlanTooOld = errors.New("roster: saved plan too old")

// PlanAgeError is a plan made longer before now than the limit allows, or
// dated as far after it.
type PlanAgeError struct {
	CreatedAt, Now time.Time
	MaxAge         time.Duration
}

func (e *PlanAgeError) Error() string {
	if age := e.Now.Sub(e.CreatedAt); age < 0 {
		return fmt.Sprintf("the plan is dated %s ahead of this clock (%s), more than the limit of %s", -age, e.CreatedAt.Format(time.RFC3339), e.MaxAge)
	}
	return fmt.Sprintf("the plan was made %s ago (%s), more than the limit of %s; make it again", e.Now.Sub(e.CreatedAt).Round(time.Second), e.CreatedAt.Format(time.RFC3339), e.MaxAge)
}

// Is matches ErrPlanTooOld.
func (e *PlanAgeError) Is(target error) bool { return target == ErrPlanTooOld }
