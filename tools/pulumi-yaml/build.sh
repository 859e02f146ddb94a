#!/usr/bin/env bash
# Builds Pulumi YAML's language host, pulumi-language-yaml, from its Go module, once per version, and
# prints the folder holding it. `pulumi up` of a YAML project (runtime: yaml) needs it on PATH or beside
# `pulumi`. Found on PATH, the engine warns on every run ("using pulumi-language-yaml from $PATH"), as it
# does for any language host that is not beside `pulumi`; so given a folder (the CLI's bin), the script
# puts a copy there and prints that folder instead:
#   PATH="$(bash tools/pulumi-yaml/build.sh "$(bash tools/pulumi-cli/build.sh)"):$PATH"
#
# This folder's wrapper module names the host with a `tool` directive and pins github.com/pulumi/pulumi-yaml
# and, through it, the pkg/v3 and sdk/v3 versions it was released against (v3.206.0: pulumi-yaml v1.25.0
# does not compile against the CLI's v3.274.1). It is its own module so that tools/pulumi-cli's versions,
# and its long build, are never touched by it. The binary goes into a cache folder outside the checkout,
# keyed by the pulumi-yaml version: ${CERTPLANE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/certplane}/
# pulumi-yaml-<version>/bin.
#
# stdout: the bin folder (or the folder given), nothing else; progress on stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
module=github.com/pulumi/pulumi-yaml
tool=$module/cmd/pulumi-language-yaml

# shellcheck source=../cache.sh
source "$here/../cache.sh"
# The version is said once, in go.mod.
version="$(required_version pulumi-yaml "$here/go.mod" "$module")"
bin="$(certplane_cache_dir)/pulumi-yaml-$version/bin"

command -v go >/dev/null 2>&1 || {
  echo "pulumi-yaml: Go is needed to build (and check) Pulumi YAML's language host" >&2
  exit 1
}

# The build info Go embeds names the command and its module's version; a binary that names anything
# else (another version, an interrupted build) is rebuilt.
built_from() {
  go version -m "$1" 2>/dev/null | awk '$1 == "path" { path = $2 } $1 == "mod" { mod = $2 " " $3 } END { print path " " mod }'
}
if [ "$(built_from "$bin/pulumi-language-yaml")" != "$tool $module $version" ]; then
  echo "pulumi-yaml: building pulumi-language-yaml $version from Go modules into $bin (first time only; minutes)" >&2
  mkdir -p "$bin"
  started=$SECONDS
  # Built under a temporary name and moved into place, so an interrupted build never leaves a
  # half-written host behind.
  (cd "$here" && CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X $module/pkg/version.Version=${version#v}" \
    -o "$bin/pulumi-language-yaml.partial" "$tool")
  mv -f "$bin/pulumi-language-yaml.partial" "$bin/pulumi-language-yaml"
  echo "pulumi-yaml: built in $((SECONDS - started))s" >&2
fi

# A copy, not a symlink: the engine resolves symlinks on PATH and would still find the host "elsewhere".
beside="${1:-}"
if [ -n "$beside" ]; then
  if ! cmp -s "$bin/pulumi-language-yaml" "$beside/pulumi-language-yaml"; then
    cp "$bin/pulumi-language-yaml" "$beside/pulumi-language-yaml.partial"
    mv -f "$beside/pulumi-language-yaml.partial" "$beside/pulumi-language-yaml"
  fi
  bin="$beside"
fi

echo "$bin"
