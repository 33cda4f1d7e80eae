// The external tests see the package as root does, through Commands and
// the RunX functions; this file names for them the few internals they
// check as well: sync's default limits.

package rostercmd

const (
	DefaultMaxRemovals  = defaultMaxRemovals
	DefaultMaxDemotions = defaultMaxDemotions

	DefaultMaxProjectRemovals = defaultMaxProjectRemovals
)
