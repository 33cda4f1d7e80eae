// Flags that exclude each other are refused in the CLI's own words, the
// same for every group, before cobra would refuse them in its own
// ("if any flags in the group [dry-run check] are set none of the others
// can be; ..."): ExcludeEachOther marks a group, and CheckExclusive, run
// before every command, refuses it.

package cmdutil

import (
	"strings"

	"github.com/spf13/cobra"
)

// ExcludesAnnotation holds, on a command, the groups of its flags that
// exclude each other: each group's names joined by spaces, the groups by
// newlines.
const ExcludesAnnotation = "invites_excludes"

// ExcludeEachOther makes the flags named exclude each other on cmd and
// its subcommands. Cobra knows the group too, so that completion offers
// only one of them.
func ExcludeEachOther(cmd *cobra.Command, names ...string) {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	groups := cmd.Annotations[ExcludesAnnotation]
	if groups != "" {
		groups += "\n"
	}
	cmd.Annotations[ExcludesAnnotation] = groups + strings.Join(names, " ")
	cmd.MarkFlagsMutuallyExclusive(names...)
}

// CheckExclusive refuses a command line that sets two flags of one group,
// marked on cmd or on a command above it: "--dry-run and --check exclude
// each other: give one of them".
func CheckExclusive(cmd *cobra.Command) error {
	for c := cmd; c != nil; c = c.Parent() {
		for group := range strings.Lines(c.Annotations[ExcludesAnnotation]) {
			var set []string
			for name := range strings.FieldsSeq(group) {
				if cmd.Flags().Changed(name) {
					set = append(set, "--"+name)
				}
			}
			if len(set) > 1 {
				return Usagef("%s exclude each other: give one of them", strings.Join(set, " and "))
			}
		}
	}
	return nil
}
