#!/usr/bin/env bash
# Installs what the end-to-end tests need to drive a real VS Code workbench on this machine kind
# (no VS Code download is possible here): Debian's chromium and ripgrep, and code-server from the
# npm registry into the git-ignored cache folder .cache/e2e/code-server/.
#
# Idempotent: a warm machine finishes in well under a second; a clean machine installs.
# Non-interactive: safe with CI=true and no standard input.
#
# Environment:
#   CX_E2E_CACHE   cache folder (default: <repo>/.cache/e2e)
#   CX_E2E_FORCE=1 reinstall code-server even if the cached copy works
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd)"

# code-server 4.100.3 (VS Code 1.100) is the newest release whose `engines` accepts Node 20.
CODE_SERVER_VERSION="4.100.3"
# The @vscode/ripgrep version that code-server 4.100.3 pulls in, and the release asset its
# postinstall would download from GitHub (unreachable here). We seed its cache with Debian's rg.
RIPGREP_PKG_VERSION="1.15.11"
RIPGREP_ASSET="ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"

CACHE_DIR="${CX_E2E_CACHE:-$REPO_ROOT/.cache/e2e}"
CS_DIR="$CACHE_DIR/code-server"
MARKER="$CS_DIR/.cx-e2e-installed"

T0=$(date +%s.%N)
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1fs", b - a }'; }
log() { printf '[e2e-setup] %s\n' "$*"; }

mkdir -p "$CACHE_DIR"
# Two runs sharing one checkout (say, a developer and a watcher) must not install at once.
exec 9>"$CACHE_DIR/setup.lock"
flock 9

# --- 1. Debian packages: chromium (the browser Playwright drives), ripgrep (code-server's file
#        search, and the binary we seed @vscode/ripgrep's download cache with), and the Kerberos
#        headers + pkg-config that VS Code's native `kerberos` module builds against (its
#        prebuilt download fails here).
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v rg >/dev/null 2>&1 || need_apt+=(ripgrep)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if [ "${#need_apt[@]}" -gt 0 ]; then
  t=$(date +%s.%N)
  if [ "$(id -u)" -ne 0 ]; then
    log "missing ${need_apt[*]} and not root: install them with apt-get" >&2
    exit 1
  fi
  log "apt-get install ${need_apt[*]} ..."
  export DEBIAN_FRONTEND=noninteractive
  apt_opts=(-y -q -o DPkg::Lock::Timeout=300)
  # Package lists are usually stale or empty on a fresh machine: refresh before installing.
  apt-get -q -o DPkg::Lock::Timeout=300 update >"$CACHE_DIR/apt.log" 2>&1 \
    || { cat "$CACHE_DIR/apt.log" >&2; exit 1; }
  apt-get install "${apt_opts[@]}" "${need_apt[@]}" >>"$CACHE_DIR/apt.log" 2>&1 \
    || { tail -n 40 "$CACHE_DIR/apt.log" >&2; exit 1; }
  log "apt-get install done in $(elapsed "$t")"
else
  log "apt packages already installed (chromium ripgrep libkrb5-dev pkg-config)"
fi

# --- 2. code-server from the npm registry.
node_abi="$(node -p 'process.versions.modules')"
want_marker="code-server@$CODE_SERVER_VERSION node-abi-$node_abi"

cs_version=""
CHECK_LOG="$CACHE_DIR/version-check.log"
code_server_works() {
  [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$want_marker" ] || return 1
  [ -x "$CS_DIR/node_modules/.bin/code-server" ] || return 1
  [ -x "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] || return 1
  # Reads the version line even on code-server's first start (which first says it wrote a
  # default config file), and keeps code-server from writing into $HOME.
  cs_version="$(bash "$SCRIPT_DIR/code-server-version.sh" "$CS_DIR/node_modules/.bin/code-server" 2>"$CHECK_LOG")" || return 1
  [ "$cs_version" = "$CODE_SERVER_VERSION" ] || { echo "found version $cs_version, want $CODE_SERVER_VERSION" >>"$CHECK_LOG"; return 1; }
}

if [ "${CX_E2E_FORCE:-0}" != 1 ] && code_server_works; then
  log "code-server $CODE_SERVER_VERSION already installed in ${CS_DIR#"$REPO_ROOT"/}"
else
  t=$(date +%s.%N)
  log "installing code-server@$CODE_SERVER_VERSION into ${CS_DIR#"$REPO_ROOT"/} (1.5 to 5 minutes, longer on a busy machine) ..."
  # Install into a staging folder and move it into place only once it works, so an interrupted
  # install never looks finished.
  stage="$CACHE_DIR/code-server.staging"
  rm -rf "$stage"
  mkdir -p "$stage/tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  printf '{ "name": "cx-e2e-code-server", "private": true }\n' >"$stage/package.json"

  # Seed @vscode/ripgrep's download cache (under TMPDIR) with a tarball holding Debian's rg.
  rg_tmp="$stage/tmp/rg-bin"
  mkdir -p "$rg_tmp"
  cp "$(command -v rg)" "$rg_tmp/rg"
  tar -czf "$stage/tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION/$RIPGREP_ASSET" -C "$rg_tmp" rg

  (
    cd "$stage"
    export TMPDIR="$stage/tmp"
    # code-server's postinstall refuses to run as root without this.
    export npm_config_unsafe_perm=true
    # node-pty's postinstall runs `npx node-gyp`, which would otherwise ask before installing.
    export npm_config_yes=true
    export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
    # node-gyp builds native modules against the running node's headers, which it otherwise
    # downloads into ~/.cache/node-gyp: unreachable here, and missing on a fresh HOME. Point it at
    # the headers installed with node itself when they are of the same version.
    node_prefix="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
    if [ -z "${npm_config_nodedir:-}" ] && [ -f "$node_prefix/include/node/common.gypi" ] \
      && [ "$(node -p 'process.versions.node')" = "$(sed -n -E 's/^#define NODE_(MAJOR|MINOR|PATCH)_VERSION ([0-9]+).*/\2/p' "$node_prefix/include/node/node_version.h" | paste -sd.)" ]; then
      export npm_config_nodedir="$node_prefix"
    fi
    # Low priority: the machine has two cores shared with other work.
    nice -n 10 npm install --no-save --foreground-scripts --loglevel=warn \
      "code-server@$CODE_SERVER_VERSION" </dev/null
  ) >"$CACHE_DIR/install.log" 2>&1 || {
    log "npm install failed; last lines of $CACHE_DIR/install.log:" >&2
    tail -n 60 "$CACHE_DIR/install.log" >&2
    exit 1
  }
  rm -rf "$stage/tmp"

  rm -rf "$CS_DIR"
  mv "$stage" "$CS_DIR"
  printf '%s\n' "$want_marker" >"$MARKER"
  if ! code_server_works; then
    # The marker stays: the install is complete, and a failed check says why below. The next run
    # checks again (and reinstalls only if it still fails); CX_E2E_FORCE=1 reinstalls at once.
    log "code-server installed but its version check failed; what it printed:" >&2
    cat "$CHECK_LOG" >&2
    exit 1
  fi
  log "code-server installed in $(elapsed "$t") ($(du -sh "$CS_DIR" | cut -f1))"
fi

mkdir -p "$CACHE_DIR/logs"
log "ready: code-server $cs_version; total $(elapsed "$T0")"
