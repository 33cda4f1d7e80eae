// Package invitecmd holds the invite commands of the invites CLI: list,
// get, create, delete and prune, which name an invite by ID or by email.
package invitecmd
