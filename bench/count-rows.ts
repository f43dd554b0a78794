import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connect } from '../packages/core/src/pg/connect.js';
import { quoteIdent, quoteSqliteIdent } from '../packages/core/src/pg/quote-ident.js';
import type { RowCounts } from './bench-types.js';

const run = promisify(execFile);

/** Row counts of `tables` in the SQLite file, read with the sqlite3 CLI in one query. */
export async function countSqliteRows(dbPath: string, tables: readonly string[]): Promise<RowCounts> {
  const sql = 'SELECT ' + tables.map((t) => `(SELECT count(*) FROM ${quoteSqliteIdent(t)})`).join(', ');
  const { stdout } = await run('sqlite3', ['-readonly', '-batch', '-separator', '|', dbPath, sql], { timeout: 600_000 });
  const values = stdout.trim().split('|').map(Number);
  if (values.length !== tables.length || values.some((v) => !Number.isInteger(v))) {
    throw new Error(`sqlite3 returned unexpected counts for ${dbPath}: ${stdout.trim()}`);
  }
  return Object.fromEntries(tables.map((t, i) => [t, values[i]!]));
}

/** Row counts in PostgreSQL; a table that does not exist is left out (and so reported missing). */
export async function countPgRows(url: string, tables: readonly string[]): Promise<RowCounts> {
  const client = await connect(url, { applicationName: 'catdb-bench' });
  try {
    const counts: RowCounts = {};
    for (const table of tables) {
      const exists = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [quoteIdent(table)]);
      if (exists.rows[0]?.t == null) continue;
      const res = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(table)}`);
      counts[table] = Number(res.rows[0]!.n);
    }
    return counts;
  } finally {
    await client.end();
  }
}
