// State files let a standalone fake (`invites fake-server --state`) keep its
// invites, members and projects across restarts, and let a test snapshot
// and restore a store.

package fake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/goinvites/invites/gen"
	"github.com/goinvites/invites/internal/atomicfile"
	"github.com/goinvites/invites/internal/filelock"
	"github.com/goinvites/invites/internal/rules"
)

// stateVersion is the version written. Version 1, from before members,
// still loads (with no members), and version 2, from before projects, with
// the default project alone; an unknown version is refused rather than
// read wrong.
const stateVersion = 3

type stateFile struct {
	Version    int              `json:"version"`
	Invites    []*record        `json:"invites"` // oldest first
	Tombstones map[string]int64 `json:"tombstones"`
	NextSeq    int64            `json:"next_seq"`
	Created    map[string]int   `json:"created"`
	// Since version 2. The removed members are the members' tombstones.
	Members        []*member `json:"members,omitempty"`         // oldest first
	RemovedMembers []*member `json:"removed_members,omitempty"` // in the order removed
	NextMemberSeq  int64     `json:"next_member_seq,omitempty"`
	// Since version 3. Projects are never deleted, so they have no
	// tombstones; their members do.
	Projects       []*projectState `json:"projects,omitempty"` // oldest first
	NextProjectSeq int64           `json:"next_project_seq,omitempty"`
}

// projectState is one project in a state file.
type projectState struct {
	Seq        int64             `json:"seq"`
	Project    gen.Project       `json:"project"`
	Members    []*projectMember  `json:"members"`           // oldest first
	Removed    []gen.ProjectUser `json:"removed,omitempty"` // in the order they ended
	Tombstones map[string]int64  `json:"tombstones,omitempty"`
	NextSeq    int64             `json:"next_seq"`
}

// SaveState writes the invites, members, projects with their members,
// tombstones and per-email counts as JSON.
func (h *Handler) SaveState(w io.Writer) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.encodeState(w)
}

func (h *Handler) encodeState(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	ms := &h.store.members
	projects := make([]*projectState, 0, len(h.store.projects.records))
	for _, p := range h.store.projects.records {
		projects = append(projects, &projectState{
			Seq: p.Seq, Project: p.Project, Members: p.members.records, Removed: p.removed,
			Tombstones: p.members.tombs, NextSeq: p.members.nextSeq,
		})
	}
	return enc.Encode(stateFile{
		Version: stateVersion, Invites: h.store.records, Tombstones: h.store.tombs,
		NextSeq: h.store.nextSeq, Created: h.store.created,
		Members: ms.records, RemovedMembers: ms.removed, NextMemberSeq: ms.nextSeq,
		Projects: projects, NextProjectSeq: h.store.projects.nextSeq,
	})
}

// LoadState replaces the invites, members and projects with those
// SaveState wrote (an older fake's file loads without members, or with the
// default project alone). On error the fake keeps what it had.
func (h *Handler) LoadState(r io.Reader) error {
	s, err := decodeState(r)
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.adopt(s)
	h.changed()
	return nil
}

// adopt makes s the store: with the default project, which every fake has,
// and with the organization's owners as the owners of every active project
// (a file from before projects had neither).
func (h *Handler) adopt(s store) {
	h.store = s
	h.ensureDefaultProject()
	h.settleAll()
}

func decodeState(r io.Reader) (store, error) {
	var f stateFile
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return store{}, fmt.Errorf("fake: read state: %w", err)
	}
	if f.Version < 1 || f.Version > stateVersion {
		return store{}, fmt.Errorf("fake: state version %d, want 1 to %d", f.Version, stateVersion)
	}
	s := newStore()
	for _, rec := range f.Invites {
		if err := checkRecord(&s, rec); err != nil {
			return store{}, fmt.Errorf("fake: read state: %w", err)
		}
		s.insert(rec)
	}
	for id, seq := range f.Tombstones {
		if _, live := s.byID[id]; live {
			return store{}, fmt.Errorf("fake: read state: invite %q is both live and deleted", id)
		}
		s.tombs[id] = seq
	}
	s.nextSeq = f.NextSeq
	if n := len(s.records); n > 0 && s.nextSeq <= s.records[n-1].Seq {
		return store{}, fmt.Errorf("fake: read state: next_seq %d not above the last invite's %d", s.nextSeq, s.records[n-1].Seq)
	}
	for email, n := range f.Created {
		s.created[rules.EmailKey(email)] += n
	}
	if err := decodeMembers(&s.members, f); err != nil {
		return store{}, fmt.Errorf("fake: read state: %w", err)
	}
	if err := decodeProjects(&s, f); err != nil {
		return store{}, fmt.Errorf("fake: read state: %w", err)
	}
	return s, nil
}

