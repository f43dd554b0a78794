import type pg from 'pg';
import { applyStatement } from '../pg/apply-statement.js';
import { quoteIdent, quoteQualified, quoteSqliteIdent } from '../pg/quote-ident.js';
import type { PostLoadStatement, TablePlan } from '../plan/migration-plan.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';

/**
 * Why a key or constraint could not be created, in rows: orphans of a foreign key
 * (read from SQLite with PRAGMA foreign_key_check, so the rowids are SQLite's), or
 * duplicate / NULL keys (read from the loaded table).
 */
export async function diagnoseFailure(stmt: PostLoadStatement, client: pg.Client, db: SqliteDatabase, tables: readonly TablePlan[], schema: string): Promise<string[]> {
  const table = tables.find((t) => t.target === stmt.table);
  if (!table) return [];
  if (stmt.phase === 'foreign-key' && stmt.foreignKey) {
    const fk = stmt.foreignKey;
    const childSources = fk.childColumns.map((c) => table.columns.find((x) => x.target === c)!.source);
    const check = db.prepare(`PRAGMA main.foreign_key_check(${quoteSqliteIdent(table.source)})`).all() as { table: string; rowid: number | null; parent: string; fkid: number }[];
    const parent = tables.find((t) => t.target === fk.parentTable);
    const relevant = check.filter((r) => !parent || r.parent.toLowerCase() === parent.source.toLowerCase());
    const values = db.prepare(`SELECT ${childSources.map(quoteSqliteIdent).join(', ')} FROM main.${quoteSqliteIdent(table.source)} WHERE rowid = ?`).raw(true);
    const lines = relevant.slice(0, 10).map((r) => {
      const v = r.rowid === null ? [] : (values.get(r.rowid) as unknown[] | undefined) ?? [];
      return `${table.source} rowid ${r.rowid ?? '?'}: ${childSources.map((c, i) => `${c}=${JSON.stringify(v[i])}`).join(', ')} has no row in ${r.parent}`;
    });
    if (relevant.length > 10) lines.push(`… and ${relevant.length - 10} more orphan rows`);
    return lines;
  }
  if ((stmt.phase === 'primary-key' || stmt.phase === 'unique' || stmt.phase === 'index') && stmt.columns && stmt.columns.length > 0) {
    const cols = stmt.columns.map(quoteIdent).join(', ');
    const q = quoteQualified(schema, table.target);
    const res = await applyStatement<{ key: string; n: string }>(client, `SELECT row(${cols})::text AS key, count(*)::text AS n FROM ${q} GROUP BY ${cols} HAVING count(*) > 1 ORDER BY count(*) DESC LIMIT 10`).catch(() => ({
      rows: [] as { key: string; n: string }[],
    }));
    const lines = res.rows.map((r) => `${table.source}: key ${r.key} appears ${r.n} times`);
    if (stmt.phase === 'primary-key') {
      const nulls = await applyStatement<{ n: string }>(client, `SELECT count(*)::text AS n FROM ${q} WHERE ${stmt.columns.map((c) => `${quoteIdent(c)} IS NULL`).join(' OR ')}`).catch(() => ({
        rows: [{ n: '0' }],
      }));
      if (nulls.rows[0]!.n !== '0') lines.push(`${table.source}: ${nulls.rows[0]!.n} rows have NULL in the key (${cols})`);
    }
    return lines;
  }
  return [quoteIdent(stmt.name)];
}
