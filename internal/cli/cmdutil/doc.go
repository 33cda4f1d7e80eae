// Package cmdutil is what every command of the invites CLI is built with:
// the Factory (streams, global flags, the client they configure), the
// IOStreams, the printers of table, json and csv, the exit codes and the
// wording of errors, the progress of a long run, and the parsing of ages
// (30d, 2w). It imports no command's package, so that each noun's package
// can use it.
package cmdutil
