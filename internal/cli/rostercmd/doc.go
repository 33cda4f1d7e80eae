// Package rostercmd holds the roster commands of the invites CLI: import,
// sync and export, with sync's saved plans (--plan-out, --apply-plan) and
// the refusal of a plan over its limits; the pipeline import and sync share
// (read the file, plan with package roster, apply, journal each write,
// report every row) is package rosterrun's.
package rostercmd
