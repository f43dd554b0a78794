import type { ColumnCodec } from '../codec/column-codec.js';
import { CatdbError, isCatdbError } from '../errors.js';
import { forEachWithClients, openClientPool } from '../pg/client-pool.js';
import type { MigrationEventHandler } from '../migrate/migration-event.js';
import { foldIdentifier, type IdentifierMode } from '../pg/fold-identifier.js';
import { readTargetTables } from '../pg/read-target-columns.js';
import { introspectSqlite } from '../sqlite/introspect-sqlite.js';
import { asSourceError, openSqlite } from '../sqlite/open-sqlite.js';
import { codecForTargetColumn } from './codecs-for-target.js';
import { diffTableRows, type RowDifference } from './diff-table-rows.js';
import { probeLookup3 } from './probe-lookup3.js';
import { renderSqlCanonicalQuery, type SqlCanonicalColumn } from './render-sql-canonical.js';
import type { RenderPool } from './render-pool.js';
import type { ReadKey } from '../sqlite/read-row-chunks.js';
import { LEAN_PROFILE_ROWS, openRenderPool } from './open-render-pool.js';
import { verifyTable, type TableVerification } from './verify-table.js';
import { isFloat4Type } from '../codec/value-kind.js';
import { relationIncluded } from '../plan/relation-included.js';

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
      const work: { source: string; target: string; readKey: ReadKey; codecs: ColumnCodec[]; keyColumns: string[]; canonical: SqlCanonicalColumn[] | undefined; rows: number }[] = [];
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
        // The SQL-side source checksum, unless text was changed on purpose (--nul strip) or a
        // float4 column needs float4's text, which only the value-by-value path prints.
        let canonical: SqlCanonicalColumn[] | undefined = options.nul === 'strip' ? undefined : [];
        for (const column of table.columns) {
          const tc = target.columns.find((c) => c.name === foldIdentifier(column.name, mode)) ?? target.columns.find((c) => c.name.toLowerCase() === column.name.toLowerCase());
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
        work.push({ source: table.name, target: target.name, readKey: table.withoutRowid ? { kind: 'columns', columns: table.primaryKey } : { kind: 'rowid' }, codecs, keyColumns, canonical, rows: table.rowCount });
      }
      const algorithm = (await probeLookup3(pool.clients[0]!)) ? 'lookup3' : 'md5';
      threads = await openRenderPool(db, { source: options.source, ...(options.signal ? { signal: options.signal } : {}) }, pool.clients.length, work.map((w) => w.rows));
      work.sort((a, b) => b.rows - a.rows);
      options.onEvent?.({ type: 'verify-start', tables: work.length + results.length, rows: [...work, ...results.map((r) => ({ rows: r.sourceRows }))].reduce((n, w) => n + w.rows, 0) });
      // Tables missing in the target are decided already: reported now, so every table gets its verify-table.
      for (const v of results) options.onEvent?.({ type: 'verify-table', table: v.table, ok: v.ok, sourceRows: v.sourceRows, targetRows: v.targetRows, rejected: v.rejected, ms: v.ms });
      await forEachWithClients(pool.clients, work, async (w, client) => {
        const { keyColumns, canonical, rows, ...spec } = w;
        options.onEvent?.({ type: 'verify-table-start', table: w.source, rows });
        const sqlCanonical = canonical ? renderSqlCanonicalQuery(w.source, canonical, w.readKey) : undefined;
        const v: VerifyResult['tables'][number] = await verifyTable(db, client, {
          schema: schemaName,
          ...spec,
          algorithm,
          ...(sqlCanonical ? { sqlCanonical } : {}),
          ...(sqlCanonical && threads && rows > LEAN_PROFILE_ROWS ? { renderPool: threads } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        });
        if (!v.ok && keyColumns.length > 0) v.differences = await diffTableRows(db, client, { schema: schemaName, ...w, ...(options.signal ? { signal: options.signal } : {}) });
        results.push(v);
        options.onEvent?.({ type: 'verify-table', table: v.table, ok: v.ok, sourceRows: v.sourceRows, targetRows: v.targetRows, rejected: v.rejected, ms: v.ms });
      });
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
