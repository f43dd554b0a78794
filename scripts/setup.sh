#!/usr/bin/env bash
# Installs everything catdb needs on a fresh Debian machine with Node 20: pnpm 10,
# PostgreSQL server binaries and PgBouncer (apt, when missing and run as root), the
# workspace dependencies (better-sqlite3 builds from source), then builds.
set -euo pipefail
cd "$(dirname "$0")/.."

have_pg_server() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1
}
missing=()
have_pg_server || missing+=(postgresql)
command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "catdb setup: installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    # Debian's package starts a cluster of its own on 5432; catdb and its tests run their own servers.
    if command -v pg_lsclusters >/dev/null 2>&1; then
      pg_lsclusters -h 2>/dev/null | while read -r ver name _; do pg_ctlcluster "$ver" "$name" stop 2>/dev/null || true; done
    fi
    service pgbouncer stop >/dev/null 2>&1 || true
  else
    echo "catdb setup: please install ${missing[*]} (Debian: sudo apt-get install ${missing[*]})" >&2
  fi
fi

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version | cut -d. -f1)" != 10 ]; then
  echo "catdb setup: installing pnpm 10"
  npm install -g pnpm@10 >/dev/null
fi
# node-gyp builds better-sqlite3 against the headers already on the machine, not a download.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node_version.h ]; then
  export npm_config_nodedir=/usr
fi
CI=true pnpm install --frozen-lockfile --reporter=append-only >/dev/null
pnpm run -s build
