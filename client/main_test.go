package client

import (
	"testing"

	"go.uber.org/goleak"
)

// TestMain fails the run if any test leaves a goroutine behind: a retry
// loop or a body that is never closed would show up here.
func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}
