import type pg from 'pg';
import type { SequenceReset } from '../data-only/sequence-reset.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import type { FollowPlan } from './follow-plan.js';

/**
 * Moves the sequence of every serial key past max(id) in the target and the table's
 * `sqlite_sequence` value as SQLite holds it now (ids of rows deleted in SQLite are never
 * handed out again: AUTOINCREMENT's promise), never backwards.
 */
export async function resetOnlineSequences(db: SqliteDatabase, client: pg.Client, plan: FollowPlan): Promise<SequenceReset[]> {
  const hasSequences = db.prepare(`SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'`).get() !== undefined;
  const seqOf = hasSequences ? db.prepare('SELECT CAST(seq AS TEXT) FROM main.sqlite_sequence WHERE name = ?').pluck() : undefined;
  const out: SequenceReset[] = [];
  for (const t of plan.tables) {
    if (!t.serialColumn) continue;
    const qt = quoteQualified(plan.schema, t.target);
    const fromSqlite = t.serialFromSqlite ? ((seqOf?.get(t.source) as string | null | undefined) ?? null) : null;
    try {
      const res = await client.query<{ name: string | null; last: string | null; max: string | null }>(
        `SELECT s::text AS name, pg_sequence_last_value(s)::text AS last, (SELECT max(${quoteIdent(t.serialColumn)})::text FROM ${qt}) AS max
           FROM (SELECT pg_get_serial_sequence($1, $2)::regclass AS s) AS x`,
        [qt, t.serialColumn],
      );
      const { name, last, max } = res.rows[0]!;
      if (!name) continue;
      const wanted = [max, fromSqlite].filter((v): v is string => v !== null).map(BigInt);
      const need = wanted.length ? wanted.reduce((a, b) => (a > b ? a : b)) : null;
      let value: string | null = null;
      if (need !== null && need > 0n && (last === null || need > BigInt(last))) {
        await client.query('SELECT pg_catalog.setval($1::regclass, $2::bigint, true)', [name, need.toString()]);
        value = need.toString();
      }
      out.push({ sequence: name, table: t.target, column: t.serialColumn, maxId: max, sqliteSequence: fromSqlite, previous: last, value });
    } catch (err) {
      throw mapPgError(err, { what: `Setting the sequence of ${t.target}.${t.serialColumn}`, details: { table: t.target } });
    }
  }
  return out;
}
