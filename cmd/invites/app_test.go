package main

import (
	"runtime"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestVersion(t *testing.T) {
	t.Parallel()
	r := cli{}.run(t, "version")
	assert.Equal(t, 0, r.code)
	assert.Regexp(t, `^invites \S+ \((rev \w+(-dirty)?, )?`+runtime.Version()+` \w+/\w+\)\n$`, r.stdout)
	assert.Empty(t, r.stderr)

	flag := cli{}.run(t, "--version")
	assert.Equal(t, 0, flag.code, flag.stderr)
	assert.Equal(t, r.stdout, flag.stdout, "--version prints what version does")
}

func TestDescribeBuildPrefersBuildInfoToDevel(t *testing.T) {
	t.Parallel()
	info := &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"},
	}}
	v, rev := describeBuild(info, true)
	assert.Equal(t, "v1.4.0", v)
	assert.Equal(t, "0123456789ab-dirty", rev)

	info.Main.Version, info.Settings[1].Value = "(devel)", "false"
	v, rev = describeBuild(info, true)
	assert.Equal(t, "devel", v)
	assert.Equal(t, "0123456789ab", rev, "a revision even where the version is devel")

	v, rev = describeBuild(nil, false)
	assert.Equal(t, "devel", v)
	assert.Empty(t, rev)
}

func TestUsageErrorsExit2WithOneLine(t *testing.T) {
	t.Parallel()
	for name, args := range map[string][]string{
		"unknown flag":    {"version", "--nope"},
		"unknown command": {"frobnicate"},
		"extra argument":  {"version", "x"},
		"bad output":      {"--output", "yaml", "version"},
		"fake and url":    {"--fake", "--base-url", "http://127.0.0.1:1/v1", "version"},
		"bad retries":     {"--max-retries", "-5", "version"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r := cli{}.run(t, args...)
			assert.Equal(t, exitUsage, r.code, r.stderr)
			errLines := lines(r.stderr)
			if assert.NotEmpty(t, errLines) {
				assert.Regexp(t, `^invites: `, errLines[0])
			}
			assert.LessOrEqual(t, len(errLines), 2, "an error line and at most a usage hint")
			assert.NotContains(t, r.stderr, "goroutine")
		})
	}
}

func TestHelpNeedsNothing(t *testing.T) {
	t.Parallel()
	r := cli{}.run(t, "--help")
	assert.Equal(t, 0, r.code)
	assert.Contains(t, r.stdout, "OPENAI_ADMIN_KEY")
	assert.Contains(t, r.stdout, "Exit codes")
}

func TestCompletion(t *testing.T) {
	t.Parallel()
	for _, shell := range []string{"bash", "zsh", "fish"} {
		r := cli{}.run(t, "completion", shell)
		assert.Equal(t, 0, r.code, shell)
		assert.Contains(t, r.stdout, "invites", shell)
		assert.Greater(t, len(r.stdout), 500, shell)
	}
	r := cli{}.run(t, "completion", "tcsh")
	assert.Equal(t, exitUsage, r.code)
}
