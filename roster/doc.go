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
//
// A plan is made from a fresh read of the organization each time, so an
// interrupted or failed apply is finished by planning and applying again:
// what was done shows up as Keep, and only what is left is planned.
//
// # Projects
//
// An entry's Projects has the meanings of [client.CreateParams.Projects]:
// nil leaves projects to the organization's default, an empty slice grants
// none, and otherwise exactly those. Grants compare as sets
// ([client.SameGrants]). A nil Projects matches an invite whatever projects
// it shows, because the API may record the default project either as no
// grant or as a grant, and a sync must converge either way. A member's
// projects are not compared: the Users API does not show them.
package roster
