package journal_test

import (
	"fmt"
	"os"
	"testing"

	"go.uber.org/goleak"
)

// The kill tests run this test binary again as the process they kill: the
// variable childEnv says which child to be.
const (
	childEnv = "JOURNAL_TEST_CHILD"
	pathEnv  = "JOURNAL_TEST_PATH"
	urlEnv   = "JOURNAL_TEST_URL"
	keyEnv   = "JOURNAL_TEST_KEY"
)

func TestMain(m *testing.M) {
	var err error
	switch os.Getenv(childEnv) {
	case "":
		goleak.VerifyTestMain(m)
		return
	case "append":
		err = appendChild(os.Getenv(pathEnv))
	case "sync":
		err = syncChild(os.Getenv(pathEnv), os.Getenv(urlEnv), os.Getenv(keyEnv))
	default:
		err = fmt.Errorf("unknown child %q", os.Getenv(childEnv))
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "child:", err)
		os.Exit(1)
	}
	os.Exit(0)
}
