import type pg from 'pg';
import { mapPgError } from '../pg/map-pg-error.js';
import { quoteIdent, quoteQualified } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import type { ApplierContext } from './applier-context.js';
import { compareRowCounts } from './compare-row-counts.js';
import type { RowCount } from './cutover-result.js';
import { encodeBatchTable } from './encode-batch.js';
import { FIELD_SEPARATOR, NULL_MARK } from '../verify/pg-normalizer.js';
import type { FollowPlan, FollowTable } from './follow-plan.js';
import type { CountSnapshot } from './take-count-snapshot.js';
import { readChanges } from './read-changes.js';
import { readRowsByKey } from './read-rows-by-key.js';

/**
 * The row counts at the fence, without counting a whole table under the lock. Why this is
 * as strong as counting both sides at the fence: let K be the keys of a table logged after
 * S (read here, under the lock, so K is complete up to the fence). Only the applier writes
 * the target, and it writes only logged keys, so outside K neither side changed after S:
 *   rows at fence = rows at S − (keys of K present at S) + (keys of K present at fence),
 * on each side. The counts at S come from the snapshot; the keys of K are looked up in both
 * snapshots (at S) and on both sides now. The target's ON DELETE CASCADE is the exception
 * to "only logged keys": a child row the target deleted with its parent while SQLite (with
 * foreign keys off) kept it. So a child table with such a foreign key whose snapshot at S
 * holds children of a parent deleted after S, other than children in its own K, is
 * counted whole, as before. Every key of K was also compared row by row by the round that
 * applied it; this adds the rows outside K.
 *
 * Call with `db` holding the write lock (or fenced) and the log applied up to its end. The
 * log after S must be whole: only the follower trims it, and it waits while a cutover runs.
 * Errors: PG_*.
 */
export async function verifyCountsSince(ctx: ApplierContext, db: SqliteDatabase, snap: CountSnapshot, planned: readonly FollowTable[]): Promise<RowCount[]> {
  const batch = readChanges(db, ctx.captureKeys, snap.seq, undefined, ctx.encoding);
  const schema = ctx.plan.schema;
  // Tables that first changed after S were not counted at S: counted whole now (rare; small ones usually).
  const whole: FollowTable[] = planned.filter((t) => !snap.tables.includes(t));
  const keysOf = new Map<FollowTable, { all: string[][]; gone: string[][]; presentNow: number; sqliteAtS: number }>();
  for (const t of snap.tables) {
    const k = batch.byTable.get(t.source) ?? new Map();
    const enc = encodeBatchTable(db, t, ctx.codecs.get(t.source)!, k, ctx.algorithm);
    const present = [...enc.canonicalByKey.keys()].map((key) => key.split(FIELD_SEPARATOR));
    keysOf.set(t, { all: [...present, ...enc.deleteKeys], gone: enc.deleteKeys, presentNow: enc.upserts, sqliteAtS: readRowsByKey(snap.sqlite.db, t, k).present.length });
  }
  // The same query on both sides: at S on the snapshot's transaction, and now.
  const params: unknown[] = [];
  const selects = snap.tables.map((t, i) => `(${keyCountSql(schema, t, keysOf.get(t)!.all, params)})::text AS c${i}`);
  const count = async (client: pg.Client): Promise<Record<string, string>> => {
    try {
      return (await client.query<Record<string, string>>(`SELECT ${selects.join(', ')}`, params)).rows[0]!;
    } catch (err) {
      throw mapPgError(err, { what: 'Looking up the keys changed since the counts in the target failed' });
    }
  };
  const atS = await count(snap.pg);
  const now = await count(ctx.client);
  const result: RowCount[] = snap.tables.map((t, i) => {
    const k = keysOf.get(t)!;
    const sqliteRows = snap.counts[i]!.sqliteRows - k.sqliteAtS + k.presentNow;
    const targetRows = snap.counts[i]!.targetRows - Number(atS[`c${i}`]) + Number(now[`c${i}`]);
    return { table: t.source, sqliteRows, targetRows, ok: sqliteRows === targetRows };
  });
  for (const fk of await cascadingForeignKeys(snap.pg, schema)) {
    const child = snap.tables.find((t) => t.target === fk.child);
    const parent = snap.tables.find((t) => t.target === fk.parent);
    if (!child || !parent || whole.includes(child) || keysOf.get(parent)!.gone.length === 0) continue;
    const sameKey = parent.primaryKey.length === fk.parentColumns.length && parent.primaryKey.every((c, j) => fk.parentColumns[j] === c);
    if (!sameKey || (await orphansAtS(snap.pg, schema, fk, parent, child, keysOf.get(parent)!.gone, keysOf.get(child)!.all)) > 0) whole.push(child);
  }
  if (whole.length === 0) return result;
  const recount = await compareRowCounts(db, ctx.client, schema, whole);
  return [...result.filter((r) => !recount.some((c) => c.table === r.table)), ...recount];
}

