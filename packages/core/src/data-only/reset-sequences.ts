import type pg from 'pg';
import { CatdbError } from '../errors.js';
import { renderShellArg } from '../render-shell-arg.js';
import { applyStatement } from '../pg/apply-statement.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import type { DataOnlyPlan } from './data-only-plan.js';
import type { SequenceReset } from './sequence-reset.js';

/**
 * Moves every sequence owned by a loaded column past both max(column) and the table's
 * sqlite_sequence value (so ids of rows deleted in SQLite are never handed out again),
 * never backwards. A sequence whose next value is already past them is left alone: an
 * empty table whose sqlite_sequence says 0 (the common "reset the counter" idiom) leaves
 * a fresh sequence to hand out its first value, where setval(0) would be below its
 * minimum. Descending sequences are left alone. Runs on the caller's transaction.
 *
 * Errors: PLAN_TARGET_MISMATCH when the ids SQLite handed out lie beyond the sequence's
 * maximum (an integer column whose SQLite ids needed 64 bits).
 */
export async function resetSequences(client: pg.Client, plan: DataOnlyPlan): Promise<SequenceReset[]> {
  const out: SequenceReset[] = [];
  for (const s of plan.sequences) {
    const table = plan.tables.find((t) => t.target === s.table)!;
    const fromSqlite = table.rowidAlias && table.columns.find((c) => c.source === table.rowidAlias)?.target === s.column ? (table.sqliteSequence ?? null) : null;
    let state: { max: string | null; last: string; called: boolean; increment: string; limit: string };
    try {
      const max = (await applyStatement<{ m: string | null }>(client, `SELECT max(${quoteIdent(s.column)})::text AS m FROM ${quoteQualified(plan.schema, s.table)}`)).rows[0]!.m;
      const seq = (await applyStatement<{ last: string; called: boolean }>(client, `SELECT last_value::text AS last, is_called AS called FROM ${s.qualifiedName}`)).rows[0]!;
      const def = (await client.query<{ increment: string; limit: string }>('SELECT seqincrement::text AS increment, seqmax::text AS limit FROM pg_catalog.pg_sequence WHERE seqrelid = $1::regclass', [s.qualifiedName])).rows[0]!;
      state = { max, ...seq, ...def };
    } catch (err) {
      throw mapPgError(err, { what: `Reading sequence ${s.name} of ${s.table}.${s.column}`, details: { sequence: s.name, table: s.table } });
    }
    const previous = state.called ? BigInt(state.last) : null;
    const increment = BigInt(state.increment);
    const next = previous !== null ? previous + increment : BigInt(state.last);
    const wanted = [state.max, fromSqlite].filter((v): v is string => v !== null).map(BigInt);
    const need = wanted.length ? wanted.reduce((a, b) => (a > b ? a : b)) : null;
    let value: string | null = null;
    if (need !== null && increment > 0n && need >= next) {
      if (need > BigInt(state.limit)) {
        throw new CatdbError('PLAN_TARGET_MISMATCH', `Sequence ${s.name} of ${s.table}.${s.column} ends at ${state.limit}, but SQLite has handed out ids up to ${need}`, {
          hint: `Widen the column and its sequence in the target (ALTER TABLE … ALTER COLUMN … TYPE bigint; ALTER SEQUENCE … AS bigint), or leave the table out with --exclude ${renderShellArg(table.source)}.`,
          details: { sequence: s.name, table: s.table, column: s.column, max: state.limit, needed: need.toString() },
        });
      }
      try {
        await client.query('SELECT pg_catalog.setval($1::regclass, $2::bigint, true)', [s.qualifiedName, need.toString()]);
      } catch (err) {
        throw mapPgError(err, { what: `Setting sequence ${s.name} of ${s.table}.${s.column}`, details: { sequence: s.name, table: s.table } });
      }
      value = need.toString();
    }
    out.push({ sequence: s.name, table: s.table, column: s.column, maxId: state.max, sqliteSequence: fromSqlite, previous: previous?.toString() ?? null, value });
  }
  return out;
}
