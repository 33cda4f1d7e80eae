#!/usr/bin/env bash
# Regenerates gen/ in place from api/invites.yaml and fails, showing the diff,
# if anything changed: a spec edited without `make generate`, or generated
# code edited by hand. Compares against the files on disk, not git, so it
# judges the working tree a developer is about to commit.
set -euo pipefail
cd "$(dirname "$0")/.."
before=$(mktemp -d)
trap 'rm -rf "$before"' EXIT
cp -a gen/. "$before"
go generate ./gen/...
if ! diff -ru --label "gen (committed)" --label "gen (regenerated)" "$before" gen; then
	echo >&2
	echo "check-generate: gen/ does not match api/invites.yaml." >&2
	echo "Run 'make generate' and commit the spec and gen/ together; never edit gen/ by hand." >&2
	exit 1
fi
echo "check-generate: gen/ matches api/invites.yaml"
