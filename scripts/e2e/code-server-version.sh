#!/usr/bin/env bash
# Prints the version of a code-server binary (`4.100.3`), or fails with what it printed.
#
# Usage: code-server-version.sh <code-server binary>
#
# On its first start code-server writes a default config file and says so ("Wrote default config
# file to ~/.config/code-server/config.yaml") before the version line, so the version is read from
# the first line that looks like one, not from the first line. And code-server gets a scratch
# config file, HOME and XDG folders, so checking it never writes into the user's home.
set -euo pipefail

bin="${1:?usage: code-server-version.sh <code-server binary>}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home"

status=0
out="$(HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
  XDG_CACHE_HOME="$scratch/cache" "$bin" --config "$scratch/config.yaml" --version </dev/null 2>&1)" || status=$?
if [ "$status" -ne 0 ]; then
  printf '%s --version exited with %s:\n%s\n' "$bin" "$status" "$out" >&2
  exit 1
fi
# The version line is `4.100.3 <commit> with Code 1.100.3`.
version="$(printf '%s\n' "$out" | sed -n -E 's/^([0-9]+\.[0-9]+\.[0-9]+)( .*)?$/\1/p' | head -n 1)"
if [ -z "$version" ]; then
  printf 'no version line in the output of %s --version:\n%s\n' "$bin" "$out" >&2
  exit 1
fi
printf '%s\n' "$version"
