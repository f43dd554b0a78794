import type pg from 'pg';
import { applyStatement } from '../pg/apply-statement.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import type { DataOnlyPlan } from './data-only-plan.js';

/** What happened to one sequence owned by a loaded column. */
export interface SequenceReset {
  sequence: string;
  table: string;
  column: string;
  /** max(column) after the load, or null for an empty table. */
  maxId: string | null;
  /** sqlite_sequence.seq when the column is the source's AUTOINCREMENT id. */
  sqliteSequence: string | null;
  /** The last value the sequence had handed out before (null: none yet). */
  previous: string | null;
  /** The value set (the next nextval() returns one more), or null when left as it was. */
  value: string | null;
}

/**
 * Moves every sequence owned by a loaded column past both max(column) and the table's
 * sqlite_sequence value (so ids of rows deleted in SQLite are never handed out again),
 * never backwards. Runs on the caller's transaction.
 */
export async function resetSequences(client: pg.Client, plan: DataOnlyPlan): Promise<SequenceReset[]> {
  const out: SequenceReset[] = [];
  for (const s of plan.sequences) {
    const table = plan.tables.find((t) => t.target === s.table)!;
    const fromSqlite = table.rowidAlias && table.columns.find((c) => c.source === table.rowidAlias)?.target === s.column ? (table.sqliteSequence ?? null) : null;
    try {
      const max = (await applyStatement<{ m: string | null }>(client, `SELECT max(${quoteIdent(s.column)})::text AS m FROM ${quoteQualified(plan.schema, s.table)}`)).rows[0]!.m;
      const seq = (await applyStatement<{ last: string; called: boolean }>(client, `SELECT last_value::text AS last, is_called AS called FROM ${s.qualifiedName}`)).rows[0]!;
      const previous = seq.called ? BigInt(seq.last) : null;
      const wanted = [max, fromSqlite].filter((v): v is string => v !== null).map(BigInt);
      const need = wanted.length ? wanted.reduce((a, b) => (a > b ? a : b)) : null;
      let value: string | null = null;
      if (need !== null && (previous === null || need > previous)) {
        await client.query('SELECT pg_catalog.setval($1::regclass, $2::bigint, true)', [s.qualifiedName, need.toString()]);
        value = need.toString();
      }
      out.push({ sequence: s.name, table: s.table, column: s.column, maxId: max, sqliteSequence: fromSqlite, previous: previous?.toString() ?? null, value });
    } catch (err) {
      throw mapPgError(err, { what: `Setting sequence ${s.name} of ${s.table}.${s.column}`, details: { sequence: s.name, table: s.table } });
    }
  }
  return out;
}
