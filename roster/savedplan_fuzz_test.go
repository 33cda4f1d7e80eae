package roster_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/goinvites/invites/roster"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzReadSavedPlan: no file makes ReadSavedPlan or Bind panic, and a plan
// read is written back to a file that reads as the same plan.
func FuzzReadSavedPlan(f *testing.F) {
	golden, err := os.ReadFile(goldenPath())
	require.NoError(f, err)
	f.Add(golden)
	f.Add(golden[:len(golden)/3])
	f.Add([]byte(`{"format":"invites-plan","version":2,"actions":[{"kind":"remove","email":"a@b.co","user_id":"u"}],"org":[{"email":"A@B.CO","members":[{"id":"u","role":"owner"}]}]}`))
	f.Add([]byte(`{"format":"invites-plan","version":2,"actions":[{"kind":"set-role","email":"a@b.co","user_id":"u","after":{"role":"owner","projects":"p:member;p:owner"}}],"org":[]}`))
	f.Add([]byte(`{"format":"invites-plan","version":2,"actions":[{"kind":"remove-from-project","email":"a@b.co","user_id":"u","after":{"role":"reader","projects":"none"},"project":{"id":"p","name":"","before":"owner"}}],"org":[{"email":"a@b.co","members":[{"id":"u","role":"reader"}]}],"projects":[{"id":"p","name":"","members":[]}]}`))
	org := planOrg()
	f.Fuzz(func(t *testing.T, in []byte) {
		p, err := roster.ReadSavedPlan(bytes.NewReader(in))
		if err != nil {
			return
		}
		_, _ = p.Bind(org)
		var out bytes.Buffer
		_, err = p.WriteTo(&out)
		require.NoError(t, err)
		back, err := roster.ReadSavedPlan(&out)
		require.NoError(t, err)
		assert.Equal(t, p, back)
	})
}
