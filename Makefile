# The project's commands. `make test` is what CI runs (with `make lint`);
# tools are pinned and run through the Go toolchain, never downloaded binaries.

GOLANGCI_LINT := github.com/golangci/golangci-lint/v2/cmd/golangci-lint@v2.15.0
OASDIFF       := github.com/oasdiff/oasdiff@v1.37.0
# spec-diff compares the spec against this git ref: origin/main when there is
# one, else the previous commit (or HEAD in a one-commit repository).
BASE ?= $(shell for r in origin/main HEAD~1 HEAD; do git rev-parse -q --verify $$r >/dev/null && echo $$r && break; done)

.PHONY: generate check-generate test lint spec-diff build

generate:
	go generate ./gen/...

check-generate:
	./scripts/check-generate.sh

test:
	go vet ./...
	go test -race ./...
	./scripts/check-generate.sh
	./scripts/check-generate-selftest.sh

lint:
	go run $(GOLANGCI_LINT) run ./...

spec-diff:
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	git show "$(BASE):api/invites.yaml" >"$$tmp/base.yaml" && \
	echo "Breaking changes in api/invites.yaml since $(BASE):" && \
	go run $(OASDIFF) breaking --fail-on ERR "$$tmp/base.yaml" api/invites.yaml

build:
	go build ./...

# demo runs the CLI's offline tour: every command against an in-process fake
# that misbehaves on cue. No key, no network; it finishes in seconds.
.PHONY: demo
demo:
	go run ./cmd/invites demo
