// These tests hold the fragments, bundled, to OpenAI's published spec, as recorded
// in official.facts.json (written by `make spec-upstream`): both are reduced
// to the same structural facts, and every difference fails unless the
// departures table lists it.

package api_test

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/goinvites/invites/api/internal/specfacts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const officialPath = "official.facts.json"

func loadOfficial(t *testing.T) *specfacts.File {
	t.Helper()
	raw, err := os.ReadFile(officialPath)
	require.NoError(t, err)
	f, err := specfacts.DecodeFile(raw)
	require.NoError(t, err, officialPath)
	require.NotEmpty(t, f.Facts, "%s holds no facts", officialPath)
	return f
}

// oursScope reduces the bundle as the official spec is reduced, but
// with every path (an extra one is a departure too) and the inlined schemas.
func oursScope() specfacts.Scope {
	scope := specfacts.Mirrored
	scope.PathPrefixes, scope.Paths = nil, nil
	scope.Inline = slices.Clone(scope.Inline)
	for _, d := range departures {
		if d.inline != "" {
			scope.Inline = append(scope.Inline, d.inline)
		}
	}
	return scope
}

func oursFacts(t *testing.T) specfacts.Facts {
	t.Helper()
	doc, err := specfacts.Parse(bundled(t))
	require.NoError(t, err)
	facts, err := specfacts.Extract(doc.Root, oursScope())
	require.NoError(t, err)
	return facts
}

func TestFaithfulToOfficial(t *testing.T) {
	t.Parallel()
	official := loadOfficial(t)
	for _, p := range unfaithful(official.Facts, oursFacts(t), departures) {
		t.Error(p)
	}
}

// TestFaithfulInlinedSchemas checks each schema the departures keep named is
// one of ours that the official spec does not name.
func TestFaithfulInlinedSchemas(t *testing.T) {
	t.Parallel()
	official := loadOfficial(t)
	doc, err := specfacts.Parse(bundled(t))
	require.NoError(t, err)
	components, _ := doc.Root["components"].(map[string]any)
	schemas, _ := components["schemas"].(map[string]any)
	for _, d := range departures {
		if d.inline == "" {
			continue
		}
		assert.Contains(t, schemas, d.inline, "departure: schema %s is not in the fragments", d.inline)
		for _, k := range official.Facts.Keys() {
			assert.False(t, strings.HasPrefix(k, specfacts.Key("schema", d.inline, "")),
				"the official spec now names schema %s (%s): drop its departure and $ref it", d.inline, k)
		}
	}
}

// unfaithful lists, one line each, the facts of ours that differ from the
// official ones and that no departure excuses, then the departures that
// excuse nothing.
func unfaithful(official, ours specfacts.Facts, deps []departure) []string {
	var problems []string
	used := map[string]bool{}
	keys := append(official.Keys(), ours.Keys()...)
	slices.Sort(keys)
	for _, k := range slices.Compact(keys) {
		o, inOfficial := official[k]
		w, inOurs := ours[k]
		switch {
		case inOfficial && inOurs && o != w:
			problems = append(problems, fmt.Sprintf("%s: official %s, ours %s", k, o, w))
		case inOfficial && !inOurs:
			problems = append(problems, fmt.Sprintf("%s: official %s, ours lacks it", k, o))
		case !inOfficial:
			if p, ok := excused(k, deps); ok {
				used[p] = true
			} else {
				problems = append(problems, fmt.Sprintf("%s: ours %s, official lacks it and no departure lists it", k, w))
			}
		}
	}
	for _, d := range deps {
		for _, p := range d.facts {
			if !used[p] {
				problems = append(problems, fmt.Sprintf("departure %q excuses nothing: drop it", p))
			}
		}
	}
	return problems
}

// excused returns the departure pattern that matches key.
func excused(key string, deps []departure) (string, bool) {
	for _, d := range deps {
		for _, p := range d.facts {
			if matchSteps(strings.Split(p, " "), strings.Split(key, " ")) {
				return p, true
			}
		}
	}
	return "", false
}

func matchSteps(pattern, steps []string) bool {
	switch {
	case len(pattern) == 0:
		return len(steps) == 0
	case pattern[0] == "**":
		for i := 0; i <= len(steps); i++ {
			if matchSteps(pattern[1:], steps[i:]) {
				return true
			}
		}
		return false
	case len(steps) == 0:
		return false
	default:
		return stepPattern(pattern[0]).MatchString(steps[0]) && matchSteps(pattern[1:], steps[1:])
	}
}

func stepPattern(p string) *regexp.Regexp {
	return regexp.MustCompile("^" + strings.ReplaceAll(regexp.QuoteMeta(p), `\*`, ".*") + "$")
}
