#!/usr/bin/env bash
# SC2016: single-quoted '$' here is literal text (a stub script, a preset value).
# shellcheck disable=SC2016
# Tests of the docker/ files that can run without a Docker engine: the
# Dockerfile refers to files, presets and flags that exist in the repository.
# Usage: test_docker_files.sh REPO_DIR CASE
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $0 REPO_DIR CASE" >&2; exit 2; }
repo=$(cd "$1" && pwd)
case_name=$2
dockerfile=$repo/docker/Dockerfile

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }

case_docker_dockerfile() {
  [ -f "$dockerfile" ] || fail "docker/Dockerfile missing"
  # Every file copied from the build context exists.
  local src
  while read -r src; do
    [ -e "$repo/$src" ] || fail "Dockerfile copies '$src', which does not exist"
  done < <(grep -E '^COPY ' "$dockerfile" | grep -v -- '--from=' | awk '{print $2}' | grep -vx '\.')
  grep -q '^ENTRYPOINT \["credsvc"\]$' "$dockerfile" || fail "ENTRYPOINT is not credsvc"
  # The preset the build stage uses exists, as configure and build preset,
  # with the binary directory the runtime stage copies from.
  grep -q 'cmake --preset release && cmake --build --preset release' "$dockerfile" || fail "build stage does not use the release preset"
  (cd "$repo" && cmake --list-presets) | grep -q '^ *"release"' || fail "no configure preset 'release'"
  (cd "$repo" && cmake --build --list-presets) | grep -q '^ *"release"' || fail "no build preset 'release'"
  grep -Fq '"binaryDir": "${sourceDir}/build/${presetName}"' "$repo/CMakePresets.json" || fail "preset binaryDir is not build/<preset>"
  grep -q '^COPY --from=build /src/build/release/credsvc/credsvc /usr/local/bin/credsvc$' "$dockerfile" ||
    fail "runtime stage does not copy build/release/credsvc/credsvc"
  # install-deps supports the flag the runtime stage passes.
  grep -q 'install-deps --runtime' "$dockerfile" || fail "runtime stage does not run install-deps --runtime"
  grep -q '"--runtime"' "$repo/scripts/install-deps" || fail "scripts/install-deps has no --runtime"
  # Both base images are bookworm; the runtime one runs as non-root.
  grep -q '^FROM debian:bookworm AS build$' "$dockerfile" || fail "build stage is not debian:bookworm"
  grep -q '^FROM debian:bookworm-slim AS runtime$' "$dockerfile" || fail "runtime stage is not debian:bookworm-slim"
  grep -q '^USER credsvc$' "$dockerfile" || fail "runtime stage does not run as credsvc"
}

if ! declare -F "case_$case_name" >/dev/null; then
  echo "unknown case '$case_name'" >&2
  exit 2
fi
"case_$case_name"
echo "PASS [$case_name]"
