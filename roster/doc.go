// Package roster keeps an organization's invites, members and their
// access to projects true to a roster: a list of who should be in it and
// how, from an HR system, an identity provider or a CSV file.
//
// It works in three steps, each usable alone (with a fourth, resolving
// project names, when a roster names projects: see Projects below):
//
//   - [rosterfile.Read] reads and checks a roster file (that package's
//     own, any CSV with an email column, or an identity provider's or HR
//     system's export), reporting every problem with its line number, so
//     that a bad file is fixed once, before anything is sent.
//     [rosterfile.ParseEntry] checks one entry from any other source.
//   - [Plan] compares the roster with the organization as [ReadOrgWith]
//     read it once (members, invites, and projects with their members), and
//     gives each roster email, pending invite and member its [Action]s:
//     create, resend, replace, revoke, set a role, remove, add to a
//     project, change a project role, remove from a project, keep, or leave
//     a difference alone and say why. It is a pure function: no request,
//     no clock.
//   - [Apply] carries the actions out with a [client.Client], reporting each
//     one's outcome as it finishes. It keeps the client's guarantees (a
//     create is never duplicated, rate limits are waited out) and starts
//     nothing new once its context ends.
//
// Emails compare as the client and the API compare them: without regard to
// case, after Unicode NFC normalization (so é typed one way matches é typed
// the other). An email holding a character nobody sees (a zero-width
// space, a bidi control, a no-break space) is invalid, the character named.
// An email that only looks like another (reаder with a Cyrillic а, a
// fullwidth ｅ: see [client.ValidateEmail]) is never acted on: a roster
// email and a member or pending invite that look alike without being one
// address are both held, named by the characters that differ and the ASCII
// form of a domain that is not ASCII, and no invite is planned to a
// look-alike, which the client refuses.
//
// A plan is made from a fresh read of the invites each time, so an
// interrupted or failed apply is finished by planning and applying again:
// what was done shows up as keep, and only what is left is planned.
//
// # Roles
//
// A role comes from the roster, or it is not managed. An entry without one
// ([Entry.HasRole] false: a file with no role column, as identity
// providers' and HR systems' exports are, or an empty cell) changes no
// one's role: its member keeps theirs, its pending invite is judged by its
// projects, and only a new invite gets one, [PlanOptions.DefaultRole].
// [WithOwnersWhere] names owners by rule. The writes that lock someone out,
// removals and demotions of owners, are capped by [Limits], which [Apply]
// enforces whole: a plan over them sends nothing.
//
// # Projects
//
// For an invite, an entry's Projects has the meanings of
// [client.CreateParams.Projects]: nil leaves projects to the organization's
// default, an empty slice grants none, and otherwise exactly those. Grants
// compare as sets ([client.SameGrants]). A nil Projects matches an invite
// whatever projects it shows, because the API may record the default
// project either as no grant or as a grant, and a sync must converge
// either way.
//
// For a member, an entry's Projects is their access to the projects the
// sync manages, kept true when the Org holds the projects ([ReadOrgWith]
// with ReadOrgOptions.Projects): [Plan] adds the member to a project their
// cell names (AddToProject), changes their role in one (SetProjectRole),
// and removes them from a managed project their cell does not name
// (RemoveFromProject). A nil Projects (an empty cell) leaves their access
// alone; an empty slice (`none`) means no managed project. The managed
// projects are, by default ([ScopeNamed]), the active projects some
// entry's cell names, so that a project nobody wrote down is never
// touched; [PlanOptions].ManageProjects = [ScopeAll] manages every active
// one. A cell may name a project by name: [ResolveProjects] (or
// [ResolveProjectRows], for a file's rows) writes it as its ID, from the
// same read of the projects, and refuses an unknown, archived or ambiguous
// name before anything is sent.
//
// The guard rails hold for project access too: it is planned from
// complete reads of every managed project's members (a project whose
// members were not read is Held, and no one's access to it is planned);
// the organization's owners, owners of every project by that role, are
// never changed in one (nor is a member the plan makes an owner, nor one
// it demotes, until the next plan sees the demotion); a write that would
// leave a project without an owner of its own is Held; a member held as a
// look-alike gets no project action; [Limits].MaxProjectRemovals caps the
// removals from projects as MaxRemovals caps removals of members.
//
// # Saved plans and observers
//
// A plan can be saved ([SavePlan], [SavedPlan.WriteTo]) for review and
// applied later exactly as saved: [ReadSavedPlan] reads it back,
// [SavedPlan.Bind] refuses it if anything its writes touch changed since
// (naming each change) and otherwise binds its actions to a fresh read for
// Apply. [ApplyOptions].Observe hears of every write before it is sent and
// of its outcome, for a journal or an audit trail.
package roster
