// Package projectcmd holds the projects commands of the invites CLI
// (invites projects list, get, and projects members list, add, set-role,
// remove): the organization's projects, and who may use each of them.
package projectcmd
