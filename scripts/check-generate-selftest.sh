#!/usr/bin/env bash
# Proves that check-generate catches both ways gen/ and the spec drift apart:
# a hand edit of a generated file (the code or the bundled spec), and a
# fragment edited without regeneration. Works
# on a throw-away copy of the tree so the real one is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fresh_copy() {
	rm -rf "$work/tree"
	mkdir -p "$work/tree"
	tar --exclude=.git -cf - . | tar -xf - -C "$work/tree"
}

expect_failure() {
	local what=$1
	if (cd "$work/tree" && ./scripts/check-generate.sh >"$work/out" 2>&1); then
		echo "selftest: check-generate passed after $what" >&2
		cat "$work/out" >&2
		exit 1
	fi
	grep -q "does not match" "$work/out" || { cat "$work/out" >&2; exit 1; }
	echo "selftest: check-generate failed, as it must, after $what"
}

fresh_copy
(cd "$work/tree" && ./scripts/check-generate.sh >/dev/null)
echo "selftest: check-generate passes on an untouched copy"

fresh_copy
printf '\n// hand edit\n' >>"$work/tree/gen/openapi.gen.go"
expect_failure "a hand edit of gen/openapi.gen.go"

fresh_copy
printf '# hand edit\n' >>"$work/tree/gen/openapi.yaml"
expect_failure "a hand edit of gen/openapi.yaml"

fresh_copy
sed -i 's/description: Retrieves an invite./description: Retrieves one invite./; s/summary: Retrieves an invite./summary: Retrieves one invite./' "$work/tree/api/invites.yaml"
expect_failure "a fragment edited without regeneration"
