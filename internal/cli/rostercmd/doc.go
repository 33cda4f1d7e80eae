// Package rostercmd holds the roster commands of the invites CLI: import,
// sync and export, and the one pipeline import and sync share (read the
// file, plan with package roster, apply, report every row).
package rostercmd
