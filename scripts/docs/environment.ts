/**
 * The environment variables the CLI reads, for the reference and the man page. Options that
 * take their default from a variable say so themselves (`env:` in their row).
 */
export const ENVIRONMENT: { name: string; meaning: string }[] = [
  { name: 'DATABASE_URL', meaning: 'the target of `migrate` and `cutover` when `--to` is not given.' },
  { name: 'PGPASSFILE', meaning: 'the password file libpq reads (default `~/.pgpass`); catdb reads passwords from it rather than from command lines.' },
  { name: 'NO_COLOR', meaning: 'when set (to anything), progress is printed without colours (https://no-color.org).' },
  { name: 'CATDB_PROGRESS_INTERVAL_MS', meaning: 'for tests only: how often, in milliseconds, a long table reports without a terminal (default 5000).' },
];
