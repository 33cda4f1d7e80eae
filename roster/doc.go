// Package roster keeps an organization's invites true to a roster: a list of
// who should be invited and how, from an HR system, an identity provider or
// a CSV file.
//
// It works in three steps, each usable alone:
//
//   - [Read] reads and checks a roster file: this package's own
//     (email, role, projects), any CSV with an email column, or an export
//     from Google Workspace, Entra ID, Okta or BambooHR, recognised by its
//     header ([Exports]), of whose accounts only the active ones are kept.
//     It records every problem with its line number so that a bad file is
//     fixed once, before anything is sent, and every row it leaves out with
//     its reason. [ParseEntry] checks one entry from any other source.
//   - [Plan] compares the roster with the organization's invites, as read
//     once with [client.InvitesService.All], and gives each roster email and each
//     pending invite one [Action]: create, resend, replace, revoke, keep, or
//     conflict. It is a pure function: no request, no clock.
//   - [Apply] carries the actions out with a [client.Client], reporting each
//     one's outcome as it finishes. It keeps the client's guarantees (a
//     create is never duplicated, rate limits are waited out) and starts
//     nothing new once its context ends.
//
// Emails compare as the client and the API compare them: without regard to
// case, after Unicode NFC normalization (so é typed one way matches é typed
// the other). An email holding a character nobody sees (a zero-width
// space, a bidi control, a no-break space) is invalid, the character named.
//
// A plan is made from a fresh read of the invites each time, so an
// interrupted or failed apply is finished by planning and applying again:
// what was done shows up as keep, and only what is left is planned.
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
