package roster_test

import (
	"testing"

	"go.uber.org/goleak"
)

// Apply runs workers; none may outlive it.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }
