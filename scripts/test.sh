#!/usr/bin/env bash
# Set up and run the whole test suite (unit + integration against real PostgreSQL,
# streaming replicas and PgBouncer that the tests start on loopback).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec pnpm exec vitest run "$@"
