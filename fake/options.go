// Options exist so tests set only what they care about; every default is a
// fixed value, so two fakes built alike behave alike.

package fake

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"
)

// DefaultKey is the Admin API key the fake accepts unless [WithKey] says
// otherwise.
const DefaultKey = "sk-admin-fake-key"

// DefaultExpiry is how long an invite stays pending before it expires.
const DefaultExpiry = 7 * 24 * time.Hour

// DuplicatePolicy says what a create does when the email already has a
// pending invite (compared case-insensitively).
type DuplicatePolicy int

const (
	// RejectDuplicates answers 400 with code invite_already_exists and
	// param email.
	RejectDuplicates DuplicatePolicy = iota
	// AllowDuplicates creates a second pending invite.
	AllowDuplicates
	// ConflictDuplicates rejects as RejectDuplicates does, but with 409
	// Conflict, which the spec also allows: clients must handle both.
	ConflictDuplicates
)

// Option configures a fake built by [NewHandler], [NewServer] or [Start].
type Option func(*config)

type config struct {
	key            string
	seed           int64
	now            func() time.Time
	frozen         *time.Time
	expiry         time.Duration
	duplicates     DuplicatePolicy
	faults         Faults
	invites        int
	logger         *slog.Logger
	stateFile      string
	createStatus   int
	defaultProjts  []ProjectGrant
	timestamps     TimestampStyle
	timeouts       Timeouts
	members        []Member
	projects       []Project
	projectMembers []ProjectMember
	// emptyEmailsFilter makes a list filtered by emails answer no one.
	emptyEmailsFilter bool
}

func newConfig(opts []Option) config {
	c := config{
		key:          DefaultKey,
		seed:         1,
		now:          time.Now,
		expiry:       DefaultExpiry,
		logger:       slog.New(slog.DiscardHandler),
		createStatus: 200,
	}
	for _, o := range opts {
		o(&c)
	}
	return c
}

// check reports options the fake cannot honour as given. The fake still
// runs with them (rates are clamped by their use, a create status other
// than 201 means 200), but Start refuses them so a typo in a flag is seen.
func (c config) check() error {
	var errs []error
	if c.key == "" {
		errs = append(errs, errors.New("fake: empty key"))
	}
	if c.expiry <= 0 {
		errs = append(errs, fmt.Errorf("fake: expiry %v is not positive", c.expiry))
	}
	if c.createStatus != http.StatusOK && c.createStatus != http.StatusCreated {
		errs = append(errs, fmt.Errorf("fake: create status %d; want 200 or 201", c.createStatus))
	}
	if c.invites < 0 {
		errs = append(errs, fmt.Errorf("fake: %d invites to seed", c.invites))
	}
	for _, g := range c.defaultProjts {
		if err := checkGrant(g); err != nil {
			errs = append(errs, fmt.Errorf("fake: default project %w", err))
		}
	}
	if t := c.timeouts; t.Read < 0 || t.Write < 0 || t.Idle < 0 {
		errs = append(errs, fmt.Errorf("fake: negative timeout in %+v", t))
	}
	return errors.Join(append(errs, c.faults.check())...)
}

// WithKey sets the bearer key requests must carry.
func WithKey(key string) Option { return func(c *config) { c.key = key } }

// WithSeed sets the seed behind IDs, request IDs, seeded invites and random
// faults; the default is 1.
func WithSeed(seed int64) Option { return func(c *config) { c.seed = seed } }

// WithClock makes the fake read time from now (plus whatever [Handler.Advance]
// adds); the default is time.Now. [WithNow], if also given, wins.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithNow freezes the fake's clock at t: time then moves only through
// [Handler.Advance] and [Handler.SetNow].
func WithNow(t time.Time) Option { return func(c *config) { c.frozen = &t } }

// WithExpiry sets how long a new invite stays pending before it expires.
func WithExpiry(d time.Duration) Option { return func(c *config) { c.expiry = d } }

// WithDuplicates sets the policy for a second pending invite to one email.
func WithDuplicates(p DuplicatePolicy) Option { return func(c *config) { c.duplicates = p } }

