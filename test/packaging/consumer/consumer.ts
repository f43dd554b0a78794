// A program written the way a user of the published package would write it: it only
// knows '@catdb/core' from its own node_modules, compiled by tsc, run by plain node.
import { CatdbError, migrateSqliteToPg, verifyMigration, type MigrationEvent } from '@catdb/core';

const [source, target] = process.argv.slice(2);
if (!source || !target) throw new Error('usage: consumer <sqlite file> <postgres url>');

const seen = new Set<MigrationEvent['type']>();
const migrated = await migrateSqliteToPg({ source, target, onEvent: (event) => seen.add(event.type) });
const verified = await verifyMigration({ source, target });

// A second run must refuse, and the error must be recognisable by class and code.
let refused: string | undefined;
try {
  await migrateSqliteToPg({ source, target });
} catch (err) {
  if (!(err instanceof CatdbError)) throw err;
  refused = err.code;
}

process.stdout.write(
  JSON.stringify({
    tables: migrated.tables.map((t) => ({ table: t.table, target: t.target, rows: t.rows })),
    verified: verified.ok,
    verifiedTables: verified.tables.length,
    events: [...seen].sort(),
    refused,
  }) + '\n',
);
process.exitCode = verified.ok ? 0 : 1;
