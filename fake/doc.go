// Package fake is an in-memory server for OpenAI's organization Invites,
// Users and Projects APIs, faithful enough to test clients against: the
// real API cannot be reached from test machines and allows only a few
// requests a minute.
//
// It serves the eighteen operations of the spec (gen/openapi.yaml) under /v1,
// validates every request against that spec, answers every failure in
// OpenAI's error envelope, and can misbehave on demand (latency, rate
// limits, 5xx, dropped connections, lost answers to applied writes,
// truncated bodies, stalls, lists that lag behind creates), on every
// endpoint, deterministically from a
// seed. Its clock, invites, members, projects and faults are under the
// caller's control, and it counts what it saw, per method and per
// [Endpoint], so tests can assert that nothing was duplicated, lost or
// removed. What it holds it shows in its own plain types ([Invite],
// [Member], [Project], [ProjectMember]), never the generated models.
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
// Projects live as the real ones do too: every fake has the default
// project ([DefaultProjectID]); [WithProjects] and [Handler.AddProject]
// seed others, archived ones among them, and [WithProjectMembers] and
// [Handler.AddProjectMember] their members. Accepting an invite adds the
// person to the projects it named (the default project when its create
// named none; none for `projects: []`); only a member of the organization
// can be added to a project ("is not a member of this organization"),
// never twice ("already exists in project"); an archived project answers
// every member call with a 400; removing a member from the organization
// removes them from every project ([Handler.RemovedProjectMembers]); and
// the organization's owners are listed as owners of every active project
// without being added (see [ProjectMember] for exactly how).
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
//     they are, their projects too.
//   - An invite's grant of a project the fake does not hold, or of an
//     archived one, is passed over when it is accepted (some report that
//     grants are not always applied); the create does not refuse it.
//   - Projects are listed newest first by creation order, the default
//     project (the oldest) last; a project member list likewise by when
//     each was added. Two projects may share a name.
//   - The default project can be neither renamed nor archived (400); an
//     archived project cannot be renamed either. Archiving an archived
//     project answers it as it is, so that a re-sent archive is done.
//   - Adding to a project takes user_id or email, not both (400). Reading
//     or changing the role of someone a project does not list answers 404;
//     removing them answers 400 ("User ... is not a member of project
//     ..."), the refusal the API is reported to give. The same role again
//     is no error.
//   - An organization owner is refused as "already exists in project",
//     and their role in a project can be neither changed (unless to owner,
//     which changes nothing) nor removed (400), as reported of the API.
//     Their refusals, like the others the API leaves undocumented, carry
//     no code: clients must match the message.
package fake
