import { CatdbError } from '../errors.js';
import { mapPgError } from '../pg/map-pg-error.js';
import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { FIELD_SEPARATOR, pgRowText } from '../verify/pg-normalizer.js';
import { checksumSql } from '../verify/row-checksum.js';
import type { ApplierContext } from './applier-context.js';
import { copyTextInto } from './copy-text-into.js';
import { encodeBatchTable, type EncodedTable } from './encode-batch.js';
import type { FollowTable } from './follow-plan.js';
import { quietTriggers } from './quiet-triggers.js';
import { readChanges } from './read-changes.js';
import { renderUpsert } from './render-upsert.js';

/** What one round did. */
export interface RoundResult {
  /** Log position before and after the round. */
  fromSeq: bigint;
  endSeq: bigint;
  /** Log entries applied. */
  entries: number;
  upserts: number;
  deletes: number;
  /** Source tables touched. */
  tables: string[];
  ms: number;
}

/**
 * PostgreSQL refused a round on a foreign key or unique constraint. With a capped round
 * this can be the cap's doing (a row read as it is now refers to a parent whose insert is
 * logged after the cap), so the follower retries with more of the log.
 */
export class RoundConflict extends Error {
  constructor(
    readonly error: CatdbError,
    /** Log entries the round held: fewer than its limit means it held all of the log. */
    readonly entries: number,
  ) {
    super(error.message);
  }
}

/**
 * Applies the log entries after the applied position (at most `limit`; all without it):
 * reads the touched rows as they are now from `db` (in a read transaction of its own
 * unless the caller holds one, e.g. the cutover's write lock), then in ONE target
 * transaction upserts them parents first, deletes the gone ones children first, reads the
 * upserted rows back and compares their canonical text with SQLite's (the comparison
 * `migrate verify` makes), and moves the position. Replaying a round is harmless: it
 * writes the rows as they are now.
 *
 * Errors: RoundConflict (23503, 23505), VERIFY_MISMATCH, COPY_VALUE_REJECTED, ONLINE_BUSY,
 * ONLINE_LOG_DAMAGED, PG_*.
 */
