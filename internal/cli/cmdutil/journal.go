// The commands that write the journal (import, sync) and the one that reads
// it (journal) must find the same file without being told, or `invites
// journal` would not show what sync just sent: where it is by default is
// decided here, once.

package cmdutil

import (
	"fmt"
	"path/filepath"

	"github.com/goinvites/invites/internal/journal"
)

// JournalEnv names the journal of writes when no --journal does: for a
// cron job's or a CI job's environment, and for tests.
const JournalEnv = "INVITES_JOURNAL"

// fakeJournalName is --fake's journal, kept beside the real one: writes to
// an offline fake are no record of what the organization was sent.
const fakeJournalName = "fake-journal.jsonl"

// JournalPath is the journal of writes when no --journal names one:
// $INVITES_JOURNAL, else invites/journal.jsonl under the user's state
// directory (journal.DefaultPath, read from the environment Run was
// given); with --fake, fake-journal.jsonl beside that one.
func (f *Factory) JournalPath() (string, error) {
	path := f.getenv(JournalEnv)
	if path == "" {
		var err error
		if path, err = journal.DefaultPathFrom(f.getenv); err != nil {
			return "", fmt.Errorf("%w (set %s=FILE)", err, JournalEnv)
		}
	}
	if f.Flags.Fake {
		return filepath.Join(filepath.Dir(path), fakeJournalName), nil
	}
	return path, nil
}

// JournalDefault says, for a --journal flag's help, where the journal is
// when the flag is not given.
func (f *Factory) JournalDefault() string {
	const fake = "; with --fake, " + fakeJournalName + " beside it"
	if p := f.getenv(JournalEnv); p != "" {
		return "$" + JournalEnv + ", " + p + fake
	}
	p, err := journal.DefaultPathFrom(f.getenv)
	if err != nil {
		return "$" + JournalEnv + ", else under the user's state directory, which this environment does not name" + fake
	}
	return "$" + JournalEnv + ", else " + p + fake
}
