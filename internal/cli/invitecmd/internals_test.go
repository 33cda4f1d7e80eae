// The external tests see the package as root does, through Commands and
// the RunX functions; this file names for them the few internals they
// check as well: the printers of invites.

package invitecmd

import "io"

var NewListCmd = newListCmd

// PrintInvites prints list as list does.
func PrintInvites(w io.Writer, format string, list ListOut) error {
	return newPrinter(w, format).invites(list)
}

// PrintInvite prints inv as get does.
func PrintInvite(w io.Writer, format string, inv InviteOut) error {
	return newPrinter(w, format).invite(inv)
}
