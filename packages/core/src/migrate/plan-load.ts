import { columnCodecs, type ColumnCodec } from '../codec/column-codec.js';
import { LEAN_PROFILE_ROWS } from '../verify/open-render-pool.js';
import { renderSqlCopyChunkQueries, type SqlChunkQueries } from '../copy/render-sql-copy-expression.js';
import { isFloat4Type } from '../codec/value-kind.js';
import type { MigrationPlan, TablePlan } from '../plan/migration-plan.js';
import type { MigrateOptions } from './migrate-options.js';

/** What decides a table's load path, the same for every table of a run. */
export interface LoadSettings {
  /** SQLite may render the COPY text: not when rows may be skipped or text is changed on purpose. */
  fastPath: boolean;
  nul: 'error' | 'strip';
  /** Render threads are open for the big tables. */
  threads: boolean;
}

/** How one table is loaded. */
export interface TableLoadPlan {
  table: TablePlan;
  codecs: ColumnCodec[];
  /** SQLite renders the COPY data (the fast path); absent: the value encoders. */
  sqlChunkQuery?: SqlChunkQueries;
  /** The render threads share the table's chunks; small tables render here, where waiting for a busy worker would cost more. */
  threads: boolean;
}

export interface LoadPlan {
  settings: LoadSettings;
  /** Connections, one table on each at a time. */
  connections: number;
  /** Largest first, so the long tables start early and the small ones fill the gaps. */
  tables: TableLoadPlan[];
}

/** Decides, without touching either database, the order, parallelism and path of every table's load. */
export function planLoad(plan: MigrationPlan, options: Pick<MigrateOptions, 'onError' | 'nul' | 'fastPath'>, resources: { jobs: number; threads: boolean }): LoadPlan {
  const settings: LoadSettings = {
    fastPath: options.onError !== 'skip-row' && options.nul !== 'strip' && options.fastPath !== false,
    nul: options.nul ?? 'error',
    threads: resources.threads,
  };
  const order = [...plan.tables].sort((a, b) => b.rowCount - a.rowCount);
  return { settings, connections: Math.min(resources.jobs, Math.max(1, plan.tables.length)), tables: order.map((t) => planTableLoad(t, settings)) };
}

/** One table's load; planned again when the load changes a column (see LoadDecision). */
export function planTableLoad(table: TablePlan, settings: LoadSettings): TableLoadPlan {
  const sqlChunkQuery = settings.fastPath ? sqlChunkQueryFor(table) : undefined;
  return {
    table,
    codecs: columnCodecs(table.columns, settings.nul),
    ...(sqlChunkQuery ? { sqlChunkQuery } : {}),
    threads: Boolean(sqlChunkQuery) && settings.threads && table.rowCount > LEAN_PROFILE_ROWS,
  };
}

/** The SQLite-rendered COPY for a table whose every column SQLite can render exactly. */
function sqlChunkQueryFor(table: TablePlan): SqlChunkQueries | undefined {
  return renderSqlCopyChunkQueries(
    table.source,
    table.columns.map((c) => ({
      source: c.source,
      kind: c.kind,
      ...(c.scale !== undefined ? { scaled: true } : {}),
      ...(isFloat4Type(c.pgType) ? { float4: true } : {}),
      ...(c.target === table.serialColumn?.target ? { rowid: true } : {}),
    })),
    table.readKey.kind === 'rowid' ? ['rowid'] : table.readKey.columns,
  );
}
