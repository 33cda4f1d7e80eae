// Package fakecmd holds what the invites CLI does with the offline fake
// (package fake): fake-server, the demo, the embedded fake of --fake, and
// the members files that seed them.
package fakecmd