/**
 * `(cols) IN (SELECT * FROM unnest($a::type[], …))`: one array parameter per key column, of
 * the column's own type, so the lookup goes through the primary key's index.
 */
function keyIn(t: FollowTable, columns: readonly string[], alias: string, keys: readonly string[][], params: unknown[]): string {
  const arrays = t.primaryKey.map((c, j) => {
    const col = t.columns.find((x) => x.target === c)!;
    params.push(keys.map((k) => (k[j] === NULL_MARK ? null : col.kind === 'bytea' ? `\\x${k[j]}` : k[j])));
    return `$${params.length}::${arrayElementType(col.pgType)}[]`;
  });
  return `(${columns.map((c) => `${alias}.${quoteIdent(c)}`).join(', ')}) IN (SELECT * FROM unnest(${arrays.join(', ')}))`;
}

/** The plan says `serial` for a column whose type is integer with a sequence; arrays take the plain type. */
function arrayElementType(pgType: string): string {
  const serial: Record<string, string> = { smallserial: 'smallint', serial2: 'smallint', serial: 'integer', serial4: 'integer', bigserial: 'bigint', serial8: 'bigint' };
  return serial[pgType.toLowerCase()] ?? pgType;
}

function keyCountSql(schema: string, t: FollowTable, keys: readonly string[][], params: unknown[]): string {
  if (keys.length === 0) return 'SELECT 0';
  return `SELECT count(*) FROM ${quoteQualified(schema, t.target)} AS x WHERE ${keyIn(t, t.primaryKey, 'x', keys, params)}`;
}

interface CascadeFk {
  child: string;
  parent: string;
  childColumns: string[];
  parentColumns: string[];
}

async function cascadingForeignKeys(client: pg.Client, schema: string): Promise<CascadeFk[]> {
  try {
    const res = await client.query<CascadeFk>(
      `SELECT ch.relname::text AS child, pa.relname::text AS parent,
              ARRAY(SELECT a.attname::text FROM unnest(x.conkey) WITH ORDINALITY k(n, i) JOIN pg_catalog.pg_attribute a ON a.attrelid = x.conrelid AND a.attnum = k.n ORDER BY k.i) AS "childColumns",
              ARRAY(SELECT a.attname::text FROM unnest(x.confkey) WITH ORDINALITY k(n, i) JOIN pg_catalog.pg_attribute a ON a.attrelid = x.confrelid AND a.attnum = k.n ORDER BY k.i) AS "parentColumns"
         FROM pg_catalog.pg_constraint x JOIN pg_catalog.pg_class ch ON ch.oid = x.conrelid JOIN pg_catalog.pg_class pa ON pa.oid = x.confrelid
        WHERE x.contype = 'f' AND x.confdeltype = 'c' AND ch.relnamespace = (SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = $1)`,
      [schema],
    );
    return res.rows;
  } catch (err) {
    throw mapPgError(err, { what: 'Reading the cascading foreign keys of the target failed', details: { schema } });
  }
}

/** Children (at S) of parents deleted after S that are not among the child's own logged keys: rows a target cascade could have removed unseen. */
async function orphansAtS(client: pg.Client, schema: string, fk: CascadeFk, parent: FollowTable, child: FollowTable, gone: readonly string[][], childKeys: readonly string[][]): Promise<number> {
  const params: unknown[] = [];
  const ofGone = keyIn(parent, fk.childColumns, 'x', gone, params);
  const own = childKeys.length === 0 ? '' : ` AND NOT ${keyIn(child, child.primaryKey, 'x', childKeys, params)}`;
  try {
    const res = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${quoteQualified(schema, child.target)} AS x WHERE ${ofGone}${own}`, params);
    return Number(res.rows[0]!.n);
  } catch (err) {
    throw mapPgError(err, { what: `Looking for children of deleted rows in ${child.target} failed`, details: { table: child.source } });
  }
}
