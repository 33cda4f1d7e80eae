// The external tests see the package as root does, through Commands and
// the RunX functions; this file names for them the few internals they
// check as well: the run's account and the report's columns.

package rostercmd

type PlanSummary = planSummary

// ActionRow is a row of the run's account.
type ActionRow = actionRow

var (
	ReportHeader = reportHeader
	Dash         = dash
)

const (
	ModeDryRun          = modeDryRun
	DefaultGrace        = defaultGrace
	DefaultMaxRemovals  = defaultMaxRemovals
	DefaultMaxDemotions = defaultMaxDemotions

	DefaultMaxProjectRemovals = defaultMaxProjectRemovals
)

// CSVRecord is the row's report line.
func (r actionRow) CSVRecord() []string { return r.csvRecord() }
