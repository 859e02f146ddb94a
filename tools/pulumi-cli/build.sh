#!/usr/bin/env bash
# Builds the Pulumi CLI from its Go modules, once per version, and prints the folder holding it.
#
# Pulumi's own go.mod (pkg/v3) has replace directives, so `go install …@version` refuses it; this
# folder's wrapper module requires pkg/v3 and sdk/v3 at one version and builds cmd/pulumi from it.
# The binary goes into a cache folder outside the checkout, keyed by that version, so a fresh clone
# (CI) reuses it: ${CERTPLANE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/certplane}/pulumi-<version>/bin.
# Beside it goes pulumi-resource-pulumi-nodejs from the installed @pulumi/pulumi, the plugin that
# serves dynamic resources (the engine looks for plugins next to `pulumi` and on PATH).
#
# stdout: the bin folder, nothing else (`PATH="$(tools/pulumi-cli/build.sh):$PATH"`); progress on stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"

# shellcheck source=../cache.sh
source "$here/../cache.sh"
# The version is said once, in go.mod: the version the wrapper requires pkg/v3 at.
version="$(required_version pulumi-cli "$here/go.mod" github.com/pulumi/pulumi/pkg/v3)"
bin="$(certplane_cache_dir)/pulumi-$version/bin"

# `pulumi version` prints the stamped version; the Automation API parses it, so a binary that says
# anything else (an interrupted or unstamped build) is rebuilt.
if [ "$("$bin/pulumi" version 2>/dev/null || true)" != "$version" ]; then
  command -v go >/dev/null 2>&1 || {
    echo "pulumi-cli: Go is needed to build the Pulumi CLI (or install it: https://www.pulumi.com/docs/install/)" >&2
    exit 1
  }
  echo "pulumi-cli: building pulumi $version from Go modules into $bin (first time only; minutes)" >&2
  mkdir -p "$bin"
  started=$SECONDS
  # Built under a temporary name and moved into place, so an interrupted build never leaves a
  # half-written `pulumi` that the check above would have to tell apart.
  (cd "$here" && CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    -o "$bin/pulumi.partial" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  mv -f "$bin/pulumi.partial" "$bin/pulumi"
  echo "pulumi-cli: built in $((SECONDS - started))s" >&2
fi

# The dynamic-provider plugin is a shell script shipped in @pulumi/pulumi; it resolves
# @pulumi/pulumi/cmd/dynamic-provider from its working directory (the engine starts it in the
# project folder), so a copy works wherever the project has @pulumi/pulumi installed.
plugin="$(cd "$repo" && node -p 'require("node:path").join(require("node:path").dirname(require.resolve("@pulumi/pulumi/package.json")), "pulumi-resource-pulumi-nodejs")' 2>/dev/null)" || {
  echo "pulumi-cli: @pulumi/pulumi is not installed in $repo: run npm ci first" >&2
  exit 1
}
if ! cmp -s "$plugin" "$bin/pulumi-resource-pulumi-nodejs"; then
  cp "$plugin" "$bin/pulumi-resource-pulumi-nodejs"
  chmod +x "$bin/pulumi-resource-pulumi-nodejs"
fi

echo "$bin"
