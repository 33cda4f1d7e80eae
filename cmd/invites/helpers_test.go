package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// result is what one in-process run of the CLI produced.
type result struct {
	code           int
	stdout, stderr string
}

// cli describes how to run the CLI in-process: its environment, stdin,
// context and any test seams to set on the app.
type cli struct {
	env   map[string]string
	stdin string
	ctx   context.Context
	tweak func(*app)
}

func (c cli) run(t *testing.T, args ...string) result {
	t.Helper()
	ctx := c.ctx
	if ctx == nil {
		ctx = t.Context()
	}
	var stdout, stderr bytes.Buffer
	a := newApp(ctx, strings.NewReader(c.stdin), &stdout, &stderr, func(k string) string { return c.env[k] })
	if c.tweak != nil {
		c.tweak(a)
	}
	code := a.run(args)
	return result{code, stdout.String(), stderr.String()}
}

// lines splits output into its non-empty lines.
func lines(s string) []string {
	var out []string
	for l := range strings.Lines(s) {
		if l = strings.TrimRight(l, "\n"); l != "" {
			out = append(out, l)
		}
	}
	return out
}
