// A removal cannot be undone, so every command that removes someone (from
// the organization, from a project) shows whom first and asks the same way:
// on a terminal by a question, elsewhere only with --yes.

package cmdutil

import (
	"fmt"
	"io"
)

// ConfirmRemoval shows on stderr what is about to be removed (show writes
// it) and says whether to go on: with yes (--yes), or when the person at
// the terminal answers question with yes. Without a terminal to ask on and
// without yes, it refuses (a usage error) after showing them.
func ConfirmRemoval(ios *IOStreams, yes bool, show func(io.Writer) error, question string) (bool, error) {
	stderr := ios.ErrOut
	fmt.Fprintln(stderr, "To remove (this cannot be undone):")
	if err := show(stderr); err != nil {
		return false, err
	}
	if yes {
		return true, nil
	}
	if !ios.CanPrompt() {
		return false, ios.RefuseWithoutPrompt("remove", "pass --yes")
	}
	ok, err := ios.Confirm(question + " This cannot be undone.")
	if err == nil && !ok {
		fmt.Fprintln(stderr, "Nothing removed.")
	}
	return ok, err
}
