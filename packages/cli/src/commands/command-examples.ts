/**
 * Examples for `--help`, by command path; each line is a complete invocation that works as
 * written once its files and servers exist. The same text lands in docs/reference.md and the
 * man page (both generated from the command tree), and a test checks that every command has
 * some and that each option they use is one the command takes.
 */
export const COMMAND_EXAMPLES: Record<string, string[]> = {
  '': [
    'catdb migrate sqlite-to-pg app.db --to postgres://app_owner@db.example.com/app',
    'catdb migrate verify app.db --to postgres://app_owner@db.example.com/app',
    'catdb sandbox up --replicas 1 --pgbouncer',
    'catdb help migrate sqlite-to-pg',
  ],
  migrate: [
    'catdb migrate sqlite-to-pg app.db --dry-run',
    'catdb migrate sqlite-to-pg app.db --to postgres://app_owner@db.example.com/app',
    'catdb migrate verify app.db --to postgres://app_owner@db.example.com/app',
  ],
  'migrate sqlite-to-pg': [
    'catdb migrate sqlite-to-pg app.db --dry-run',
    'catdb migrate sqlite-to-pg app.db --to postgres://app_owner@db.example.com/app --log-file migrate.log',
    "catdb migrate sqlite-to-pg app.db --to \"$DATABASE_URL\" --schema app --cast 'type datetime to timestamp' --if-exists drop",
    'catdb migrate sqlite-to-pg app.db --to "$DATABASE_URL" --on-error skip-row --rejects-dir ./rejects --allow-rejects',
    'catdb migrate sqlite-to-pg app.db --to "$DATABASE_URL" --data-only --schema app --existing-rows truncate',
    'catdb migrate sqlite-to-pg app.db --to "$DATABASE_URL" --online',
  ],
  'migrate verify': [
    'catdb migrate verify app.db --to postgres://app_owner@db.example.com/app',
    'catdb migrate verify app.db --to "$DATABASE_URL" --schema app --include invoices --json',
  ],
  'migrate cutover': [
    'catdb migrate cutover app.db --to "$DATABASE_URL" --dry-run',
    'catdb migrate cutover app.db --to "$DATABASE_URL" --max-pause 2s --verify full',
  ],
  'migrate online-abort': [
    'catdb migrate online-abort app.db --dry-run',
    'catdb migrate online-abort app.db --to "$DATABASE_URL"',
  ],
  replica: [
    'catdb replica prepare-primary --primary postgres://postgres@db1.example.com/postgres --password-file repl.pass',
    'catdb replica lag --primary postgres://monitor@db1.example.com/postgres',
  ],
  'replica prepare-primary': [
    'catdb replica prepare-primary --primary postgres://postgres@db1.example.com/postgres --password-file repl.pass --dry-run',
    'catdb replica prepare-primary --primary postgres://postgres@db1.example.com/postgres --password-file repl.pass --allow-from 10.0.0.0/24',
  ],
  'replica init': [
    'catdb replica init --primary postgres://postgres@db1.example.com/postgres --data-dir /var/lib/catdb/standby1 --password-file repl.pass --dry-run',
    'catdb replica init --primary postgres://postgres@db1.example.com/postgres --data-dir /var/lib/catdb/standby1 --password-file repl.pass --start',
  ],
  'replica status': ['catdb replica status --primary postgres://monitor@db1.example.com/postgres', 'catdb replica status --primary postgres://monitor@db1.example.com/postgres --replica postgres://monitor@db2.example.com/postgres --json'],
  'replica lag': [
    'catdb replica lag --primary postgres://monitor@db1.example.com/postgres',
    'catdb replica lag --primary postgres://monitor@db1.example.com/postgres --warn 16MB,30s --crit 64MB,2min --nagios',
    'catdb replica lag --primary postgres://monitor@db1.example.com/postgres --prometheus --watch 15s',
  ],
  'replica remove': [
    'catdb replica remove --primary postgres://postgres@db1.example.com/postgres --slot catdb_standby1',
    'catdb replica remove --primary postgres://postgres@db1.example.com/postgres --slot catdb_standby1 --data-dir /var/lib/catdb/standby1',
  ],
  'replica promote': [
    'catdb replica promote --replica postgres://postgres@db2.example.com/postgres --dry-run',
    'catdb replica promote --replica postgres://postgres@db2.example.com/postgres --pgbouncer-dir .catdb/pgbouncer --max-lag 5s',
  ],
  'replica follow': ['catdb replica follow --replica postgres://postgres@db3.example.com/postgres --primary postgres://postgres@db2.example.com/postgres'],
  'replica rejoin': ['catdb replica rejoin --data-dir /var/lib/catdb/old-primary --primary postgres://postgres@db2.example.com/postgres --password-file repl.pass'],
  pgbouncer: ['catdb pgbouncer init --database-url postgres://app@127.0.0.1:5432/app --dir .catdb/pgbouncer --start', 'catdb pgbouncer check --dir .catdb/pgbouncer'],
  'pgbouncer init': [
    'catdb pgbouncer init --database-url postgres://app@127.0.0.1:5432/app --dir .catdb/pgbouncer --dry-run',
    'catdb pgbouncer init --database-url postgres://app@127.0.0.1:5432/app --dir .catdb/pgbouncer --superuser-url postgres://postgres@127.0.0.1:5432/postgres --start',
  ],
  'pgbouncer check': [
    'catdb pgbouncer check --dir .catdb/pgbouncer',
    'catdb pgbouncer check --dir .catdb/pgbouncer --maxwait-warning 500ms --maxwait-critical 2s --timeout 5s --nagios',
  ],
  'pgbouncer stop': ['catdb pgbouncer stop --dir .catdb/pgbouncer'],
  'pgbouncer pause': ['catdb pgbouncer pause --dir .catdb/pgbouncer --database app'],
  'pgbouncer resume': ['catdb pgbouncer resume --dir .catdb/pgbouncer --database app'],
  'pgbouncer reload': ['catdb pgbouncer reload --dir .catdb/pgbouncer'],
  'pgbouncer repoint': ['catdb pgbouncer repoint --dir .catdb/pgbouncer --primary postgres://postgres@db2.example.com/postgres'],
  local: ['catdb local status', 'catdb local stop'],
  'local status': ['catdb local status', 'catdb local status --json'],
  'local start': ['catdb local start', 'CATDB_HOME=/srv/catdb catdb local start'],
  'local stop': ['catdb local stop'],
  'local destroy': ['catdb local destroy --yes'],
  sandbox: ['catdb sandbox up --replicas 2 --pgbouncer', 'catdb sandbox down --purge'],
  'sandbox up': ['catdb sandbox up', 'catdb sandbox up --replicas 2 --pgbouncer --dir .catdb/sandbox'],
  'sandbox status': ['catdb sandbox status', 'catdb sandbox status --json'],
  'sandbox down': ['catdb sandbox down', 'catdb sandbox down --dir .catdb/sandbox --purge'],
  completion: ['source <(catdb completion bash)', 'catdb completion bash > ~/.local/share/bash-completion/completions/catdb'],
};
