// Migrates a SQLite file into PostgreSQL with cast rules of our own and a progress bar drawn
// from the library's events (catdb itself prints nothing).
//
//   tsx examples/migrate-with-progress.ts <sqlite-file> [postgres-url]
//
// Without a URL it uses the database catdb_examples on catdb's local PostgreSQL (created when
// missing). The password comes from PGPASSFILE / ~/.pgpass, never from the URL on a command line.
import { CatdbError, migrateSqliteToPg, parseCastRule, type MigrationEvent } from '@catdb/core';
import { localDatabase } from './local-database.js';

const [source, url] = process.argv.slice(2);
if (!source) {
  process.stderr.write('usage: migrate-with-progress <sqlite-file> [postgres-url]\n');
  process.exit(2);
}

// Our application reads dates as local wall-clock time and prices as money with two decimals.
const casts = [parseCastRule('type datetime to timestamp'), parseCastRule('column Track.UnitPrice to numeric(10,2)')];

/** A one-line bar on a terminal; one line per finished table when stderr is a pipe or a file. */
function progressBar(out: NodeJS.WriteStream): (event: MigrationEvent) => void {
  let total = 0;
  const done = new Map<string, number>();
  const width = 30;
  const draw = (label: string, final = false): void => {
    const rows = [...done.values()].reduce((a, b) => a + b, 0);
    const ratio = total === 0 ? 1 : Math.min(1, rows / total);
    const filled = Math.round(ratio * width);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(ratio * 100)).padStart(3)}% ${rows}/${total} rows ${label}`;
    if (out.isTTY) out.write(`\r${line.padEnd(out.columns - 1)}${final ? '\n' : ''}`);
    else if (final || label.startsWith('loaded')) out.write(`${line}\n`);
  };
  return (event) => {
    switch (event.type) {
      case 'planned':
        total = event.rows;
        break;
      case 'table-progress':
        done.set(event.table, event.rows);
        draw(event.table);
        break;
      case 'table-done':
        done.set(event.table, event.rows);
        draw(`loaded ${event.table}`);
        break;
      case 'step':
        if (event.step === 'verify' && event.status === 'done') draw('verified', true);
        break;
    }
  };
}

try {
  const target = url ?? (await localDatabase('catdb_examples'));
  const result = await migrateSqliteToPg({ source, target, casts, ifExists: 'drop', onEvent: progressBar(process.stderr) });
  process.stdout.write(`${JSON.stringify({ tables: result.tables.length, rows: result.rows, verified: result.verification?.ok ?? false })}\n`);
} catch (err) {
  if (!(err instanceof CatdbError)) throw err;
  process.stderr.write(`\n${err.code}: ${err.message}\n${err.hint ? `hint: ${err.hint}\n` : ''}`);
  process.exitCode = 1;
}
