import type { ColumnCodec } from '../codec/column-codec.js';
import { CatdbError, isCatdbError } from '../errors.js';
import { openClientPool } from '../pg/client-pool.js';
import type { MigrationEventHandler } from '../migrate/migration-event.js';
import { foldIdentifier, type IdentifierMode } from '../pg/fold-identifier.js';
import { planColumnNames } from '../plan/column-names.js';
import { readTargetTables } from '../pg/read-target-columns.js';
import { introspectSqlite } from '../sqlite/introspect-sqlite.js';
import { asSourceError, openSqlite } from '../sqlite/open-sqlite.js';
import { codecForTargetColumn } from './codecs-for-target.js';
import type { RowDifference } from './table-verification.js';
import type { SqlCanonicalColumn } from './render-sql-canonical.js';
import type { RenderPool } from './render-pool.js';
import { openRenderPool } from './open-render-pool.js';
import type { TableVerification } from './table-verification.js';
import { planVerification, type VerifySubject } from './plan-verification.js';
import { startVerification } from './start-verification.js';
import { applyVerification } from './apply-verification.js';
import { isFloat4Type } from '../codec/value-kind.js';
import { relationIncluded } from '../plan/relation-included.js';

/** Options of verifyMigration, which only reads, on both sides. */
export interface VerifyOptions {
  /** Path of the SQLite file (opened read-only). */
  source: string;
  /** PostgreSQL URL; a missing password is read from PGPASSFILE / ~/.pgpass. */
  target: string;
  /** Schema holding the migrated tables. Default `public`. */
  schema?: string;
  /** How the migration named the tables: `lower` (default) or `preserve`. */
  identifiers?: IdentifierMode;
  /** Only these source tables (names compare case-insensitively). */
  include?: readonly string[];
  /** Leave these source tables out. */
  exclude?: readonly string[];
  /** Parallel connections. Default 2. */
  jobs?: number;
  nul?: 'error' | 'strip';
  signal?: AbortSignal;
  onEvent?: MigrationEventHandler;
}

/** What verifyMigration returns: `ok`, and one TableVerification per table. */
export interface VerifyResult {
  ok: boolean;
  /** `differences`: for a mismatching table with a primary key, up to 10 rows that differ. */
  tables: (TableVerification & { problem?: string; differences?: RowDifference[] })[];
}

/**
 * Compares a SQLite database with the PostgreSQL tables it was migrated into: per
 * table, row count and a checksum over every value in canonical form. Column types
 * are read from the target, so it also checks migrations made with other cast rules.
 * Read-only on both sides; reports through `onEvent` what it is about to compare (`verify-start`),
 * each table as it starts (`verify-table-start`) and as it finishes (`verify-table`).
 *
 * A difference is not an error: the result has `ok: false` and says which tables differ.
 * Errors: SQLITE_* (source), PG_* (target), MAP_UNSUPPORTED (a target column type catdb cannot
 * compare), ABORTED.
 */
export async function verifyMigration(options: VerifyOptions): Promise<VerifyResult> {
  try {
    return await compareTables(options);
  } catch (err) {
    if (options.signal?.aborted && !isCatdbError(err, 'ABORTED')) throw new CatdbError('ABORTED', 'The verification was interrupted; the statements it was running were cancelled', { cause: err });
    throw asSourceError(err, options.source);
  }
}

