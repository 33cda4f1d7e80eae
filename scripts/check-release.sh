#!/usr/bin/env bash
# Checks what GoReleaser left in dist/ (make release-snapshot, make release):
# an archive for each of linux, darwin and windows on amd64 and arm64, each
# one listed in checksums.txt with the SHA-256 it has, and, unpacked in a
# throw-away directory, the binary for this machine, whose --version must
# name the release: the version is stamped by ldflags, not read from the
# build, so no build flag can lose it.
set -euo pipefail
cd "$(dirname "$0")/.."
dist=dist
fail() { echo "check-release: $*" >&2; exit 1; }

version=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' "$dist/metadata.json")
[ -n "$version" ] || fail "no version in $dist/metadata.json"

for goos in linux darwin windows; do
	for goarch in amd64 arm64; do
		ext=tar.gz
		[ "$goos" = windows ] && ext=zip
		archive=invites_${version}_${goos}_${goarch}.$ext
		[ -f "$dist/$archive" ] || fail "$archive is missing from $dist/"
		grep -q "  $archive\$" "$dist/checksums.txt" || fail "$archive is not in checksums.txt"
		echo "check-release: $archive"
	done
done
if command -v sha256sum >/dev/null; then
	(cd "$dist" && sha256sum --quiet -c checksums.txt) || fail "checksums.txt does not match the archives"
else
	(cd "$dist" && shasum -a 256 --quiet -c checksums.txt) || fail "checksums.txt does not match the archives"
fi
echo "check-release: checksums.txt matches the archives"

goos=$(go env GOOS)
goarch=$(go env GOARCH)
[ "$goos" != windows ] || fail "run it on linux or macOS: it unpacks a tar.gz and runs the binary"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar -xzf "$dist/invites_${version}_${goos}_${goarch}.tar.gz" -C "$work"
got=$("$work/invites" --version)
echo "check-release: $goos/$goarch invites --version: $got"
case "$got" in
"invites v$version ("*) ;;
*) fail "--version does not name the release v$version" ;;
esac
