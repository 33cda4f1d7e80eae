// Package membercmd holds the members commands of the invites CLI (invites
// users list, get, set-role, remove): the organization's members, as the
// Users API knows them.
package membercmd
