// The external tests see the package as root does, through Commands and
// the RunX functions; this file names for them what they check besides:
// the reading of members files and how many invites a new state starts
// with.

package fakecmd

var ReadMembersFile = readMembersFile

const SampleInvites = fakeSampleInvites