// decodeProjects rebuilds the projects and their members from f, refusing
// what the fake could not serve, as for members.
func decodeProjects(s *store, f stateFile) error {
	var last int64
	for _, ps := range f.Projects {
		if err := checkProject(s, ps, last); err != nil {
			return err
		}
		p := newProject(ps.Seq, ps.Project)
		if err := decodeProjectMembers(s, p, ps); err != nil {
			return fmt.Errorf("project %q: %w", ps.Project.ID, err)
		}
		s.projects.insert(p)
		last = ps.Seq
	}
	s.projects.nextSeq = max(f.NextProjectSeq, 1)
	if s.projects.nextSeq <= last {
		return fmt.Errorf("next_project_seq %d not above a project's %d", f.NextProjectSeq, last)
	}
	return nil
}

// checkProject rejects a project without a usable ID, one whose ID is
// taken, one out of order (its seq not above after), and one the spec's
// Project schema refuses.
func checkProject(s *store, ps *projectState, after int64) error {
	switch {
	case ps == nil || ps.Project.ID == "":
		return errors.New("a project has no id")
	case rules.ProjectID(ps.Project.ID) != nil:
		return fmt.Errorf("project id %q would address another path", ps.Project.ID)
	case s.projects.taken(ps.Project.ID):
		return fmt.Errorf("project %q appears twice", ps.Project.ID)
	case ps.Seq <= after:
		return fmt.Errorf("project %q is out of order", ps.Project.ID)
	}
	if err := conforms("Project", ps.Project); err != nil {
		return fmt.Errorf("project %q: %w", ps.Project.ID, err)
	}
	return nil
}

// decodeProjectMembers rebuilds p's members from ps: each a live member of
// the organization (s's members are decoded first), once, in order, with a
// role a project has.
func decodeProjectMembers(s *store, p *project, ps *projectState) error {
	var last int64
	for _, pm := range ps.Members {
		switch {
		case pm == nil || pm.UserID == "":
			return errors.New("a member has no user_id")
		case s.members.byID[pm.UserID] == nil:
			return fmt.Errorf("%q is no member of the organization", pm.UserID)
		case p.members.byID[pm.UserID] != nil:
			return fmt.Errorf("member %q appears twice", pm.UserID)
		case pm.Seq <= last:
			return fmt.Errorf("member %q is out of order", pm.UserID)
		case rules.ProjectRole(pm.Role) != nil:
			return fmt.Errorf("member %q: role %q %w", pm.UserID, pm.Role, rules.ProjectRole(pm.Role))
		}
		p.members.insert(pm)
		last = pm.Seq
	}
	for _, u := range ps.Removed {
		if err := conforms("ProjectUser", u); err != nil {
			return fmt.Errorf("removed member %q: %w", u.ID, err)
		}
	}
	p.removed = ps.Removed
	for id, seq := range ps.Tombstones {
		p.members.tombs[id] = seq
		last = max(last, seq)
	}
	p.members.nextSeq = max(ps.NextSeq, 1)
	if p.members.nextSeq <= last {
		return fmt.Errorf("next_seq %d not above a member's %d", ps.NextSeq, last)
	}
	return nil
}

// decodeMembers rebuilds the members from f, refusing what the fake could
// not serve, as for invites.
func decodeMembers(ms *membership, f stateFile) error {
	var last int64
	for _, m := range f.Members {
		if err := checkMember(ms, m, last); err != nil {
			return err
		}
		if m.User.Email != nil {
			if _, taken := ms.byAddress(*m.User.Email); taken {
				return fmt.Errorf("members %q and another have the email %q", m.User.ID, *m.User.Email)
			}
		}
		ms.insert(m)
		last = m.Seq
	}
	for _, m := range f.RemovedMembers {
		if err := checkMember(ms, m, 0); err != nil {
			return fmt.Errorf("removed: %w", err)
		}
		ms.tombs[m.User.ID] = m.Seq
		ms.removed = append(ms.removed, m)
		last = max(last, m.Seq)
	}
	ms.nextSeq = max(f.NextMemberSeq, 1)
	if ms.nextSeq <= last {
		return fmt.Errorf("next_member_seq %d not above a member's %d", f.NextMemberSeq, last)
	}
	return nil
}

// checkMember rejects a member without a usable ID, one whose ID is taken,
// one out of order (its seq not above after), one whose email AddMember
// would refuse, and one the spec's User schema refuses.
func checkMember(ms *membership, m *member, after int64) error {
	switch {
	case m == nil || m.User.ID == "":
		return errors.New("a member has no id")
	case rules.UserID(m.User.ID) != nil:
		return fmt.Errorf("member id %q would address another path", m.User.ID)
	case ms.taken(m.User.ID):
		return fmt.Errorf("member %q appears twice", m.User.ID)
	case m.Seq <= after || m.Seq <= 0:
		return fmt.Errorf("member %q is out of order", m.User.ID)
	case m.User.Email != nil && rules.Email(*m.User.Email) != nil:
		return fmt.Errorf("member %q: email %q %w", m.User.ID, *m.User.Email, rules.Email(*m.User.Email))
	}
	if err := conforms("User", m.User); err != nil {
		return fmt.Errorf("member %q: %w", m.User.ID, err)
	}
	return nil
}

