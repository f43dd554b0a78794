// A deploy step: compare the SQLite source with the PostgreSQL it was migrated into, table by
// table (row count + checksum over every value), and fail the pipeline on any difference.
//
//   tsx examples/deploy-gate.ts <sqlite-file> [postgres-url] && ./deploy
//
// Without a URL it checks the database catdb_examples on catdb's local PostgreSQL, where
// migrate-with-progress.ts puts it. Exit 0: every table matches. Exit 1: a table differs
// (listed). Exit 2: the check could not run.
import { CatdbError, verifyMigration } from '@catdb/core';
import { localDatabase } from './local-database.js';

const [source, url] = process.argv.slice(2);
if (!source) {
  process.stderr.write('usage: deploy-gate <sqlite-file> [postgres-url]\n');
  process.exit(2);
}

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());

try {
  const target = url ?? (await localDatabase('catdb_examples'));
  const result = await verifyMigration({ source, target, signal: controller.signal });
  for (const t of result.tables) {
    const verdict = t.ok ? 'ok      ' : 'MISMATCH';
    const why = t.problem ?? (t.sourceRows !== t.targetRows ? `rows ${t.sourceRows} in SQLite, ${t.targetRows} in PostgreSQL` : t.ok ? '' : 'same row count, different values');
    process.stdout.write(`${verdict} ${t.table} -> ${t.target} ${why}\n`);
  }
  process.stdout.write(result.ok ? 'gate: open, deploy may proceed\n' : 'gate: closed, the target differs from the source\n');
  process.exitCode = result.ok ? 0 : 1;
} catch (err) {
  if (!(err instanceof CatdbError)) throw err;
  process.stderr.write(`gate: cannot verify: ${err.code}: ${err.message}\n${err.hint ? `hint: ${err.hint}\n` : ''}`);
  process.exitCode = 2;
}
