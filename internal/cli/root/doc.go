// Package root is the invites command line: the command tree, the global
// flags, and Run, which executes one command line and returns its exit
// code. The commands come from one package per noun (invitecmd, membercmd,
// rostercmd, fakecmd); a new resource is one new package and one line in
// the tree. cmd/invites is main around Run.
package root
