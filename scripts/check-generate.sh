#!/usr/bin/env bash
# Regenerates gen/ in place from the spec's fragments in api/ (the bundle
# gen/openapi.yaml, then the code) and fails, showing the diff, if anything
# changed: a fragment edited without `make generate`, or a generated file
# edited by hand. Compares against the files on disk, not git, so it
# judges the working tree a developer is about to commit.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(mktemp -d)
trap 'rm -rf "$before"' EXIT
cp -a gen/. "$before"
go generate ./gen/...
if ! diff -ru --label "gen (committed)" --label "gen (regenerated)" "$before" gen; then
	echo >&2
	echo "check-generate: gen/ does not match the fragments in api/." >&2
	echo "Run 'make generate' and commit the fragments and gen/ together; never edit gen/ by hand." >&2
	exit 1
fi
echo "check-generate: gen/ matches the fragments in api/"
