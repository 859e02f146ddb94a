#!/usr/bin/env bash
# Writes the Python and Go SDKs (sdk/python, sdk/go) from schema/schema.json with Pulumi's own code
# generators, through this folder's Go program (see main.go for why not `pulumi package gen-sdk`).
#
# The program is built once per source (this folder's go.mod, go.sum and *.go, hashed) into a cache
# folder outside the checkout: ${CERTPLANE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/certplane}/
# codegen-<pkg/v3 version>-<hash>/bin (older builds there are removed). Its pkg/v3 version is the CLI's
# (tools/pulumi-cli/go.mod), so the module and build caches the CLI filled serve it.
#
# Arguments are passed to the program; the defaults write the repository's SDKs:
#   bash tools/codegen/generate.sh
#   bash tools/codegen/generate.sh -schema .tmp/x/schema.json -python .tmp/x/python -go .tmp/x/go
# Progress on stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

# shellcheck source=../cache.sh
source "$here/../cache.sh"
version="$(required_version codegen "$here/go.mod" github.com/pulumi/pulumi/pkg/v3)"
source_hash="$(cd "$here" && cat go.mod go.sum $(ls *.go | grep -v '_test\.go$' | LC_ALL=C sort) | sha256sum | cut -c1-16)"
cache="$(certplane_cache_dir)"
bin="$cache/codegen-$version-$source_hash/bin"

# The folder name says which sources the binary came from, and it is moved into place only once
# built, so a binary that is there is the right one.
if [ ! -x "$bin/codegen" ]; then
  command -v go >/dev/null 2>&1 || {
    echo "codegen: Go is needed to build the SDK generator" >&2
    exit 1
  }
  echo "codegen: building the SDK generator (pkg/v3 $version) into $bin (once per change to tools/codegen)" >&2
  mkdir -p "$bin"
  started=$SECONDS
  (cd "$here" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$bin/codegen.partial" .)
  mv -f "$bin/codegen.partial" "$bin/codegen"
  echo "codegen: built in $((SECONDS - started))s" >&2
  for old in "$cache"/codegen-*; do
    [ "$old" = "$cache/codegen-$version-$source_hash" ] || rm -rf "$old"
  done
fi

if [ "$#" -eq 0 ]; then
  set -- -schema "$repo/schema/schema.json" -python "$repo/sdk/python" -go "$repo/sdk/go"
fi
"$bin/codegen" "$@"
