package root_test

import (
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/goinvites/invites/internal/cli/clitest"
	"github.com/goinvites/invites/internal/cli/root"
	"github.com/stretchr/testify/assert"
)

func TestVersion(t *testing.T) {
	t.Parallel()
	r := clitest.CLI{}.Run(t, "version")
	assert.Equal(t, 0, r.Code)
	assert.Regexp(t, `^invites \S+ \((rev \w+(-dirty)?, )?`+runtime.Version()+` \w+/\w+\)\n$`, r.Stdout)
	assert.Empty(t, r.Stderr)

	flag := clitest.CLI{}.Run(t, "--version")
	assert.Equal(t, 0, flag.Code, flag.Stderr)
	assert.Equal(t, r.Stdout, flag.Stdout, "--version prints what version does")
}

func TestDescribeBuildPrefersBuildInfoToDevel(t *testing.T) {
	t.Parallel()
	info := &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"},
	}}
	v, rev := root.DescribeBuild(info, true)
	assert.Equal(t, "v1.4.0", v)
	assert.Equal(t, "0123456789ab-dirty", rev)

	info.Main.Version, info.Settings[1].Value = "(devel)", "false"
	v, rev = root.DescribeBuild(info, true)
	assert.Equal(t, "devel", v)
	assert.Equal(t, "0123456789ab", rev, "a revision even where the version is devel")

	v, rev = root.DescribeBuild(nil, false)
	assert.Equal(t, "devel", v)
	assert.Empty(t, rev)
}
