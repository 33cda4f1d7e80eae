// version tells a user (and a bug report) exactly which build they run: the
// module version and VCS revision Go stamps into the binary, where there
// are any.

package root

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/goinvites/invites/internal/cli/cmdutil"
	"github.com/spf13/cobra"
)

// version is set at release time with -ldflags
// "-X github.com/goinvites/invites/internal/cli/root.version=v1.2.3";
// otherwise the module version from the build info is used.
var version = ""

func newVersionCmd(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of invites",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprintln(f.IO.Out, versionLine())
			return err
		},
	}
}

// versionLine is what version and --version print.
func versionLine() string {
	v, rev := describeBuild(debug.ReadBuildInfo())
	if rev != "" {
		rev = "rev " + rev + ", "
	}
	return fmt.Sprintf("invites %s (%s%s %s/%s)", v, rev, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// buildVersion is the version to report, most specific source first.
func buildVersion() string {
	v, _ := describeBuild(debug.ReadBuildInfo())
	return v
}

// describeBuild reads the version and VCS revision (shortened, "-dirty"
// when the tree had changes) from a binary's build info; "devel" and ""
// when it has none.
func describeBuild(info *debug.BuildInfo, ok bool) (v, revision string) {
	v = version
	if !ok {
		if v == "" {
			v = "devel"
		}
		return v, ""
	}
	if v == "" {
		v = info.Main.Version
	}
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	var dirty bool
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			revision = s.Value[:min(12, len(s.Value))]
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if revision != "" && dirty {
		revision += "-dirty"
	}
	return v, revision
}
