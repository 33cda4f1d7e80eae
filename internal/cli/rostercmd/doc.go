// Package rostercmd holds the roster commands of the invites CLI: import,
// sync and export, and the one pipeline import and sync share (read the
// file, plan with package roster, apply, journal each write, report every
// row), with sync's saved plans (--plan-out, --apply-plan).
package rostercmd
