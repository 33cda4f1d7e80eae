// Package rosterrun is the pipeline the roster commands of the invites CLI
// share (import and sync, in package rostercmd): the roster file's flags and
// its reading, a Run that refuses invalid rows, reads the organization once,
// plans with package roster, applies with progress and journals each write,
// and the Summary that accounts for every row, in the plan shown, the
// sentences, -o json and csv, and the report.
package rosterrun
