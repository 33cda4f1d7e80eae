// Package journal keeps an append-only record of every write a run sends
// to the organization, written as it happens, so that a run killed with
// SIGKILL (a stopped container, a closed laptop, the OOM killer) leaves a
// true account of what it attempted and what answered; the end-of-run
// report cannot.
//
// The journal is a JSON-lines file: one [Record] per line, a "sent" line
// before each write goes out and an "outcome" line once the client has
// returned, both from [roster.ApplyOptions].Observe through
// [Writer.Observe]:
//
//	{"run":"20250304T093000Z-1a2b3c4d","time":"2025-03-04T09:30:01.5Z","phase":"sent","write":"create-invite","kind":"create","index":3,"email":"ada@example.com","role":"reader"}
//	{"run":"20250304T093000Z-1a2b3c4d","time":"2025-03-04T09:30:02.1Z","phase":"outcome","write":"create-invite","kind":"create","index":3,"email":"ada@example.com","invite_id":"invite-abc","role":"reader","outcome":"done","status":200,"request_id":"req_123","attempts":1}
//
// Each line is written with a single write and synced before the write it
// records is sent, so a killed run leaves every line it finished. A line
// the kill cut short has no line end: [Read] skips it and says so, and the
// next append ends it with " [cut short]" before its own line, so that it
// is never taken for a record. Readers and writers in several
// processes take turns through a lock file beside the journal (PATH.lock),
// so a read sees whole rotations. The journal rotates when a line would
// take it past [DefaultMaxBytes] (16 MiB, about 50,000 lines): the file
// becomes PATH.1, replacing the one before, so the journal never takes
// more than twice that on disk. No record has a field that could hold the
// API key, nor an error message: the outcome word, the HTTP status and the
// request ID say what happened.
//
// [DefaultPath] is where a journal goes when the user names none: under
// the user's state directory.
package journal
