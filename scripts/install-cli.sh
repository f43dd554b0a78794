#!/usr/bin/env bash
# Installs catdb from this checkout, since @catdb/core and @catdb/cli are not on a registry:
# builds, packs both packages with `pnpm pack` (the tarballs a registry would serve), and
# installs the tarballs with npm, without sudo:
#
#   scripts/install-cli.sh                     # catdb in ~/.local/bin (packages in ~/.local/lib/catdb)
#   scripts/install-cli.sh --prefix DIR        # catdb in DIR/bin (packages in DIR/lib/catdb)
#   scripts/install-cli.sh --project DIR       # into the Node project in DIR: `npx catdb`, import '@catdb/core'
#                                              # (tarballs kept in DIR/vendor/catdb, which its package.json names)
#   scripts/install-cli.sh --pack-only         # only make the tarballs, in dist-pack/ (then npm install them)
#   ... [--pack-dir DIR]                       # put the tarballs in DIR instead
#
# Both tarballs are installed together into one project, so npm takes @catdb/core from its
# tarball and never asks a registry for a package of that name. better-sqlite3 compiles from
# source when no prebuilt binary can be downloaded for this Node; that is most of the time taken.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

usage() { sed -n '2,11s/^# \{0,1\}//p' "$0"; }
prefix="${HOME:?HOME is not set}/.local"
project=""
pack_dir=""
pack_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --project) project="${2:?--project needs a folder}"; shift 2 ;;
    --pack-dir) pack_dir="${2:?--pack-dir needs a folder}"; shift 2 ;;
    --pack-only) pack_only=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "install-cli: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done

major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$major" -lt 20 ]; then
  echo "install-cli: catdb needs Node.js 20 or later (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
if command -v pnpm >/dev/null 2>&1; then pnpm=(pnpm); else pnpm=(corepack pnpm); fi
# node-gyp builds better-sqlite3 against the headers already on the machine instead of downloading them.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node_version.h ]; then
  export npm_config_nodedir=/usr
fi
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

# The tarballs stay where the install can find them again: npm records their paths.
if [ -z "$pack_dir" ]; then
  if [ "$pack_only" = 1 ]; then pack_dir="$root/dist-pack"
  elif [ -n "$project" ]; then pack_dir="$project/vendor/catdb"
  else pack_dir="$prefix/lib/catdb/tarballs"
  fi
fi

cd "$root"
if [ ! -d node_modules ]; then
  echo "install-cli: installing the workspace's build dependencies (pnpm install)"
  CI=true "${pnpm[@]}" install --frozen-lockfile --reporter=append-only >/dev/null
fi
mkdir -p "$pack_dir"
pack_dir="$(cd "$pack_dir" && pwd)"
tarballs=()
for pkg in core cli; do
  # pnpm pack runs prepack (tsc -b) and turns the CLI's workspace:^ dependency into a version range.
  # Its last line is the tarball's path (other versions' tarballs in the folder are left alone).
  tarball="$(cd "packages/$pkg" && "${pnpm[@]}" pack --pack-destination "$pack_dir" | tail -n 1)"
  [ -f "$tarball" ] || { echo "install-cli: pnpm pack in packages/$pkg made no tarball ($tarball)" >&2; exit 1; }
  tarballs+=("$tarball")
done
echo "install-cli: tarballs in $pack_dir:"
printf '  %s\n' "${tarballs[@]}"
if [ "$pack_only" = 1 ]; then
  echo "install-cli: install them with: npm install ${tarballs[*]}"
  exit 0
fi

if [ -n "$project" ]; then
  target="$(cd "$project" && pwd)"
  [ -f "$target/package.json" ] || { echo "install-cli: $target has no package.json (run npm init there first)" >&2; exit 1; }
else
  # A project of catdb's own under the prefix, so the install never touches other global packages.
  target="$prefix/lib/catdb"
  mkdir -p "$target" "$prefix/bin"
  [ -f "$target/package.json" ] || echo '{ "name": "catdb-install", "private": true, "description": "catdb, installed by scripts/install-cli.sh" }' >"$target/package.json"
fi

echo "install-cli: npm install into $target (better-sqlite3 compiles from source here: expect a few minutes)"
start=$(date +%s)
(cd "$target" && npm install --no-audit --no-fund --loglevel=error "${tarballs[@]}")
took=$(($(date +%s) - start))
echo "install-cli: npm install took ${took}s"

bin="$target/node_modules/.bin/catdb"
if [ -z "$project" ]; then
  ln -sfn "$bin" "$prefix/bin/catdb"
  bin="$prefix/bin/catdb"
fi
echo "install-cli: catdb $("$bin" --version) is $bin"
if [ -n "$project" ]; then
  echo "install-cli: run it there with npx catdb; import '@catdb/core' from that project's code"
else
  case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "install-cli: $prefix/bin is not on your PATH; add it with: export PATH=\"$prefix/bin:\$PATH\"" ;;
  esac
fi
