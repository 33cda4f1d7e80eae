// Package roster keeps an organization true to a roster: a list of who
// should be in it, and with which role, from an HR system, an identity
// provider or a CSV file. It invites the people the roster lists who are
// neither members nor invited, sets the role of members whose role differs,
// and, when asked, revokes the pending invites and removes the members the
// roster does not list.
//
// It works in three steps, each usable alone:
//
//   - [ReadOrg] reads the organization whole: every member
//     ([client.UsersService.All]) and every invite
//     ([client.InvitesService.All]), or an error, never a part
//     ([ReadMembers] reads the members alone).
//   - [Plan] compares the roster's entries with it and gives each entry,
//     each pending invite it leaves over and each member no entry lists one
//     [Action]. Create, Resend, Replace, Revoke, SetRole and Remove write;
//     Keep, Mismatch, Unlisted, Managed and Held send nothing ([Kind]). It
//     is a pure function: no request, no clock. [rosterfile.Read] reads
//     and checks a roster file into entries, reporting every problem with
//     its line number, so that a bad file is fixed once, before anything is
//     sent; [rosterfile.ParseEntry] checks one entry from any other source.
//   - [Apply] carries the actions out with a [client.Client], reporting each
//     one's outcome as it finishes. It keeps the client's guarantees (a
//     create is never duplicated, rate limits are waited out) and starts
//     nothing new once its context ends.
//
// A write that cannot be undone has guard rails. A member is removed only
// when [PlanOptions].RemoveMembers asks, never a service account or a
// SCIM-managed member (Managed), never one whose email only looks like a
// roster entry's, and never the last owner (both Held); [Apply] refuses,
// sending nothing, a plan that removes more members than
// [ApplyOptions].MaxRemovals allows ([CheckRemovals]).
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
// A plan is made from a fresh read of the organization each time, so an
// interrupted or failed apply is finished by planning and applying again:
// what was done shows up as Keep, and only what is left is planned.
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
// An entry's Projects has the meanings of [client.CreateParams.Projects]:
// nil leaves projects to the organization's default, an empty slice grants
// none, and otherwise exactly those. Grants compare as sets
// ([client.SameGrants]). A nil Projects matches an invite whatever projects
// it shows, because the API may record the default project either as no
// grant or as a grant, and a sync must converge either way.
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
