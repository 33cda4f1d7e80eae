// Package clitest holds the test doubles the invites CLI's packages share:
// streams over buffers, clients for a fake, and the whole command line run
// in-process (root.Run). Only tests import it.
package clitest
