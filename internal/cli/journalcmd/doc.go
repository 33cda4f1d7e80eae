// Package journalcmd holds the journal command of the invites CLI (invites
// journal): the runs the journal of writes holds, and the writes of one,
// so that after a run killed mid-way an admin sees what it sent and what
// never answered.
package journalcmd
