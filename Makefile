# The project's commands. CI (.ci/run) runs make demo, make test and make
# lint; the ci workflow runs make release-snapshot in a job of its own. Tools
# are pinned and run through the Go toolchain, never downloaded binaries.

GOLANGCI_LINT := github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0
OASDIFF       := github.com/oasdiff/oasdiff@v1.37.0
GORELEASER    := github.com/goreleaser/goreleaser/v2@v2.15.1
# spec-diff compares the spec against this git ref: origin/main when there is
# one, else the previous commit (or HEAD in a one-commit repository).
BASE ?= $(shell for r in origin/main HEAD~1 HEAD; do git rev-parse -q --verify $$r >/dev/null && echo $$r && break; done)

.PHONY: generate confusables check-generate test lint spec-diff spec-upstream build release-snapshot release

generate:
	go generate ./gen/...

# confusables writes internal/rules/confusables.gen.go, the look-alike table,
# from Unicode's confusables.txt (https://www.unicode.org/Public/security/
# VERSION/confusables.txt, or icu/source/data/unidata/ in ICU's sources) of
# the Unicode version Go's unicode package and golang.org/x/text implement.
confusables:
	@test -n "$(CONFUSABLES)" || { echo "usage: make confusables CONFUSABLES=path/to/confusables.txt" >&2; exit 2; }
	go run ./internal/rules/confusablesgen -o internal/rules/confusables.gen.go "$(CONFUSABLES)"
	go test -count=1 ./internal/rules/...

check-generate:
	./scripts/check-generate.sh

# test vets the code as built for each OS the CLI is released for, so that
# a file behind a build tag cannot break the others unseen.
test:
	for goos in linux darwin windows; do GOOS=$$goos go vet ./... || exit 1; done
	go test -race ./...
	./scripts/check-generate.sh
	./scripts/check-generate-selftest.sh

lint:
	go run $(GOLANGCI_LINT) run ./...
	go mod tidy -diff

# spec-diff compares the fragments, bundled as `make generate` bundles them,
# with the bundle committed at $(BASE) (gen/openapi.yaml, or api/invites.yaml
# in commits from before the spec had fragments).
spec-diff:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	{ git show "$(BASE):gen/openapi.yaml" 2>/dev/null || git show "$(BASE):api/invites.yaml"; } >"$$tmp/base.yaml" && \
	go run ./api/bundle -o "$$tmp/spec.yaml" && \
	echo "Breaking changes in the spec (api/*.yaml) since $(BASE):" && \
	go run $(OASDIFF) breaking --fail-on ERR "$$tmp/base.yaml" "$$tmp/spec.yaml"

# spec-upstream rewrites api/official.facts.json from a copy of OpenAI's
# published spec (openapi.yaml of openai/openai-openapi), shows what changed
# in it, and runs the faithfulness tests: their failures are what
# api/invites.yaml now lacks. SOURCE says where the copy came from
# (openai/openai-openapi@COMMIT); it may be left out for the copy already
# recorded.
spec-upstream:
	@test -n "$(SPEC)" || { echo "usage: make spec-upstream SPEC=path/to/openapi.yaml [SOURCE=openai/openai-openapi@COMMIT]" >&2; exit 2; }
	go run ./api/officialfacts -source "$(SOURCE)" -o api/official.facts.json "$(SPEC)"
	@git --no-pager diff --no-ext-diff -- api/official.facts.json 2>/dev/null || true
	go test -count=1 -run Faithful ./api/

build:
	go build ./...

# release-snapshot builds the release archives into dist/ as a tag would,
# without publishing anything, then checks them: every archive and its
# checksum, and the binary for this machine run for its --version.
release-snapshot:
	go run $(GORELEASER) release --snapshot --clean
	./scripts/check-release.sh

# release publishes the archives of the tag at HEAD to GitHub (the release
# workflow runs it, with GITHUB_TOKEN).
release:
	go run $(GORELEASER) release --clean
	./scripts/check-release.sh

# demo runs the CLI's offline tour: every command against an in-process fake
# that misbehaves on cue. No key, no network; it finishes in seconds.
.PHONY: demo
demo:
	go run ./cmd/invites demo

# bench measures the client against a baseline of plain net/http and
# encoding/json on the same loopback server. The runs alternate between the
# two sides in each pass, so that a noisy machine slows both alike; benchstat
# prints client vs raw (time, bytes and allocations per call), then the peak
# heap All holds for 1,000 and 10,000 invites.
BENCHSTAT  := golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da
BENCH_RUNS ?= 20
.PHONY: bench
bench:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	go test -c -o "$$tmp/client.test" ./client/ && \
	for i in $$(seq $(BENCH_RUNS)); do \
		"$$tmp/client.test" -test.run '^$$' -test.bench . -test.benchmem -test.benchtime 150ms >>"$$tmp/bench.txt" || exit 1; \
	done && \
	go run $(BENCHSTAT) -col /impl "$$tmp/bench.txt" && \
	"$$tmp/client.test" -test.run '^TestAllMemoryIsFlat$$' -test.v | grep 'peak heap'
