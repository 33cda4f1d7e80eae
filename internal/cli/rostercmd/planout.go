// sync --plan-out saves the plan it shows, so that a colleague can review
// it and --apply-plan can apply exactly that (Terraform's plan -out): the
// file says what made the plan (the roster's path and digest, the flags
// that shaped it, the tool's version) besides the plan itself. Saving sends
// nothing: a plan saved is a plan not yet approved.

package rostercmd

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/goinvites/invites/internal/atomicfile"
	"github.com/goinvites/invites/internal/cli/rosterrun"
	"github.com/goinvites/invites/roster"
)

// planShaping are sync's flags that shape its plan, besides --file: each
// is saved with the plan for its reviewer, with its value in opts ("" left
// out), and refused beside --apply-plan, which applies a plan as it was
// made.
var planShaping = []struct {
	flag  string
	value func(*SyncOptions) string
}{
	{"revoke-missing", func(o *SyncOptions) string { return strconv.FormatBool(o.RevokeMissing) }},
	{"remove-members", func(o *SyncOptions) string { return strconv.FormatBool(o.RemoveMembers) }},
	{maxRemovalsFlag, func(o *SyncOptions) string { return strconv.Itoa(o.MaxRemovals) }},
	{maxDemotionsFlag, func(o *SyncOptions) string { return strconv.Itoa(o.MaxDemotions) }},
	{maxProjectRemovalsFlag, func(o *SyncOptions) string { return strconv.Itoa(o.MaxProjectRemovals) }},
	{"manage-projects", func(o *SyncOptions) string { return o.ManageProjects.String() }},
	{"default-role", func(o *SyncOptions) string { return o.DefaultRole }},
	{"where", func(o *SyncOptions) string { return strings.Join(o.Where, "; ") }},
	{"owner-where", func(o *SyncOptions) string { return strings.Join(o.OwnerWhere, "; ") }},
	{"email-column", func(o *SyncOptions) string { return o.EmailColumn }},
	{"role-column", func(o *SyncOptions) string { return o.RoleColumn }},
	{"projects-column", func(o *SyncOptions) string { return o.ProjectsColumn }},
	{"delimiter", func(o *SyncOptions) string { return o.Delimiter }},
}

// The limits' flags, which --apply-plan reads back from the plan it
// applies (savedLimits).
const (
	maxRemovalsFlag        = "max-removals"
	maxDemotionsFlag       = "max-demotions"
	maxProjectRemovalsFlag = "max-project-removals"
)

// savePlan writes run's plan to opts.PlanOut, whole or not at all.
func savePlan(opts *SyncOptions, run *rosterrun.Run) error {
	options := map[string]string{}
	for _, p := range planShaping {
		if v := p.value(opts); v != "" {
			options["--"+p.flag] = v
		}
	}
	// The path as the reviewer, and a later --apply-plan in another
	// directory, can find it; "-" for stdin.
	path := opts.File
	if abs, err := filepath.Abs(path); err == nil && path != "-" {
		path = abs
	}
	saved := roster.SavePlan(run.Actions(), run.Org(), roster.PlanInfo{
		Roster:      roster.SavedRoster{Path: path, SHA256: opts.Digest()},
		Options:     options,
		ToolVersion: opts.ToolVersion,
		CreatedAt:   time.Now().UTC().Truncate(time.Second), // as a person reads it
	})
	err := atomicfile.Write(opts.PlanOut, 0o644, func(w io.Writer) error {
		_, err := saved.WriteTo(w)
		return err
	})
	if err != nil {
		return fmt.Errorf("writing the plan %s: %w", opts.PlanOut, err)
	}
	run.Summary.SavedPlan = opts.PlanOut
	return nil
}
