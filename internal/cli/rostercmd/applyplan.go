// sync --apply-plan applies a plan saved by --plan-out, exactly: its saved
// actions, bound to a fresh and complete read of the organization, and only
// if nothing they touch has changed since it was made (roster's
// SavedPlan.Bind); otherwise it refuses, names each change, and sends
// nothing. The rest is an ordinary sync's: the limits the plan was made
// within, the plan shown, the question, the journal, Ctrl-C, the report.
//
// The roster's digest is not a condition: what was approved is the plan,
// and the roster it came from may be a download long since replaced. The
// run says whether the file at that path still is what the plan was made
// from, so that the admin knows.

package rostercmd

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/goinvites/invites/internal/cli/rosterrun"
	"github.com/goinvites/invites/roster"
)

// runSavedPlan is RunSync with --apply-plan.
func runSavedPlan(ctx context.Context, opts *SyncOptions) error {
	if opts.PlanMaxAge <= 0 {
		return cmdutil.Usagef("--plan-max-age %s: give 1h or more", opts.PlanMaxAge)
	}
	if err := opts.CheckRun(); err != nil {
		return err
	}
	saved, err := readSavedPlan(opts)
	if err != nil {
		return err
	}
	if err := saved.CheckAge(time.Now(), opts.PlanMaxAge); err != nil {
		return cmdutil.Usagef("refusing the saved plan %s: %w (--plan-max-age %s)", opts.ApplyPlan, err, opts.PlanMaxAge)
	}
	limits, err := savedLimits(opts.ApplyPlan, saved)
	if err != nil {
		return err
	}
	describeSaved(opts.Notices(), opts.ApplyPlan, saved)

	run := rosterrun.New(&opts.RosterOptions, nil, rosterName(saved.Roster), "Synced", roster.PlanOptions{})
	run.Limits = limits
	run.Summary.SavedPlan, run.Summary.FromSaved = opts.ApplyPlan, true
	run.Summary.AddSaved(saved.Actions)
	c, err := run.Connect(ctx, opts.applies())
	if err != nil {
		return err
	}
	if err := run.BindPlan(ctx, c, saved, opts.ApplyPlan); err != nil {
		return err
	}
	if !run.Summary.Interrupted {
		fmt.Fprintf(opts.Notices(), "%s: nothing the plan touches has changed since it was made.\n", opts.ApplyPlan)
	}
	return conclude(ctx, opts, run, c)
}

// readSavedPlan reads the plan --apply-plan names ("-": stdin); a file
// that is no plan of this tool's format is a usage error.
func readSavedPlan(opts *SyncOptions) (*roster.SavedPlan, error) {
	var r io.Reader
	if opts.ApplyPlan == "-" {
		stdin, err := opts.IO.TakeStdin("--apply-plan -")
		if err != nil {
			return nil, err
		}
		r = stdin
	} else {
		f, err := os.Open(opts.ApplyPlan)
		if err != nil {
			return nil, cmdutil.Usagef("--apply-plan: %w", err)
		}
		defer f.Close()
		r = f
	}
	saved, err := roster.ReadSavedPlan(r)
	if err != nil {
		return nil, cmdutil.Usagef("--apply-plan %s: %w", opts.ApplyPlan, err)
	}
	return saved, nil
}

// savedLimits are the limits a saved plan was made within, its
// --max-removals, --max-demotions and --max-project-removals, which hold when it is applied as they
// would have then; sync's defaults for a plan that names none (one saved
// by another program).
func savedLimits(name string, p *roster.SavedPlan) (roster.Limits, error) {
	l := roster.Limits{MaxRemovals: defaultMaxRemovals, MaxDemotions: defaultMaxDemotions, MaxProjectRemovals: defaultMaxProjectRemovals}
	for _, limit := range []struct {
		flag string
		n    *int
	}{{maxRemovalsFlag, &l.MaxRemovals}, {maxDemotionsFlag, &l.MaxDemotions}, {maxProjectRemovalsFlag, &l.MaxProjectRemovals}} {
		v, ok := p.Options["--"+limit.flag]
		if !ok {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return l, cmdutil.Usagef("refusing the saved plan %s: its --%s is %s: want a number, 0 or more", name, limit.flag, strconv.Quote(v))
		}
		*limit.n = n
	}
	return l, nil
}

// describeSaved says where the plan came from before it is shown: when and
// by what it was made, from which roster, whether that file is still what
// it was, and the flags that shaped it.
func describeSaved(w io.Writer, name string, p *roster.SavedPlan) {
	fmt.Fprintf(w, "%s: a plan made %s (%s ago) by invites %s, from %s\n", name,
		p.CreatedAt.Format(time.RFC3339), time.Since(p.CreatedAt).Round(time.Second), cmp.Or(p.ToolVersion, "(version unknown)"), rosterName(p.Roster))
	if now := rosterNow(p.Roster); now != "" {
		fmt.Fprintf(w, "%s: %s\n", name, now)
	}
	if len(p.Options) > 0 {
		flags := make([]string, 0, len(p.Options))
		for _, k := range slices.Sorted(maps.Keys(p.Options)) {
			v := p.Options[k]
			if v == "" || strings.ContainsAny(v, " \t\n\"'") {
				v = strconv.Quote(v)
			}
			flags = append(flags, k+" "+v)
		}
		fmt.Fprintf(w, "%s: made with %s\n", name, strings.Join(flags, ", "))
	}
}

// rosterName is how messages name the roster a plan was made from, as a
// run from that roster named it.
func rosterName(r roster.SavedRoster) string {
	if r.Path == "-" {
		return "stdin"
	}
	return r.Path
}

// rosterNow compares the roster file a plan was made from with the file at
// its path now: "" for a roster read from stdin, which left nothing to
// compare.
func rosterNow(r roster.SavedRoster) string {
	if r.Path == "-" || r.Path == "" {
		return ""
	}
	f, err := os.Open(r.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return "the roster " + r.Path + " is no longer there; the plan is applied as it was saved"
	}
	if err != nil {
		return fmt.Sprintf("the roster %s cannot be read now (%v); the plan is applied as it was saved", r.Path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Sprintf("the roster %s cannot be read now (%v); the plan is applied as it was saved", r.Path, err)
	}
	if digest := hex.EncodeToString(h.Sum(nil)); digest != r.SHA256 {
		return fmt.Sprintf("the roster %s has changed since the plan was made (sha256 %s, then %s); the plan is applied as it was saved, not the file as it is now", r.Path, digest, r.SHA256)
	}
	return "the roster " + r.Path + " is as it was when the plan was made (sha256 " + r.SHA256 + ")"
}