// WithFaults sets the faults the fake injects from the start.
func WithFaults(f Faults) Option { return func(c *config) { c.faults = f } }

// WithInvites seeds n invites with a mix of statuses at start, unless a state
// file was loaded.
func WithInvites(n int) Option { return func(c *config) { c.invites = n } }

// WithMembers seeds these members at start, in this order (the list shows
// the last first), unless a state file was loaded. [Start] fails with
// [ErrMemberExists] on two with one email or ID, and on any member
// [Handler.AddMember] refuses.
func WithMembers(members ...Member) Option {
	return func(c *config) { c.members = append(c.members, members...) }
}

// WithProjects seeds these projects at start, after the members and
// invites and in this order (the list shows the last first), unless a state
// file was loaded; the default project is always there. [Start] fails with
// [ErrProjectExists] on two with one ID, and on any project
// [Handler.AddProject] refuses.
func WithProjects(projects ...Project) Option {
	return func(c *config) { c.projects = append(c.projects, projects...) }
}

// WithProjectMembers seeds these project members at start, after the
// projects and in this order, unless a state file was loaded: each names a
// member by UserID or Email, seeded with [WithMembers] or made by an
// accepted invite of [WithInvites]. [Start] fails on any that
// [Handler.AddProjectMember] refuses, and a fake whose seeds could not all
// be made starts with none of them.
func WithProjectMembers(members ...ProjectMember) Option {
	return func(c *config) { c.projectMembers = append(c.projectMembers, members...) }
}

// WithEmptyEmailsFilter makes a users list filtered by `emails` answer no
// one, as the real filter has been reported to for members who exist: a
// client must never take a filtered read as proof that someone is not a
// member, and this lets its tests prove it does not.
func WithEmptyEmailsFilter() Option { return func(c *config) { c.emptyEmailsFilter = true } }

// WithLogger logs one debug record per request (never the Authorization
// header) and any state-file failure.
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithStateFile loads the invites and members from path at start when the
// file exists, and saves them there (atomically, as JSON) after every change. One fake
// at a time owns the file: it holds an advisory lock on path+".lock" from
// start until its Server closes (a Handler from [NewHandler], for the life
// of the process), so two processes never interleave their changes. [Start]
// refuses a file another fake holds; [StartContext] waits its turn.
func WithStateFile(path string) Option { return func(c *config) { c.stateFile = path } }

// WithCreateStatus sets the success status of a create: 200 (the default) or
// 201, which the real API has been seen to send.
func WithCreateStatus(status int) Option { return func(c *config) { c.createStatus = status } }

// WithDefaultProjects sets the projects an invite created without
// `projects` shows (the API may show its "default project" there); none by
// default. [Start] refuses a grant whose role is not "member" or "owner".
func WithDefaultProjects(grants ...ProjectGrant) Option {
	return func(c *config) { c.defaultProjts = grants }
}

// Timeouts bound how long a [Server] waits on a client, so that a body sent
// slowly or a kept-alive connection left idle is not held open for ever.
// The fake's own waits (latency, stalls) come on top: a stall configured
// for longer than a timeout still runs its course. Zero fields take the
// defaults.
type Timeouts struct {
	// Read bounds reading a request, headers and body; default 30s
	// (headers alone: at most 10s).
	Read time.Duration
	// Write bounds handling a request and sending its answer; default 30s.
	Write time.Duration
	// Idle bounds how long a kept-alive connection waits for its next
	// request; default 60s.
	Idle time.Duration
}

// WithTimeouts sets the Server's timeouts; a Handler mounted elsewhere
// lives by its own server's.
func WithTimeouts(t Timeouts) Option { return func(c *config) { c.timeouts = t } }

// orDefaults is t with every zero field set to its default.
func (t Timeouts) orDefaults() Timeouts {
	or := func(d, def time.Duration) time.Duration {
		if d > 0 {
			return d
		}
		return def
	}
	return Timeouts{Read: or(t.Read, 30*time.Second), Write: or(t.Write, 30*time.Second), Idle: or(t.Idle, time.Minute)}
}
