// State files let a standalone fake (`invites fake-server --state`) keep its
// invites across restarts, and let a test snapshot and restore a store.

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

const stateVersion = 1

type stateFile struct {
	Version    int              `json:"version"`
	Invites    []*record        `json:"invites"` // oldest first
	Tombstones map[string]int64 `json:"tombstones"`
	NextSeq    int64            `json:"next_seq"`
	Created    map[string]int   `json:"created"`
}

// SaveState writes the invites, tombstones and per-email counts as JSON.
func (h *Handler) SaveState(w io.Writer) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.encodeState(w)
}

func (h *Handler) encodeState(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(stateFile{
		Version: stateVersion, Invites: h.store.records, Tombstones: h.store.tombs,
		NextSeq: h.store.nextSeq, Created: h.store.created,
	})
}

// LoadState replaces the invites with those SaveState wrote. On error the
// fake keeps what it had.
func (h *Handler) LoadState(r io.Reader) error {
	s, err := decodeState(r)
	if err != nil {
		return err
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.store = s
	h.changed()
	return nil
}

func decodeState(r io.Reader) (store, error) {
	var f stateFile
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return store{}, fmt.Errorf("fake: read state: %w", err)
	}
	if f.Version != stateVersion {
		return store{}, fmt.Errorf("fake: state version %d, want %d", f.Version, stateVersion)
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
	return s, nil
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
	if err := conforms(rec.Invite); err != nil {
		return fmt.Errorf("invite %q: %w", rec.Invite.ID, err)
	}
	return nil
}

// conforms checks an invite against the spec's Invite schema.
func conforms(inv gen.Invite) error {
	spec, err := loadSpec()
	if err != nil {
		return err
	}
	data, err := json.Marshal(inv)
	if err != nil {
		return err
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	return spec.doc.Components.Schemas["Invite"].Value.VisitJSON(v, spec.opts.SchemaValidationOptions...)
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
	h.store = s
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
