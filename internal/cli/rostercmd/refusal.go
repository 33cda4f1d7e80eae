// A plan over --max-removals, --max-demotions or --max-project-removals is
// refused whole, and a dry run or a check says so as the real run would:
// the words for a refusal, and the refusal itself, live here, so that the
// three say the same.

package rostercmd

import (
	"errors"
	"fmt"
	"strings"

	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/rosterrun"
	"github.com/goinvites/invites/roster"
)

// limitFlags are the flags that set roster.Limits, and what an admin
// whose plan goes over one does about it (%d: the count the plan needs).
var limitFlags = []struct {
	limit        error
	flag, advice string
}{
	{roster.ErrTooManyRemovals, "--max-removals", "If the roster is complete and these people left, raise --max-removals to %d or more; if the roster was cut short, fix it first."},
	{roster.ErrTooManyDemotions, "--max-demotions", "If these owners are to be readers, raise --max-demotions to %d or more; if not, fix the roster's roles (a row without a role demotes no one)."},
	{roster.ErrTooManyProjectRemovals, "--max-project-removals", "If these people are to lose access to these projects, raise --max-project-removals to %d or more; if not, fix the roster's projects (an empty cell changes no one's access)."},
}

// refusalOf says why a real run refuses a plan whose roster.Limits.Check
// gave err, each limit gone over with its count and flag ("the plan
// removes 6 members, more than --max-removals 5"), and what to do; "" and
// "" when err is nil.
func refusalOf(err error) (why, advice string) {
	if err == nil {
		return "", ""
	}
	errs := []error{err}
	if joined, ok := err.(interface{ Unwrap() []error }); ok {
		errs = joined.Unwrap()
	}
	var over, todo []string
	for _, e := range errs {
		var limit *roster.LimitError
		if !errors.As(e, &limit) {
			continue // Check's errors are all LimitErrors
		}
		for _, f := range limitFlags {
			if errors.Is(limit, f.limit) {
				over = append(over, fmt.Sprintf("%s, more than %s %d", limit.Does(), f.flag, limit.Max))
				todo = append(todo, fmt.Sprintf(f.advice, limit.Count))
			}
		}
	}
	return "the plan " + strings.Join(over, ", and "), strings.Join(todo, " ")
}

// refuse shows the plan and refuses it whole: a roster cut short plans the
// removal of everyone it lost, a role column read wrong the demotion of
// every owner, and nothing of such a plan is sent.
func refuse(opts *SyncOptions, run *rosterrun.Run) error {
	s := run.Summary
	if err := s.PrintPlan(opts.IO.ErrOut); err != nil {
		return err
	}
	for i := range s.Actions {
		if s.Actions[i].Outcome == roster.Planned {
			s.Actions[i].Outcome, s.Actions[i].Error = roster.NotAttempted, "not sent: "+s.Refusal
		}
	}
	if err := s.WriteReport(opts.Report); err != nil {
		return err
	}
	return cmdutil.Usagef("refusing to sync: %s; nothing was sent. %s", s.Refusal, s.RefusalAdvice)
}