async function compareTables(options: VerifyOptions): Promise<VerifyResult> {
  const schemaName = options.schema ?? 'public';
  const mode = options.identifiers ?? 'lower';
  const db = openSqlite(options.source);
  try {
    const schema = introspectSqlite(db, options.source);
    const pool = await openClientPool(options.target, Math.max(1, options.jobs ?? 2), options.signal);
    let threads: RenderPool | undefined;
    try {
      const targets = await readTargetTables(pool.clients[0]!, schemaName);
      const byLower = new Map([...targets.values()].map((t) => [t.name.toLowerCase(), t]));
      const results: VerifyResult['tables'] = [];
      const subjects: VerifySubject[] = [];
      for (const table of schema.tables.filter((t) => relationIncluded(t.name, options))) {
        const target = targets.get(foldIdentifier(table.name, mode)) ?? byLower.get(table.name.toLowerCase());
        const missing = (problem: string): void => {
          results.push({ table: table.name, target: target?.name ?? foldIdentifier(table.name, mode), ok: false, sourceRows: table.rowCount, targetRows: 0, rejected: 0, sourceChecksum: '', targetChecksum: '', ms: 0, problem });
        };
        if (!target) {
          missing('no such table in the target');
          continue;
        }
        const codecs: ColumnCodec[] = [];
        // A float4 column needs float4's text, which only the value-by-value path prints.
        let canonical: SqlCanonicalColumn[] | undefined = [];
        // The names the migration gave the columns, numbered where PostgreSQL would refuse or merge them.
        const planned = planColumnNames(table.columns.map((c) => c.name), mode).targets;
        for (const [i, column] of table.columns.entries()) {
          const tc = target.columns.find((c) => c.name === planned[i]) ?? target.columns.find((c) => c.name.toLowerCase() === column.name.toLowerCase());
          if (!tc) continue;
          const codec = codecForTargetColumn(column.name, tc, options.nul);
          if (!codec) throw new CatdbError('MAP_UNSUPPORTED', `Cannot compare ${table.name}.${column.name}: target type ${tc.type} is not one catdb handles`, { details: { table: table.name, column: column.name, type: tc.type } });
          codecs.push(codec);
          const scale = /^numeric\(\d+,(\d+)\)$/.exec(tc.type)?.[1];
          if (codec.kind === 'float' && isFloat4Type(tc.type)) canonical = undefined;
          canonical?.push({ source: column.name, kind: codec.kind, notNull: tc.notNull, ...(scale !== undefined ? { scale: Number(scale) } : {}) });
        }
        if (codecs.length < table.columns.length) {
          missing(`${table.columns.length - codecs.length} column(s) have no counterpart in the target`);
          continue;
        }
        // A key that holds NULLs (migrated as UNIQUE, see planMigration) cannot name rows.
        const keyColumns = table.primaryKey.every((k) => codecs.find((c) => c.source === k)?.notNull) ? table.primaryKey : [];
        subjects.push({ source: table.name, target: target.name, readKey: table.withoutRowid ? { kind: 'columns', columns: table.primaryKey } : { kind: 'rowid' }, codecs, keyColumns, canonical, rows: table.rowCount });
      }
      // Text changed on purpose (--nul strip) is compared value by value.
      const plan = planVerification(schemaName, subjects, { sqlSide: options.nul !== 'strip' });
      threads = await openRenderPool(db, { source: options.source, ...(options.signal ? { signal: options.signal } : {}) }, pool.clients.length, subjects.map((w) => w.rows));
      const started = await startVerification(db, pool.clients[0]!, plan, threads);
      options.onEvent?.({ type: 'verify-start', tables: subjects.length + results.length, rows: [...subjects, ...results.map((r) => ({ rows: r.sourceRows }))].reduce((n, w) => n + w.rows, 0) });
      // Tables missing in the target are decided already: reported now, so every table gets its verify-table.
      for (const v of results) options.onEvent?.({ type: 'verify-table', table: v.table, ok: v.ok, sourceRows: v.sourceRows, targetRows: v.targetRows, rejected: v.rejected, ms: v.ms });
      const verified = await applyVerification(db, pool.clients, started, {
        renderPool: threads,
        signal: options.signal,
        onTableStart: (t) => options.onEvent?.({ type: 'verify-table-start', table: t.source, rows: t.rows }),
        onTable: (v) => options.onEvent?.({ type: 'verify-table', table: v.table, ok: v.ok, sourceRows: v.sourceRows, targetRows: v.targetRows, rejected: v.rejected, ms: v.ms }),
      });
      results.push(...verified);
      results.sort((a, b) => a.table.localeCompare(b.table));
      return { ok: results.every((r) => r.ok), tables: results };
    } finally {
      await threads?.close();
      await pool.close();
    }
  } finally {
    db.close();
  }
}