// checkRecord rejects what the fake could not serve: missing IDs, repeats,
// sequence numbers out of order, statuses other than stored ones, and
// invites the spec's Invite schema refuses.
func checkRecord(s *store, rec *record) error {
	switch {
	case rec == nil || rec.Invite.ID == "":
		return errors.New("an invite has no id")
	case s.byID[rec.Invite.ID] != nil:
		return fmt.Errorf("invite %q appears twice", rec.Invite.ID)
	case len(s.records) > 0 && rec.Seq <= s.records[len(s.records)-1].Seq:
		return fmt.Errorf("invite %q is out of order", rec.Invite.ID)
	case rec.Invite.Status != gen.InviteStatusPending && rec.Invite.Status != gen.InviteStatusAccepted:
		return fmt.Errorf("invite %q has status %q; want pending or accepted", rec.Invite.ID, rec.Invite.Status)
	}
	if rec.Invite.Projects == nil {
		rec.Invite.Projects = []gen.InviteProject{}
	}
	if err := conforms("Invite", rec.Invite); err != nil {
		return fmt.Errorf("invite %q: %w", rec.Invite.ID, err)
	}
	return nil
}

// conforms checks v against the spec's component schema name.
func conforms(name string, v any) error {
	spec, err := loadSpec()
	if err != nil {
		return err
	}
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	var decoded any
	if err := json.Unmarshal(data, &decoded); err != nil {
		return err
	}
	return spec.doc.Components.Schemas[name].Value.VisitJSON(decoded, spec.opts.SchemaValidationOptions...)
}

// ErrStateInUse means another fake (in this process or another) holds the
// state file given with [WithStateFile].
var ErrStateInUse = errors.New("fake: state file in use by another process")

// lockFunc takes the lock on a path: at once ([filelock.TryLock]) or
// waiting its turn.
type lockFunc func(path string) (*filelock.Lock, error)

// waitFor is a lockFunc that waits until ctx is done.
func waitFor(ctx context.Context) lockFunc {
	return func(path string) (*filelock.Lock, error) { return filelock.Acquire(ctx, path) }
}

// openStateFile takes the state file's lock, then loads the file if it
// exists. The lock is kept until the Server closes, so the whole run is one
// read-modify-write that no other process interleaves with.
func (h *Handler) openStateFile(lock lockFunc) (bool, error) {
	if h.cfg.stateFile == "" {
		return false, nil
	}
	l, err := lock(h.cfg.stateFile + ".lock")
	switch {
	case errors.Is(err, filelock.ErrLocked):
		return false, fmt.Errorf("%w: %s (%w)", ErrStateInUse, h.cfg.stateFile, err)
	case err != nil:
		return false, fmt.Errorf("fake: lock state file: %w", err)
	}
	loaded, err := h.loadStateFile()
	if err != nil {
		_ = l.Unlock()
		return false, err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.stateLock = l
	return loaded, nil
}

// releaseStateFile lets another fake have the state file; this one no
// longer writes it.
func (h *Handler) releaseStateFile() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := h.stateLock.Unlock(); err != nil {
		h.cfg.logger.Error("fake: state file lock not released", "path", h.cfg.stateFile, "err", err)
	}
	h.stateLock = nil
}

// loadStateFile reads the state file, which the caller has locked.
func (h *Handler) loadStateFile() (bool, error) {
	f, err := os.Open(h.cfg.stateFile)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("fake: open state: %w", err)
	}
	defer f.Close()
	s, err := decodeState(f)
	if err != nil {
		return false, fmt.Errorf("%s: %w", h.cfg.stateFile, err)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.adopt(s)
	return true, nil
}

// changed saves the state file after a change; the caller holds the lock.
// Failures are logged, never fatal: the fake keeps serving from memory.
func (h *Handler) changed() {
	if h.cfg.stateFile == "" || h.stateLock == nil {
		return
	}
	if err := h.writeStateFile(); err != nil {
		h.cfg.logger.Error("fake: state file not saved", "path", h.cfg.stateFile, "err", err)
	}
}

// writeStateFile replaces the file whole, so that a crash mid-save leaves
// the previous state, never half of one.
func (h *Handler) writeStateFile() error {
	return atomicfile.Write(h.cfg.stateFile, 0o600, h.encodeState)
}
