// Package fake is an in-memory server for OpenAI's organization Invites and
// Users APIs, faithful enough to test clients against: the real API cannot
// be reached from test machines and allows only a few requests a minute.
//
// It serves the eight operations of the spec (gen/openapi.yaml) under /v1,
// validates every request against that spec, answers every failure in
// OpenAI's error envelope, and can misbehave on demand (latency, rate
// limits, 5xx, dropped connections, lost answers to applied writes,
// truncated bodies, stalls, lists that lag behind creates), on every
// endpoint, deterministically from a
// seed. Its clock, invites, members and faults are under the caller's
// control, and it counts what it saw, per method and per [Endpoint], so
// tests can assert that nothing was duplicated, lost or removed.
//
// Use [NewServer] in tests, [Start] in programs and [NewHandler] to mount it
// yourself.
//
// Members live as the real ones do: accepting an invite ([Handler.Accept])
// makes a member with the invite's role; an invite to a member's email is
// refused with a 400 whose message says the user already exists in this
// organization; [WithMembers] and [Handler.AddMember] seed others (service
// accounts and SCIM-managed members among them); the users endpoints list
// (paged, filtered by emails), read, change the role of and remove them.
//
// Choices where the real API is undocumented:
//   - A list whose `after` names a deleted invite or a removed member
//     continues from where it was (its sequence number is kept as a
//     tombstone); an `after` that never existed answers 400 with param
//     "after".
//   - An invite created without `projects` gets the configured default
//     projects ([WithDefaultProjects]), none by default; `projects: []`
//     records none.
//   - Invites and members are listed newest first by creation order.
//   - Body fields the spec does not name are rejected as OpenAI does
//     (400, code unknown_parameter), so misspelt fields surface in tests.
//     Unknown query parameters (`emails[]`) are ignored.
//   - Only a pending invite (not an accepted or expired one) makes a second
//     invite to its email a duplicate; a member's email is refused whatever
//     the duplicate policy, with no code, so that clients match the message
//     as they must with the real API.
//   - The `emails` filter matches whatever the case; [WithEmptyEmailsFilter]
//     makes it answer no one, as the real one has been reported to.
//   - A role change may set `role` (owner or reader), `technical_level` and
//     `developer_persona`; a body that sets none of them is refused naming
//     role, and `role_id` is refused (the fake knows no custom roles).
//   - Any member may be changed or removed, service accounts, SCIM-managed
//     members and the last owner included: where the real API refuses is
//     not known, and a test should judge what its client sent
//     ([Handler.RemovedMembers]), not count on a refusal.
//   - Removing a member leaves their accepted invite listed; they can then
//     be invited again, and accepting makes a new member with a new ID.
//     Accepting an invite for someone already a member leaves the member as
//     they are.
package fake
