# Sourced by the tools' build scripts (pulumi-cli, pulumi-yaml, codegen, python): what they share.
# Each builds something once into a cache folder outside the checkout, so a fresh clone (CI) reuses it.

# The cache folder: ${CERTPLANE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/certplane}.
certplane_cache_dir() {
  echo "${CERTPLANE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/certplane}"
}

# required_version <label> <go.mod> <module>: the version <go.mod> requires <module> at (a version
# is said once, there); fails naming <label> when it requires none.
required_version() {
  local found
  found="$(awk -v m="$3" '$1 == m { print $2; exit }' "$2")"
  if [ -z "$found" ]; then
    echo "$1: no $3 requirement in $2" >&2
    return 1
  fi
  echo "$found"
}
