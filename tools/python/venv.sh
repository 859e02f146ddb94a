#!/usr/bin/env bash
# Makes a Python virtualenv holding the pinned lock (requirements.txt: `pulumi` from PyPI and every
# package under it, hash-checked) and the generated SDK (sdk/python, `pulumi_certplane`), and prints
# its folder: "$(bash tools/python/venv.sh)/bin/python" -c 'import pulumi_certplane'.
#
# The venv lives in a cache folder outside the checkout, keyed by the lock's content and the Python
# version, so a fresh clone (CI) reuses it: ${CERTPLANE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/
# certplane}/python-<python version>-<lock hash>/venv. The SDK is reinstalled only when sdk/python
# changes. The interpreter is ${PYTHON:-python3}. An argument names another SDK folder to install
# (tests of the generator); the default is the repository's sdk/python.
#
# stdout: the venv folder, nothing else; progress on stderr.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
lock="$here/requirements.txt"
sdk="${1:-$repo/sdk/python}"
python="${PYTHON:-python3}"

if [ ! -f "$sdk/pyproject.toml" ]; then
  echo "python: $sdk has no pyproject.toml: run bash tools/codegen/generate.sh first" >&2
  exit 1
fi
sdk="$(cd "$sdk" && pwd)"

command -v "$python" >/dev/null 2>&1 || {
  echo "python: $python is not installed (set PYTHON to a Python 3.9+ interpreter)" >&2
  exit 1
}
python_version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
lock_hash="$(sha256sum "$lock" | cut -c1-16)"
# shellcheck source=../cache.sh
source "$here/../cache.sh"
venv="$(certplane_cache_dir)/python-$python_version-$lock_hash/venv"

# One run at a time per venv (parallel test workers may all ask for it): the others wait here.
mkdir -p "$(dirname "$venv")"
exec 9>"$(dirname "$venv")/.lock"
flock 9

# Written last, so a venv without it (an interrupted install) is made again from nothing.
lock_stamp="$venv/.certplane-lock"
if [ "$(cat "$lock_stamp" 2>/dev/null || true)" != "$lock_hash" ]; then
  echo "python: making $venv from $lock (first time only; about a minute)" >&2
  started=$SECONDS
  rm -rf "$venv"
  "$python" -m venv "$venv"
  # --no-deps: the lock names every package, so pip adds nothing it did not check.
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r "$lock" >&2
  echo "$lock_hash" >"$lock_stamp"
  rm -f "$venv/.certplane-sdk"
  echo "python: made in $((SECONDS - started))s" >&2
fi

sdk_hash="$(cd "$sdk" && find . -type f ! -path '*/__pycache__/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
sdk_stamp="$venv/.certplane-sdk"
if [ "$(cat "$sdk_stamp" 2>/dev/null || true)" != "$sdk_hash" ]; then
  echo "python: installing $sdk into $venv" >&2
  # Built from a copy: setuptools writes build/ and *.egg-info beside the sources it builds, and
  # sdk/python holds only what the generator wrote. No build isolation: setuptools and wheel come
  # from the lock, so nothing unpinned is fetched.
  copy="$(mktemp -d)"
  trap 'rm -rf "$copy"' EXIT
  cp -R "$sdk/." "$copy/"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation "$copy" >&2
  # The SDK's own dependencies must all be in the lock: pip check fails on any one missing.
  "$venv/bin/python" -m pip check >&2
  echo "$sdk_hash" >"$sdk_stamp"
fi

echo "$venv"
