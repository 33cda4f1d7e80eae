// The external tests run the command line as a user does (clitest's CLI);
// this file names for them the few internals they check as well.

package root

var DescribeBuild = describeBuild

var NewRootCmd = newRootCmd
