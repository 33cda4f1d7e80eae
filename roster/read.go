// A plan that may remove members, or their access to projects, is only as
// safe as the reads it is made from: ReadOrgWith reads the members, the
// invites and the projects whole, side by side, or not at all.

package roster

import (
	"context"
	"errors"
	"sync"

	"github.com/goinvites/invites/client"
)

// ReadOrgOptions say what [ReadOrgWith] reads beyond the members and the
// invites. The zero value reads nothing more ([ReadOrg]).
type ReadOrgOptions struct {
	// Projects reads every project, archived ones included, and the members
	// of those Manage returns true for.
	Projects bool
	// Manage says whose members to read: those of the projects a plan
	// manages ([ManagedProjects] answers for a roster). It is asked of
	// active projects only, as an archived project refuses member calls;
	// nil reads the members of every active project.
	Manage func(client.Project) bool
}

// projectMemberReads is how many projects' members ReadOrgWith reads at
// once: the client's pacer spaces the requests to the endpoint however
// many wait, so more would only hold more goroutines.
const projectMemberReads = 8

// ReadOrg reads every member and every invite (of every status) of the
// organization: the Org a [Plan] of invites and roles needs. It is
// ReadOrgWith(ctx, c, ReadOrgOptions{}).
func ReadOrg(ctx context.Context, c *client.Client) (Org, error) {
	return ReadOrgWith(ctx, c, ReadOrgOptions{})
}

// ReadOrgWith reads every member and every invite of the organization and,
// with o.Projects, every project and the members of each project o.Manage
// names: the Org a [Plan] over project access needs. The members, the
// invites and the projects are read side by side, then the managed
// projects' members, side by side, as the API limits the rate of each
// endpoint on its own and the client's pacer keeps each to its pace.
//
// Any failed page fails the whole read, stops the reads still running, and
// no partial Org is returned: a plan made from a list cut short would
// remove whoever the missing pages hold. The error is the first failure's.
// A nil ctx or c is an error ([client.ErrNilContext],
// [client.ErrZeroClient]), not a panic.
func ReadOrgWith(ctx context.Context, c *client.Client, o ReadOrgOptions) (Org, error) {
	switch {
	case ctx == nil:
		return Org{}, client.ErrNilContext
	case c == nil:
		return Org{}, client.ErrZeroClient
	}
	r := newReads(ctx)
	defer r.stop()
	var org Org
	r.run(func(ctx context.Context) error {
		var err error
		org.Members, err = ReadMembers(ctx, c)
		return err
	})
	r.run(func(ctx context.Context) error {
		var err error
		org.Invites, err = collect(c.Invites.All(ctx, client.AllParams{}))
		return err
	})
	if o.Projects {
		r.run(func(ctx context.Context) error {
			var err error
			if org.Projects, err = collect(c.Projects.All(ctx, client.AllProjectsParams{IncludeArchived: true})); err != nil {
				return err
			}
			org.ProjectMembers, err = readProjectMembers(ctx, c, org.Projects, o.Manage)
			return err
		})
	}
	if err := r.wait(); err != nil {
		return Org{}, err
	}
	if o.Projects && org.Projects == nil {
		org.Projects = []client.Project{} // read, and none: not "not read"
	}
	return org, nil
}

// readProjectMembers reads the members of each active project manage
// names (every active one for a nil manage), projectMemberReads at a time,
// by project ID; the first failure stops the others.
func readProjectMembers(ctx context.Context, c *client.Client, projects []client.Project, manage func(client.Project) bool) (map[string][]client.ProjectMember, error) {
	var ids []string
	for _, p := range projects {
		if !p.Archived() && (manage == nil || manage(p)) {
			ids = append(ids, p.ID)
		}
	}
	out := make(map[string][]client.ProjectMember, len(ids))
	var mu sync.Mutex
	r := newReads(ctx)
	defer r.stop()
	next := make(chan string)
	for range min(projectMemberReads, len(ids)) {
		r.run(func(ctx context.Context) error {
			for id := range next {
				members, err := collect(c.ProjectMembers.All(ctx, id, client.AllProjectMembersParams{}))
				if err != nil {
					return err
				}
				if members == nil {
					members = []client.ProjectMember{} // read, and empty
				}
				mu.Lock()
				out[id] = members
				mu.Unlock()
			}
			return nil
		})
	}
	func() {
		defer close(next)
		for _, id := range ids {
			select {
			case next <- id:
			case <-r.ctx.Done():
				return
			}
		}
	}()
	if err := r.wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// reads runs reads side by side: the first to fail cancels the others,
// and its error is the one wait returns.
type reads struct {
	ctx    context.Context
	cancel context.CancelCauseFunc
	wg     sync.WaitGroup
	once   sync.Once
	err    error
}

func newReads(ctx context.Context) *reads {
	r := &reads{}
	r.ctx, r.cancel = context.WithCancelCause(ctx)
	return r
}

// run starts read in its own goroutine.
func (r *reads) run(read func(context.Context) error) {
	r.wg.Go(func() {
		if err := read(r.ctx); err != nil {
			r.once.Do(func() {
				r.err = err
				r.cancel(err)
			})
		}
	})
}

// wait waits for every read and returns the first failure.
func (r *reads) wait() error {
	r.wg.Wait()
	return r.err
}

// stop releases the reads' context.
func (r *reads) stop() { r.cancel(errors.New("roster: read over")) }

// ReadMembers reads every member of the organization, or fails whole: a
// decision about who to change or remove is never made from part of the
// list.
func ReadMembers(ctx context.Context, c *client.Client) ([]client.User, error) {
	return collect(c.Users.All(ctx, client.AllUsersParams{}))
}

// collect gathers a sequence whole, or returns its first error.
func collect[T any](seq func(yield func(T, error) bool)) ([]T, error) {
	var all []T
	for v, err := range seq {
		if err != nil {
			return nil, err
		}
		all = append(all, v)
	}
	return all, nil
}