export async function applyRound(ctx: ApplierContext, db: SqliteDatabase, o: { limit: number | undefined; applyRate?: number; replaced?: boolean }): Promise<RoundResult> {
  const started = performance.now();
  const fromSeq = ctx.appliedSeq;
  const own = !db.inTransaction;
  if (own) db.exec('BEGIN');
  let encoded: EncodedTable[] = [];
  let endSeq = fromSeq;
  let entries = 0;
  const touched: string[] = [];
  try {
    const batch = readChanges(db, ctx.captureKeys, fromSeq, o.limit, ctx.encoding);
    endSeq = batch.endSeq;
    entries = batch.entries;
    for (const table of ctx.plan.tables) {
      const keys = batch.byTable.get(table.source);
      if (!keys) continue;
      touched.push(table.source);
      // Tables the target cannot address by key are reloaded whole at cutover.
      if (table.key.kind !== 'none') encoded.push(encodeBatchTable(db, table, ctx.codecs.get(table.source)!, keys, ctx.algorithm));
    }
  } finally {
    if (own) db.exec('COMMIT');
  }
  const result: RoundResult = { fromSeq, endSeq, entries, upserts: 0, deletes: 0, tables: touched, ms: 0 };
  if (entries === 0) return { ...result, ms: performance.now() - started };
  encoded = encoded.filter((e) => e.upserts > 0 || e.deletes > 0);
  await ensureTempTables(ctx, encoded);
  const client = ctx.client;
  let current = '';
  try {
    await client.query('BEGIN');
    const triggers = await quietTriggers(client, ctx.plan, encoded.map((e) => e.table));
    for (const sql of triggers.off) await client.query(sql);
    for (const e of encoded) {
      if (e.upserts === 0) continue;
      current = e.table.source;
      const temp = quoteIdent(tempName(ctx, e.table, 'r'));
      const cols = e.table.columns.map((c) => quoteIdent(c.target)).join(', ');
      await copyTextInto(client, `COPY pg_temp.${temp} (${cols}) FROM STDIN`, e.upsertText);
      if (o.replaced) await deleteReplaced(ctx, e.table, `pg_temp.${temp}`);
      await client.query(renderUpsert(ctx.plan.schema, e.table, `pg_temp.${temp}`));
    }
    for (const e of [...encoded].reverse()) {
      if (e.deletes === 0) continue;
      current = e.table.source;
      const temp = `pg_temp.${quoteIdent(tempName(ctx, e.table, 'k'))}`;
      await copyTextInto(client, `COPY ${temp} (${e.table.primaryKey.map(quoteIdent).join(', ')}) FROM STDIN`, e.deleteText);
      const match = e.table.primaryKey.map((c) => `t.${quoteIdent(c)} = k.${quoteIdent(c)}`).join(' AND ');
      await client.query(`DELETE FROM ${quoteQualified(ctx.plan.schema, e.table.target)} AS t USING ${temp} AS k WHERE ${match}`);
    }
    for (const e of encoded) {
      if (e.upserts === 0) continue;
      current = e.table.source;
      await checkUpserted(ctx, e);
    }
    current = '';
    for (const sql of triggers.on) await client.query(sql);
    const moved = await client.query(
      `UPDATE catdb.online_run SET applied_seq = $2, applied_changes = applied_changes + $3,
              changed_tables = ARRAY(SELECT DISTINCT unnest(changed_tables || $4::text[]) ORDER BY 1),
              apply_rate = coalesce($5, apply_rate), updated_at = now()
        WHERE run_id = $1 AND applied_seq = $6`,
      [ctx.runId, endSeq.toString(), entries, touched, o.applyRate ?? null, fromSeq.toString()],
    );
    if (moved.rowCount !== 1) {
      throw new CatdbError('ONLINE_BUSY', `Another catdb process applied changes of this online migration meanwhile (the position moved past ${fromSeq}); this round was rolled back`, {
        hint: 'Only one follower may run at a time: stop the other one, then run the command again.',
        details: { runId: ctx.runId },
      });
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    if (err instanceof CatdbError) throw err;
    const what = current ? `Applying captured changes to ${current} failed` : 'Recording the applied position failed';
    const mapped = mapPgError(err, { what, ...(current ? { details: { table: current } } : {}) });
    const sqlstate = (err as { code?: string }).code;
    if (sqlstate === '23503' || sqlstate === '23505') throw new RoundConflict(mapped, entries);
    throw mapped;
  }
  ctx.appliedSeq = endSeq;
  for (const e of encoded) {
    result.upserts += e.upserts;
    result.deletes += e.deletes;
  }
  return { ...result, ms: performance.now() - started };
}

/**
 * applyRound, retried with more of the log after a RoundConflict (eight times the entries,
 * up to all of them); a conflict that remains with the whole log is the data's.
 *
 * Errors: ONLINE_APPLY_FAILED, and those of applyRound.
 */
export async function applyRoundWidening(ctx: ApplierContext, db: SqliteDatabase, o: { limit: number | undefined; applyRate?: number; onRetry?: (reason: string, limit: number | undefined) => void }): Promise<RoundResult> {
  let limit = o.limit;
  let replaced = false;
  for (;;) {
    try {
      return await applyRound(ctx, db, { limit, replaced, ...(o.applyRate !== undefined ? { applyRate: o.applyRate } : {}) });
    } catch (err) {
      if (!(err instanceof RoundConflict)) throw err;
      if (limit !== undefined && err.entries < limit) limit = undefined;
      if (limit === undefined) {
        // With the whole log, a unique conflict is a row SQLite deleted without a trigger.
        if (replaced || (err.error.details as { sqlstate?: string }).sqlstate !== '23505') throw applyFailed(err.error);
        replaced = true;
      } else limit = limit * 8 > 1_000_000 ? undefined : limit * 8;
      o.onRetry?.(err.error.message, limit);
    }
  }
}

/**
 * INSERT OR REPLACE deletes the rows that stand in its way on a unique constraint, and fires
 * no delete trigger for them (unless the application turned recursive_triggers on). When a
 * round holds the whole log, a target row that blocks an incoming row on such a constraint
 * under another key can only be one of those: it goes before the upsert.
 */
async function deleteReplaced(ctx: ApplierContext, table: FollowTable, from: string): Promise<void> {
  const qt = quoteQualified(ctx.plan.schema, table.target);
  let keys = ctx.uniqueKeys.get(table.target);
  if (!keys) {
    const res = await ctx.client.query<{ cols: string[] }>(
      `SELECT array_agg(a.attname::text ORDER BY k.i) AS cols
         FROM pg_catalog.pg_index x CROSS JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, i)
         JOIN pg_catalog.pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
        WHERE x.indrelid = $1::regclass AND x.indisunique AND NOT x.indisprimary AND x.indexprs IS NULL AND x.indpred IS NULL
        GROUP BY x.indexrelid`,
      [qt],
    );
    keys = res.rows.map((r) => r.cols);
    ctx.uniqueKeys.set(table.target, keys);
  }
  const pk = table.primaryKey.map(quoteIdent);
  for (const cols of keys) {
    const same = cols.map((c) => `t.${quoteIdent(c)} = r.${quoteIdent(c)}`).join(' AND ');
    await ctx.client.query(`DELETE FROM ${qt} AS t USING ${from} AS r WHERE ${same} AND (${pk.map((c) => `t.${c}`).join(', ')}) IS DISTINCT FROM (${pk.map((c) => `r.${c}`).join(', ')})`);
  }
}

function applyFailed(err: CatdbError): CatdbError {
  const d = err.details as { constraint?: string };
  return new CatdbError('ONLINE_APPLY_FAILED', `${err.message}${d.constraint ? ` [constraint ${d.constraint}]` : ''}`, {
    hint: 'SQLite accepted a row the target refuses (SQLite checks foreign keys only with PRAGMA foreign_keys=ON). Fix the row in SQLite and run the same command again: the follower continues from where it stopped.',
    details: err.details,
    cause: err,
  });
}

function tempName(ctx: ApplierContext, table: FollowTable, kind: 'r' | 'k'): string {
  return `_catdb_${kind}_${ctx.plan.tables.indexOf(table)}`;
}

/**
 * Each table's two temporary tables (rows to upsert, keys to delete), shaped like the
 * target's own columns so COPY parses values with the target types. Created outside the
 * round's transaction, once per session; ON COMMIT DELETE ROWS empties them.
 */
async function ensureTempTables(ctx: ApplierContext, encoded: readonly EncodedTable[]): Promise<void> {
  for (const e of encoded) {
    const qt = quoteQualified(ctx.plan.schema, e.table.target);
    for (const [kind, cols] of [['r', e.table.columns.map((c) => c.target)], ['k', e.table.primaryKey]] as const) {
      const name = tempName(ctx, e.table, kind);
      if (ctx.tempTables.has(name)) continue;
      try {
        await ctx.client.query(`CREATE TEMP TABLE IF NOT EXISTS ${quoteIdent(name)} ON COMMIT DELETE ROWS AS SELECT ${cols.map(quoteIdent).join(', ')} FROM ${qt} WITH NO DATA`);
      } catch (err) {
        throw mapPgError(err, { what: `Preparing to apply changes to ${e.table.target}`, details: { table: e.table.source } });
      }
      ctx.tempTables.add(name);
    }
  }
}

/**
 * Reads the upserted rows back in canonical text and compares count and checksum with
 * SQLite's; on a difference, names the rows that differ.
 */
async function checkUpserted(ctx: ApplierContext, e: EncodedTable): Promise<void> {
  const qt = quoteQualified(ctx.plan.schema, e.table.target);
  const pk = e.table.primaryKey.map(quoteIdent).join(', ');
  const temp = `pg_temp.${quoteIdent(tempName(ctx, e.table, 'r'))}`;
  const rowExpr = pgRowText(e.table.columns);
  const from = `${qt} WHERE (${pk}) IN (SELECT ${pk} FROM ${temp})`;
  const res = await ctx.client.query<{ n: string; s: string }>(checksumSql(rowExpr, from, ctx.algorithm));
  const row = res.rows[0]!;
  if (Number(row.n) === e.upsertSum.count && row.s === e.upsertSum.sum) return;
  const keyExpr = pgRowText(e.table.columns.filter((c) => e.table.primaryKey.includes(c.target)).sort((a, b) => e.table.primaryKey.indexOf(a.target) - e.table.primaryKey.indexOf(b.target)));
  const rows = await ctx.client.query<{ k: string; r: string }>(`SELECT ${keyExpr} AS k, ${rowExpr} AS r FROM ${from}`);
  const differing: string[] = [];
  for (const r of rows.rows) if (e.canonicalByKey.get(r.k) !== r.r) differing.push(r.k.replaceAll(FIELD_SEPARATOR, ', '));
  throw new CatdbError('VERIFY_MISMATCH', `Rows of ${e.table.source} written to the target read back differently from SQLite (key ${differing.slice(0, 5).join('; ') || '?'}); the round was rolled back`, {
    hint: 'A target column changes values on the way in (a trigger, a domain, a different type than planned). Compare the column types with `catdb migrate sqlite-to-pg --dry-run`.',
    details: { table: e.table.source, keys: differing.slice(0, 20), sourceRows: e.upsertSum.count, targetRows: Number(row.n) },
  });
}
