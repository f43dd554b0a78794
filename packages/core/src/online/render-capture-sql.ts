import { quoteSqliteIdent, quoteSqliteLiteral } from '../pg/quote-ident.js';
import { CHANGES_TABLE, META_TABLE, triggerName } from '../sqlite/capture-names.js';
import type { CaptureKey, CaptureTable } from './capture-table.js';

/** What a write to a fenced table fails with, in the application. */
export const FENCE_MESSAGE = 'catdb: this database moved to PostgreSQL; writes to it are refused (catdb migrate online-abort removes this fence)';

const changes = quoteSqliteIdent(CHANGES_TABLE);

/**
 * One primary key value as text that keeps its storage class and every byte: `i42`,
 * `r1.5` (quote() prints a REAL so that it reads back exactly), `t616263` (the text's
 * bytes in the database encoding), `b00ff`, `n` for NULL. Plain SQL every SQLite version
 * runs, because the application's own SQLite executes these triggers.
 */
function keyToken(value: string): string {
  return `CASE typeof(${value}) WHEN 'integer' THEN 'i' || ${value} WHEN 'real' THEN 'r' || quote(${value}) WHEN 'text' THEN 't' || hex(${value}) WHEN 'blob' THEN 'b' || hex(${value}) ELSE 'n' END`;
}

/**
 * The SQL expression the change log stores as a row's key: the rowid, or the key columns'
 * tokens joined by commas (no token contains one). `row` is NEW or OLD inside a trigger;
 * without it the expression reads the columns of the row being selected.
 */
export function renderKeyExpression(key: CaptureKey, row?: 'NEW' | 'OLD'): string {
  const ref = (column: string): string => (row ? `${row}.${column}` : column);
  if (key.kind !== 'columns') return ref('rowid');
  return key.columns.map((c) => keyToken(ref(quoteSqliteIdent(c)))).join(` || ',' || `);
}

/**
 * Statements that install change capture, to run in ONE write transaction: the log, the
 * meta table, and AFTER INSERT/UPDATE/DELETE triggers that append (table, op, key, time) to
 * the log. An update that moves a row to another key logs the old key too, so the old row is
 * deleted in the target. The triggers never fail and never change the row being written.
 */
export function renderInstallCapture(tables: readonly CaptureTable[]): string[] {
  const statements = [
    `CREATE TABLE main.${changes} (seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL, row_key, at REAL NOT NULL)`,
    `CREATE TABLE main.${quoteSqliteIdent(META_TABLE)} (name TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  ];
  for (const t of tables) {
    const on = quoteSqliteIdent(t.name);
    const log = (op: string, key: string): string => `INSERT INTO ${changes} (tbl, op, row_key, at) VALUES (${quoteSqliteLiteral(t.name)}, '${op}', ${key}, julianday('now'));`;
    const oldKey = renderKeyExpression(t.key, 'OLD');
    const newKey = renderKeyExpression(t.key, 'NEW');
    statements.push(
      `CREATE TRIGGER main.${quoteSqliteIdent(triggerName('ins', t.name))} AFTER INSERT ON ${on} BEGIN ${log('i', newKey)} END`,
      `CREATE TRIGGER main.${quoteSqliteIdent(triggerName('upd', t.name))} AFTER UPDATE ON ${on} BEGIN ` +
        `INSERT INTO ${changes} (tbl, op, row_key, at) SELECT ${quoteSqliteLiteral(t.name)}, 'd', ${oldKey}, julianday('now') WHERE (${oldKey}) IS NOT (${newKey}); ` +
        `${log('u', newKey)} END`,
      `CREATE TRIGGER main.${quoteSqliteIdent(triggerName('del', t.name))} AFTER DELETE ON ${on} BEGIN ${log('d', oldKey)} END`,
    );
  }
  return statements;
}

/**
 * Statements that fence the file, in the cutover's write transaction: the capture triggers
 * go, and BEFORE triggers that fail every INSERT, UPDATE and DELETE with FENCE_MESSAGE take
 * their place, so a writer that was not switched over fails loudly instead of writing into
 * a file nobody reads.
 */
export function renderFence(tables: readonly CaptureTable[]): string[] {
  const statements: string[] = [];
  for (const t of tables) {
    for (const role of ['ins', 'upd', 'del'] as const) statements.push(`DROP TRIGGER IF EXISTS main.${quoteSqliteIdent(triggerName(role, t.name))}`);
    const on = quoteSqliteIdent(t.name);
    for (const [role, event] of [['fence_ins', 'INSERT'], ['fence_upd', 'UPDATE'], ['fence_del', 'DELETE']] as const) {
      statements.push(`CREATE TRIGGER main.${quoteSqliteIdent(triggerName(role, t.name))} BEFORE ${event} ON ${on} BEGIN SELECT RAISE(ABORT, ${quoteSqliteLiteral(FENCE_MESSAGE)}); END`);
    }
  }
  return statements;
}

/** Statements that drop the named catdb objects (triggers first; the tables they write to last). */
export function renderRemoveCapture(objects: { triggers: readonly string[]; tables: readonly string[] }): string[] {
  return [...objects.triggers.map((n) => `DROP TRIGGER IF EXISTS main.${quoteSqliteIdent(n)}`), ...objects.tables.map((n) => `DROP TABLE IF EXISTS main.${quoteSqliteIdent(n)}`)];
}
