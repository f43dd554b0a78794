#!/usr/bin/env bash
# Set up and run catdb's main job once: migrate the Chinook sample database into a
# local PostgreSQL that catdb starts itself, then show what arrived, table by table.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
node bin/catdb migrate sqlite-to-pg fixtures/chinook.sqlite --if-exists drop
echo
echo "What PostgreSQL holds now, compared value by value with the SQLite file:"
node bin/catdb migrate verify fixtures/chinook.sqlite
echo
echo "catdb's local PostgreSQL keeps running for the next command (node bin/catdb local status)."
echo "Stop it with:  node bin/catdb local stop    (delete it and its databases: node bin/catdb local destroy --yes)"
