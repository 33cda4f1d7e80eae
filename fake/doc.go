// Package fake is an in-memory server for OpenAI's organization Invites API,
// faithful enough to test clients against: the real API cannot be reached
// from test machines and allows only a few requests a minute.
//
// It serves the four operations of api/invites.yaml under /v1, validates
// every request against that spec, answers every failure in OpenAI's error
// envelope, and can misbehave on demand (latency, rate limits, 5xx, dropped
// connections, lost answers to applied creates, truncated bodies, stalls,
// lists that lag behind creates), deterministically from a seed. Its
// clock, invites and faults are under the caller's control, and it counts
// what it saw so tests can assert that nothing was duplicated or lost.
//
// Use [NewServer] in tests, [Start] in programs and [NewHandler] to mount it
// yourself.
//
// Choices where the real API is undocumented:
//   - A list whose `after` names a deleted invite continues from where that
//     invite was (its sequence number is kept as a tombstone); an `after`
//     that never existed answers 400 with param "after".
//   - An invite created without `projects` gets the configured default
//     projects ([WithDefaultProjects]), none by default; `projects: []`
//     records none.
//   - Invites are listed newest first by creation order.
//   - Body fields the spec does not name are rejected as OpenAI does
//     (400, code unknown_parameter), so misspelt fields surface in tests.
//   - Only a pending invite (not an accepted or expired one) makes a second
//     invite to its email a duplicate.
package fake
